import type { TurnInput } from "../engine/input.js";
import type { Knowledge } from "../engine/knowledge.js";
import { respond } from "../engine/respond.js";
import { type ConversationState, initialState } from "../engine/state.js";
import type { Reply } from "../reply/model.js";
import { notice } from "../reply/notice.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { RateLimiter } from "./rate-limit.js";
import type { ConversationStore } from "./store/types.js";

export interface TurnRequest {
  /** "slack", "discord", "shell": for logs and metrics only. */
  platform: string;
  /** One conversation per thread: adapters build it from the platform's thread identity. */
  key: string;
  input: TurnInput;
  /** Platform delivery id; a second delivery with the same id is not answered. */
  eventId?: string;
  /** Who typed or clicked, namespaced by platform ("slack:T1:U1"): for per-user rate limits. */
  userId?: string;
}

/**
 * answered: post `reply`. duplicate: a redelivery, post nothing. limited: the user is over the
 * rate limit and was already told so once: post nothing (no reply, no error, no reaction).
 */
export type TurnOutcome =
  | { status: "answered"; reply: Reply }
  | { status: "duplicate" }
  | { status: "limited" };

export interface ConversationsOptions {
  /** Longer input gets a polite refusal and never reaches the engine. */
  maxInputChars: number;
  /** Per-user limit on turns (requests with a userId); none = unlimited. */
  rateLimiter?: RateLimiter;
  /** Turn counts and latencies, errors, active flows. */
  metrics?: Metrics;
}

export const RATE_LIMITED_TEXT =
  "You're sending messages faster than I can answer, so I'll skip the next few. Give me a minute, then ask again.";

/**
 * The imperative shell around the pure engine: load the thread's state, run one turn, save it
 * with a version check, and never answer the same platform event twice. Shared by every adapter.
 */
