/**
 * What the feedback loop keeps (issue 14): a record per answer (ids and counters, never words),
 * votes on answers, and the few texts an editor needs (cleaned question text, "What was wrong?"
 * notes). A separate interface from ConversationStore, opened from the same STORE_URL, so the two
 * evolve apart. Implementations: memory, SQLite, Redis (feedback-*.ts).
 */

/** A vote on an answer: the two buttons under it. */
export type Vote = "helpful" | "not-helpful";

/**
 * Why an answer counts as "could not answer": the engine asked the user to clarify (intent
 * `clarify`), or said the page does not cover it (`not-covered`, `unknown-technology`), or fell
 * back to its help text for something that looked like a question.
 */
export type Unanswered = "clarify" | "unanswered";

/** One answer the bot gave: ids and counters only (kept FEEDBACK_TTL_SECONDS). */
export interface AnswerRecord {
  /** Random, URL-safe, at most 24 characters (it travels in button values and custom ids). */
  id: string;
  /** When it was answered, ms since the epoch. */
  at: number;
  /** "slack", "discord". */
  platform: string;
  intent: string;
  aspect: string | null;
  technologies: string[];
  pick: string | null;
  /** For a recommendation: the answers given ("question:option" ids, and need ids). */
  given: string[];
  /** Set when the bot could not answer (such answers carry no vote buttons). */
  unanswered?: Unanswered;
}

/** One person's vote on one answer; a later vote by the same person replaces it. */
export interface VoteRecord {
  answerId: string;
  /** A one-way hash of the voter and the answer id: one vote per person, never the user id. */
  voter: string;
  vote: Vote;
  /** ms since the epoch. */
  at: number;
}

/**
 * Cleaned user text an editor needs (kept REVIEW_TEXT_TTL_SECONDS): the question of an answer
 * (slot "question") or one voter's note (slot "note:<voter hash>"). One text per slot; a later
 * write replaces it.
 */
export interface ReviewText {
  answerId: string;
  slot: string;
  kind: "question" | "note";
  /** Already cleaned (src/feedback/clean.ts); never raw user text. */
  text: string;
  /** ms since the epoch. */
  at: number;
}

/** Everything recorded since a moment, unexpired, for the review (CLI and /review). */
export interface FeedbackSnapshot {
  answers: AnswerRecord[];
  votes: VoteRecord[];
  texts: ReviewText[];
}

/** How long things are kept, and how many at most. */
export interface FeedbackStoreOptions {
  /** Answer records and votes (FEEDBACK_TTL_SECONDS, default 90 days). */
  feedbackTtlSeconds: number;
  /** Question texts and notes (REVIEW_TEXT_TTL_SECONDS, default 30 days). */
  reviewTextTtlSeconds: number;
  /** At most this many answers (and as many voted and texted answers) are kept; the oldest go first. */
  maxRecords: number;
}

export const DEFAULT_FEEDBACK_OPTIONS: FeedbackStoreOptions = {
  feedbackTtlSeconds: 90 * 24 * 3600,
  reviewTextTtlSeconds: 30 * 24 * 3600,
  maxRecords: 100_000,
};

/** Where answers, votes and review texts live. Methods reject when the backing store is unreachable. */
export interface FeedbackStore {
  readonly kind: string;
  recordAnswer(answer: AnswerRecord): Promise<void>;
  /** The answer with this id, or null when unknown or expired. */
  answer(id: string): Promise<AnswerRecord | null>;
  /** Records a vote, replacing the same voter's earlier vote on that answer. */
  recordVote(vote: VoteRecord): Promise<void>;
  /** The live votes on one answer. */
  votesFor(answerId: string): Promise<VoteRecord[]>;
  /** Records a text, replacing the one in the same slot. */
  recordText(text: ReviewText): Promise<void>;
  removeText(answerId: string, slot: string): Promise<void>;
  /** Answers, votes and texts made at or after `sinceMs` (ms since the epoch) that have not expired. */
  since(sinceMs: number): Promise<FeedbackSnapshot>;
  close(): Promise<void>;
}
