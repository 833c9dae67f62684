import type { TurnInput } from "../engine/input.js";
import type { Knowledge } from "../engine/knowledge.js";
import { respond, type TurnResult } from "../engine/respond.js";
import { type ConversationState, initialState } from "../engine/state.js";
import type { Reply } from "../reply/model.js";
import { notice } from "../reply/notice.js";
import { currentQuestion } from "./current-question.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { RateLimiter } from "./rate-limit.js";
import { RecentEvents } from "./recent-events.js";
import type { ConversationStore, StoredConversation } from "./store/types.js";

export interface TurnRequest {
  /** "slack", "discord", "shell": for logs and metrics only. */
  platform: string;
  /** One conversation per thread: adapters build it from the platform's thread identity. */
  key: string;
  input: TurnInput;
  /**
   * Platform delivery id: on the turn's log line, and claimed so a second delivery with the same
   * id is not answered (unless `claimed` says the caller claimed it already, with claim()).
   */
  eventId?: string;
  /** The caller already claimed `eventId` (the dispatcher claims before it touches the platform). */
  claimed?: boolean;
  /** Redelivery number (Slack's x-slack-retry-num): a retry is not answered while the store is down. */
  retryNum?: number;
  /** Who typed or clicked, namespaced by platform ("slack:T1:U1"): for per-user rate limits. */
  userId?: string;
}

/**
 * A click on a question that is no longer the pending one (an old message clicked again, or a
 * question answered by a click whose next question was then never shown). `question` is the
 * pending question as a message to post again (null when the flow has ended); `id` names the
 * conversation at its current version ("<key>@<version>"), as `version` does for a turn that
 * posts a question, so the two can tell whether the pending question was ever shown.
 */
export interface StaleClick {
  id: string;
  question: Reply | null;
}

/**
 * answered: post `reply`; `moved` is true when the turn left the flow's pending question (a new
 * question, the result, a cancel): the old question's buttons can go; `version` is the
 * conversation's version after the turn (when it was saved or left unchanged). duplicate: a
 * redelivery, post nothing. limited: the user is over the rate limit and was already told so
 * once: post nothing (no reply, no error, no reaction).
 */
export type TurnOutcome =
  | {
      status: "answered";
      reply: Reply;
      moved?: boolean;
      version?: number;
      stale?: StaleClick;
      /** For a recommendation: the answers it rests on ("question:option" ids, need ids). */
      given?: string[];
    }
  | { status: "duplicate" }
  | { status: "limited" };

export interface ConversationsOptions {
  /** Longer input gets a polite refusal and never reaches the engine. */
  maxInputChars: number;
  /** Per-user limit on turns (requests with a userId); none = unlimited. */
  rateLimiter?: RateLimiter;
  /** Turn counts and latencies, errors, active flows. */
  metrics?: Metrics;
  /** The in-process dedupe record (default: 10,000 ids for 15 minutes). */
  recent?: RecentEvents;
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
  private readonly recent: RecentEvents;

