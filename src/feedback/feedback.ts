/**
 * The feedback loop's bookkeeping (issue 14), called by the dispatcher: a record for every
 * answer, votes, notes, and the cleaned question text an editor needs. What is kept where is
 * listed in the README's "What is kept".
 */
import { createHash, randomBytes } from "node:crypto";
import type { Reply } from "../reply/model.js";
import type { Logger } from "../runtime/logger.js";
import type { Metrics } from "../runtime/metrics.js";
import type { AnswerRecord, FeedbackStore, Vote } from "../runtime/store/feedback-types.js";
import { cleanReviewText } from "./clean.js";
import { replyKind } from "./kinds.js";

export interface FeedbackOptions {
  store: FeedbackStore;
  /** KEEP_REVIEW_TEXT: false stores no user text at all (no questions, no notes). */
  keepText: boolean;
  log: Logger;
  metrics?: Metrics;
  /** Clock in ms (tests seed several days). */
  now?: () => number;
  /**
   * How long, and for how many answers, the cleaned question is held in this process's memory
   * (never in the store) so that a "Not helpful" vote can keep it. Default 24 h, 5,000 answers.
   */
  recentMs?: number;
  recentMax?: number;
}

/** One reply about to be posted, as the dispatcher sees it. */
export interface ReplyEvent {
  platform: string;
  reply: Reply;
  /** The user's typed text, or null for a click. */
  typed: string | null;
  /** Whether the reply is posted for everyone (only those carry vote buttons). */
  shown: "public" | "private";
  /** For a recommendation: the answers given ("question:option" ids, need ids). */
  given?: string[];
}

/** What became of a vote or a note. unknown: the answer expired or was never recorded. */
export type FeedbackResult = "recorded" | "unknown" | "off" | "empty";

/** A vote or note click, as the dispatcher hands it over. */
export interface FeedbackEvent {
  answerId: string;
  /** Namespaced user id ("slack:T1:U1"); only a one-way hash of it is stored. */
  userId: string;
}

/** Records answers, votes and notes; never throws into a turn when only bookkeeping failed. */
export class Feedback {
  private readonly recent = new Map<string, { text: string; until: number }>();
  private readonly now: () => number;
  private storeDown = false;

  constructor(private readonly options: FeedbackOptions) {
    this.now = options.now ?? Date.now;
  }

  /** True when notes may be written (KEEP_REVIEW_TEXT). */
  get keepsText(): boolean {
    return this.options.keepText;
  }

  /**
   * Records the reply when it answers a question or could not; returns it with vote buttons
   * when it is a public answer. A store failure is logged and the reply goes out without buttons.
   */
  async onReply(e: ReplyEvent): Promise<Reply> {
    const kind = replyKind(e.reply.intent, e.typed);
    if (kind === null) return e.reply;
    const r = e.reply;
    const at = this.now();
    const record: AnswerRecord = {
      id: newAnswerId(),
      at,
      platform: e.platform,
      intent: r.intent,
      aspect: r.aspect,
      technologies: r.technologies,
      pick: r.pick,
      given: e.given ?? [],
      ...(kind === "answer" ? {} : { unanswered: kind }),
    };
    if (kind !== "answer") this.options.metrics?.unanswered(kind);
    const text = this.options.keepText && e.typed !== null ? cleanReviewText(e.typed) : "";
    try {
      await this.options.store.recordAnswer(record);
      if (kind !== "answer" && text) {
        await this.options.store.recordText({
          answerId: record.id,
          slot: "question",
          kind: "question",
          text,
          at,
        });
      }
      this.recovered();
    } catch (err) {
      this.failed(err);
      return r;
    }
    if (kind !== "answer" || e.shown !== "public") return r;
    if (text) this.remember(record.id, text, at);
    return { ...r, feedback: { answerId: record.id, offer: "vote" } };
  }

  /**
   * Records a vote (replacing the voter's earlier one). "Not helpful" keeps the answer's
   * cleaned question when this process still holds it; a vote back to "Helpful" drops it
   * again unless someone else still finds the answer unhelpful. Rejects when the store fails.
   */
  async vote(e: FeedbackEvent & { vote: Vote }): Promise<FeedbackResult> {
    const store = this.options.store;
    if (!(await store.answer(e.answerId))) return "unknown";
    const at = this.now();
    await store.recordVote({ answerId: e.answerId, voter: voterHash(e), vote: e.vote, at });
    this.options.metrics?.feedback(e.vote);
    if (e.vote === "not-helpful") await this.keepQuestion(e.answerId, at);
    else if (!(await store.votesFor(e.answerId)).some((v) => v.vote === "not-helpful")) {
      await store.removeText(e.answerId, "question");
    }
    return "recorded";
  }

  /** Records a cleaned "What was wrong?" note (one per voter and answer). Rejects when the store fails. */
  async note(e: FeedbackEvent & { text: string }): Promise<FeedbackResult> {
    if (!this.options.keepText) return "off";
    const text = cleanReviewText(e.text);
    if (!text) return "empty";
    if (!(await this.options.store.answer(e.answerId))) return "unknown";
    const at = this.now();
    await this.options.store.recordText({
      answerId: e.answerId,
      slot: `note:${voterHash(e)}`,
      kind: "note",
      text,
      at,
    });
    await this.keepQuestion(e.answerId, at);
    return "recorded";
  }

  private async keepQuestion(answerId: string, at: number): Promise<void> {
    const held = this.recent.get(answerId);
    if (!this.options.keepText || !held || held.until <= this.now()) return;
    await this.options.store.recordText({
      answerId,
      slot: "question",
      kind: "question",
      text: held.text,
      at,
    });
  }

  private remember(answerId: string, text: string, at: number): void {
    this.recent.set(answerId, { text, until: at + (this.options.recentMs ?? 24 * 3600 * 1000) });
    const max = this.options.recentMax ?? 5000;
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= max) break;
      this.recent.delete(oldest);
    }
  }

  private failed(err: unknown): void {
    this.options.metrics?.error("store");
    if (this.storeDown) return;
    this.storeDown = true;
    this.options.log.warn(
      { err, store: this.options.store.kind },
      "feedback store unreachable; answers go out without feedback buttons",
    );
  }

  private recovered(): void {
    if (!this.storeDown) return;
    this.storeDown = false;
    this.options.log.info({ store: this.options.store.kind }, "feedback store reachable again");
  }
}

/** A fresh answer id: 12 URL-safe characters (72 random bits). */
export function newAnswerId(): string {
  return randomBytes(9).toString("base64url");
}

/** One voter on one answer, unlinkable across answers: sha256(answerId, userId), 16 hex characters. */
function voterHash(e: FeedbackEvent): string {
  return createHash("sha256").update(`${e.answerId}\n${e.userId}`).digest("hex").slice(0, 16);
}
