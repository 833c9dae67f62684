import type { TurnInput } from "../engine/input.js";
import type { Knowledge } from "../engine/knowledge.js";
import { respond } from "../engine/respond.js";
import { initialState } from "../engine/state.js";
import type { Reply } from "../reply/model.js";
import { notice } from "../reply/notice.js";
import type { Logger } from "./logger.js";
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

export type TurnOutcome = { status: "answered"; reply: Reply } | { status: "duplicate" };

export interface ConversationsOptions {
  /** Longer input gets a polite refusal and never reaches the engine. */
  maxInputChars: number;
}

/**
 * The imperative shell around the pure engine: load the thread's state, run one turn, save it
 * with a version check, and never answer the same platform event twice. Shared by every adapter.
 */
export class Conversations {
  private storeDown = false;

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
    const started = performance.now();
    if (req.eventId && !(await this.claim(req.eventId))) {
      this.log.debug({ platform: req.platform, eventId: req.eventId }, "duplicate delivery ignored");
      return { status: "duplicate" };
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
    const started = performance.now();
    if (req.eventId && !(await this.claim(req.eventId))) return { status: "duplicate" };
    const tooLong = this.tooLong(req.input);
    const result = tooLong ? null : respond(this.knowledge, initialState(), req.input);
    const reply = tooLong ?? (result as NonNullable<typeof result>).reply;
    const key = await publish(reply);
    if (key && result) {
      try {
        await this.store.save(key, result.state, 0);
        this.storeRecovered();
      } catch (err) {
        this.storeFailed(err);
      }
    }
    this.logTurn({ ...req, key: key ?? "" }, reply, started);
    return { status: "answered", reply };
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
      if (saved !== null) return result.reply;
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

  private logTurn(req: TurnRequest, reply: Reply, started: number): void {
    this.log.info(
      {
        platform: req.platform,
        intent: reply.intent,
        technologies: reply.technologies,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
      },
      "turn",
    );
  }
}

function cannotSave(): Reply {
  return notice(
    "store-unavailable",
    "I can't save your progress right now, so I won't move the recommendation forward. Please try again in a minute; questions that need no memory still work.",
  );
}