  constructor(
    private readonly knowledge: Knowledge,
    private readonly store: ConversationStore,
    private readonly log: Logger,
    private readonly options: ConversationsOptions = { maxInputChars: 2000 },
  ) {
    this.recent = options.recent ?? new RecentEvents();
  }

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
    if (!(await this.claimOnce(req))) return { status: "duplicate" };
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
    const outcome = await this.runTurn(req);
    this.logTurn(req, outcome.reply, started);
    return outcome;
  }

  /**
   * Claims a platform delivery id: true the first time, false for a redelivery. The shared
   * store decides; this process also remembers recent ids, which answers a redelivery to this
   * process without a round trip and stands in while the store is unreachable. Then a retry
   * (`retryNum` >= 1) is acknowledged without answering: another instance may have answered the
   * first delivery, and answering twice is worse than once late.
   */
  async claim(eventId: string, retryNum = 0): Promise<boolean> {
    if (!this.recent.add(eventId)) return false;
    try {
      const first = await this.store.claimEvent(eventId);
      this.storeRecovered();
      return first;
    } catch (err) {
      this.storeFailed(err);
      return retryNum < 1;
    }
  }

  /**
   * True the first time `id` is offered (shared through the store like event ids): for things
   * done once per conversation version, such as posting a question again after a stale click.
   */
  async once(id: string): Promise<boolean> {
    return this.claim(`once:${id}`);
  }

  /** True when this process claimed `once(id)` lately: a shortcut that needs no store. */
  onceHere(id: string): boolean {
    return this.recent.has(`once:${id}`);
  }

  private async claimOnce(req: Omit<TurnRequest, "key">): Promise<boolean> {
    if (!req.eventId || req.claimed) return true;
    if (await this.claim(req.eventId, req.retryNum)) return true;
    this.log.debug({ platform: req.platform, eventId: req.eventId }, "duplicate delivery ignored");
    return false;
  }

  /**
   * The first turn of a conversation whose thread does not exist yet (a Slack slash command:
   * the thread is the answer's own message). `publish` posts the reply and returns the new
   * thread's key, or null if nothing was posted; the state is then saved under that key.
   */
  async open(
    req: Omit<TurnRequest, "key">,
    publish: (reply: Reply, given?: string[]) => Promise<string | null>,
  ): Promise<TurnOutcome> {
    return this.track(req.platform, async () => {
      const started = performance.now();
      if (!(await this.claimOnce(req))) return { status: "duplicate" };
      const admitted = await this.admit(req);
      if (admitted === "deny") return { status: "limited" };
      const refusal = admitted === "warn" ? rateLimited() : this.tooLong(req.input);
      const result = refusal ? null : respond(this.knowledge, initialState(), req.input);
      const reply = refusal ?? (result as NonNullable<typeof result>).reply;
      if (result) this.engineFailed(req, result);
      const key = await publish(reply, result ? givenAnswers(result.reply, result.state) : undefined);
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
      return { status: "answered", reply, moved: Boolean(result?.state.flow?.current) };
    });
  }

  /**
   * Runs one turn, counted for drain(). An exception goes to the caller, whose error sink logs
   * and counts it (the dispatcher's), so it is counted once.
   */
  private async track<T>(platform: string, body: () => Promise<T>): Promise<T> {
    const run = body();
    this.inflight.add(run);
    try {
      return await run;
    } catch (err) {
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

  private async runTurn(req: TurnRequest): Promise<{ status: "answered" } & Answered> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let stored: StoredConversation | null;
      try {
        stored = await this.store.load(req.key);
      } catch (err) {
        this.storeFailed(err);
        return { status: "answered", reply: this.statelessTurn(req) };
      }
      const result = respond(this.knowledge, stored?.state ?? initialState(), req.input);
      this.engineFailed(req, result);
      const before = stored ? JSON.stringify(stored.state) : null;
      const unchanged = before !== null && before === JSON.stringify(result.state);
      // A turn that changed nothing is not written: a typed "help" racing a click must not make
      // the click look stale, and a stale click keeps the version its "post again once" names.
      let saved: number | null = stored?.version ?? 0;
      if (!unchanged) {
        try {
          saved = await this.store.save(req.key, result.state, stored?.version ?? 0);
        } catch (err) {
          this.storeFailed(err);
          const reply = result.reply.intent.startsWith("flow") ? cannotSave() : result.reply;
          return { status: "answered", reply };
        }
        this.storeRecovered();
      }
      if (saved !== null) {
        this.countFlow(stored?.state ?? null, result.state);
        const moved = (stored?.state.flow?.current ?? null) !== (result.state.flow?.current ?? null);
        const answered: { status: "answered" } & Answered = {
          status: "answered",
          reply: result.reply,
          moved,
          version: saved,
        };
        const given = givenAnswers(result.reply, result.state);
        if (given) answered.given = given;
        // A click the engine turned down without changing anything: the question it was on is
        // no longer the pending one.
        if (req.input.kind === "choice" && unchanged && result.reply.visibility === "asker") {
          answered.stale = {
            id: `${req.key}@${stored?.version ?? 0}`,
            question: currentQuestion(this.knowledge, stored?.state ?? null),
          };
        }
        return answered;
      }
      // Someone else saved this thread first. A click on a flow button lost the race: say so;
      // typed text is simply answered again against the fresh state.
      if (req.input.kind === "choice") {
        const reply = notice(
          "already-answered",
          "That question was already answered; the conversation has moved on.",
        );
        return { status: "answered", reply };
      }
    }
    return {
      status: "answered",
      reply: notice("busy", "This thread is busy right now. Please try again in a moment."),
    };
  }

  /** The store is unreachable: answer what needs no memory, refuse what would lose progress. */
  private statelessTurn(req: TurnRequest): Reply {
    const result = respond(this.knowledge, initialState(), req.input);
    this.engineFailed(req, result);
    return result.reply.intent.startsWith("flow") ? cannotSave() : result.reply;
  }

  /**
   * The engine answers every input, catching its own bugs with a help reply of intent "error" and
   * handing the error over: such a turn is counted and logged here, with the stack.
   */
  private engineFailed(req: Omit<TurnRequest, "key">, result: TurnResult): void {
    if (result.error === undefined) return;
    this.options.metrics?.error("engine");
    this.log.error(
      { err: result.error, platform: req.platform, eventId: req.eventId },
      "the engine failed on a turn",
    );
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

  /**
   * The one info line per turn: what it was about and how long it took, never what was said;
   * `eventId` is the platform's event or interaction id, to find the turn from the platform side.
   */
  private logTurn(req: TurnRequest, reply: Reply, started: number): void {
    const ms = performance.now() - started;
    this.options.metrics?.turn(req.platform, reply.intent, ms / 1000);
    this.log.info(
      {
        platform: req.platform,
        eventId: req.eventId,
        intent: reply.intent,
        technologies: reply.technologies,
        latencyMs: Math.round(ms * 100) / 100,
      },
      "turn",
    );
  }
}

/** A recommendation's answers and needs, as ids; undefined for any other reply. */
function givenAnswers(reply: Reply, state: ConversationState): string[] | undefined {
  const last = state.lastRecommendation;
  if (!last || (reply.intent !== "recommend" && reply.intent !== "flow-result")) return undefined;
  return [...Object.entries(last.answers).map(([q, o]) => `${q}:${o}`), ...(last.needs ?? [])];
}

const inFlow = (state: ConversationState | null) => Boolean(state?.flow?.current);

/** What an answered turn carries besides its status. */
type Answered = Omit<Extract<TurnOutcome, { status: "answered" }>, "status">;

function rateLimited(): Reply {
  return notice("rate-limited", RATE_LIMITED_TEXT);
}

function cannotSave(): Reply {
  return notice(
    "store-unavailable",
    "I can't save your progress right now, so I won't move the recommendation forward. Please try again in a minute; questions that need no memory still work.",
  );
}