export class Conversations {
  private storeDown = false;
  private limiterDown = false;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly knowledge: Knowledge,
    private readonly store: ConversationStore,
    private readonly log: Logger,
    private readonly options: ConversationsOptions = { maxInputChars: 2000 },
  ) {}

  /** True when the bot already took part in this thread (so replies need no mention). */
  async isActive(key: string): Promise<boolean> {
    try {
      return (await this.store.load(key)) !== null;
    } catch (err) {
      this.storeFailed(err);
      return false;
    }
  }

  async turn(req: TurnRequest): Promise<TurnOutcome> {
    return this.track(req.platform, () => this.runRequest(req));
  }

  /** Turns started and not finished yet. */
  get inFlight(): number {
    return this.inflight.size;
  }

  /**
   * Resolves once every turn in flight has finished (true), or after `timeoutMs` (false).
   * For a graceful stop, after the platforms stopped taking events.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = async (): Promise<true> => {
      while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
      return true;
    };
    try {
      return await Promise.race([settled(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async runRequest(req: TurnRequest): Promise<TurnOutcome> {
    const started = performance.now();
    if (req.eventId && !(await this.claim(req.eventId))) {
      this.log.debug({ platform: req.platform, eventId: req.eventId }, "duplicate delivery ignored");
      return { status: "duplicate" };
    }
    const admitted = await this.admit(req);
    if (admitted !== "allow") {
      if (admitted === "deny") return { status: "limited" };
      const reply = rateLimited();
      this.logTurn(req, reply, started);
      return { status: "answered", reply };
    }
    const tooLong = this.tooLong(req.input);
    if (tooLong) {
      this.logTurn(req, tooLong, started);
      return { status: "answered", reply: tooLong };
    }
    const reply = await this.runTurn(req);
    this.logTurn(req, reply, started);
    return { status: "answered", reply };
  }

  /**
   * The first turn of a conversation whose thread does not exist yet (a Slack slash command:
   * the thread is the answer's own message). `publish` posts the reply and returns the new
   * thread's key, or null if nothing was posted; the state is then saved under that key.
   */
  async open(
    req: Omit<TurnRequest, "key">,
    publish: (reply: Reply) => Promise<string | null>,
  ): Promise<TurnOutcome> {
    return this.track(req.platform, async () => {
      const started = performance.now();
      if (req.eventId && !(await this.claim(req.eventId))) return { status: "duplicate" };
      const admitted = await this.admit(req);
      if (admitted === "deny") return { status: "limited" };
      const refusal = admitted === "warn" ? rateLimited() : this.tooLong(req.input);
      const result = refusal ? null : respond(this.knowledge, initialState(), req.input);
      const reply = refusal ?? (result as NonNullable<typeof result>).reply;
      const key = await publish(reply);
      if (key && result) {
        try {
          await this.store.save(key, result.state, 0);
          this.storeRecovered();
          this.countFlow(null, result.state);
        } catch (err) {
          this.storeFailed(err);
        }
      }
      this.logTurn({ ...req, key: key ?? "" }, reply, started);
      return { status: "answered", reply };
    });
  }

  /** Runs one turn, counted for drain(); an exception is counted as an error and rethrown. */
  private async track<T>(platform: string, body: () => Promise<T>): Promise<T> {
    const run = body();
    this.inflight.add(run);
    try {
      return await run;
    } catch (err) {
      this.options.metrics?.error("turn");
      this.log.debug({ platform }, "turn failed");
      throw err;
    } finally {
      this.inflight.delete(run);
    }
  }

  /** The rate limit's verdict for this request; requests without a user id are not limited. */
  private async admit(req: Omit<TurnRequest, "key">): Promise<"allow" | "warn" | "deny"> {
    const limiter = this.options.rateLimiter;
    if (!limiter || !req.userId) return "allow";
    let decision: "allow" | "warn" | "deny";
    try {
      decision = await limiter.take(req.userId);
    } catch (err) {
      // Fail open: a broken limiter must not silence the bot. Logged once per incident.
      this.options.metrics?.error("rate_limiter");
      if (!this.limiterDown) {
        this.limiterDown = true;
        this.log.warn({ err, limiter: limiter.kind }, "rate limiter unavailable; allowing every turn");
      }
      return "allow";
    }
    if (this.limiterDown) {
      this.limiterDown = false;
      this.log.info({ limiter: limiter.kind }, "rate limiter available again");
    }
    if (decision !== "allow") {
      this.options.metrics?.rateLimited(req.platform);
      this.log.debug({ platform: req.platform, decision }, "rate limited");
    }
    return decision;
  }

  /** Active-flow gauge: +1 when a thread entered a flow question, -1 when it left the flow. */
  private countFlow(before: ConversationState | null, after: ConversationState): void {
    const metrics = this.options.metrics;
    if (!metrics) return;
    metrics.flowDelta(Number(inFlow(after)) - Number(inFlow(before)));
  }

  private tooLong(input: TurnInput): Reply | null {
    if (input.kind !== "text" || input.text.length <= this.options.maxInputChars) return null;
    return notice(
      "too-long",
      `That message is ${input.text.length.toLocaleString("en-US")} characters long; I read up to ${this.options.maxInputChars.toLocaleString("en-US")}. Could you ask a shorter question?`,
    );
  }

  private async runTurn(req: TurnRequest): Promise<Reply> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let stored: Awaited<ReturnType<ConversationStore["load"]>>;
      try {
        stored = await this.store.load(req.key);
      } catch (err) {
        this.storeFailed(err);
        return this.statelessTurn(req.input);
      }
      const result = respond(this.knowledge, stored?.state ?? initialState(), req.input);
      let saved: number | null;
      try {
        saved = await this.store.save(req.key, result.state, stored?.version ?? 0);
      } catch (err) {
        this.storeFailed(err);
        return result.reply.intent.startsWith("flow") ? cannotSave() : result.reply;
      }
      this.storeRecovered();
      if (saved !== null) {
        this.countFlow(stored?.state ?? null, result.state);
        return result.reply;
      }
      // Someone else saved this thread first. A click on a flow button lost the race: say so;
      // typed text is simply answered again against the fresh state.
      if (req.input.kind === "choice") {
        return notice(
          "already-answered",
          "That question was already answered; the conversation has moved on.",
        );
      }
    }
    return notice("busy", "This thread is busy right now. Please try again in a moment.");
  }

  /** The store is unreachable: answer what needs no memory, refuse what would lose progress. */
  private statelessTurn(input: TurnInput): Reply {
    const result = respond(this.knowledge, initialState(), input);
    return result.reply.intent.startsWith("flow") ? cannotSave() : result.reply;
  }

  private async claim(eventId: string): Promise<boolean> {
    try {
      const first = await this.store.claimEvent(eventId);
      this.storeRecovered();
      return first;
    } catch (err) {
      this.storeFailed(err);
      return true;
    }
  }

  /** Logs once per incident, not once per turn. */
  private storeFailed(err: unknown): void {
    if (this.storeDown) return;
    this.storeDown = true;
    this.log.error(
      { err, store: this.store.kind },
      "conversation store unreachable; answering without state",
    );
  }

  private storeRecovered(): void {
    if (!this.storeDown) return;
    this.storeDown = false;
    this.log.info({ store: this.store.kind }, "conversation store reachable again");
  }

  /** The one info line per turn: what it was about and how long it took, never what was said. */
  private logTurn(req: TurnRequest, reply: Reply, started: number): void {
    const ms = performance.now() - started;
    this.options.metrics?.turn(req.platform, reply.intent, ms / 1000);
    this.log.info(
      {
        platform: req.platform,
        intent: reply.intent,
        technologies: reply.technologies,
        latencyMs: Math.round(ms * 100) / 100,
      },
      "turn",
    );
  }
}

const inFlow = (state: ConversationState | null) => Boolean(state?.flow?.current);

function rateLimited(): Reply {
  return notice("rate-limited", RATE_LIMITED_TEXT);
}

function cannotSave(): Reply {
  return notice(
    "store-unavailable",
    "I can't save your progress right now, so I won't move the recommendation forward. Please try again in a minute; questions that need no memory still work.",
  );
}
