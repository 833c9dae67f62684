/**
 * Team decisions as stored (issue 13). A decision is one JSON document saved with the same
 * optimistic version check as a conversation; open decisions and closed records have their own
 * lifetimes (DECISION_TTL_SECONDS, DECISION_RECORD_TTL_SECONDS).
 */

/** One member's answers: question id -> option id, or "skip" for "not sure". */
export interface DecisionMember {
  /** The platform's own user id (not namespaced): renderers mention it. */
  user: string;
  /** Their display name as the platform gave it with the submission (shown on the card). */
  name: string;
  answers: Record<string, string>;
  /** When they last submitted, ms since the epoch. */
  at: number;
}

/**
 * A decision as saved. Keeps user ids and answers, and no message text beyond the topic, which
 * is cleaned (mentions, emails, URLs, token-like strings removed) and cut to 200 characters
 * before it is stored.
 */
export interface Decision {
  version: 1;
  /** Short random id, also in the card's button ids. */
  id: string;
  /** "slack", "discord": which adapter owns the card. */
  platform: string;
  /** The adapter's key of the channel the card is in (its place for edits and lists). */
  channelKey: string;
  /** The adapter's key of the card's thread (follow-ups, the record), once it exists. */
  threadKey: string | null;
  /** The card's message id (Slack ts, Discord snowflake), once posted. */
  cardId: string | null;
  topic: string;
  /** Platform user id of whoever started it. */
  startedBy: string;
  /** The starter's display name. */
  starterName: string;
  /** Started with `anonymous`: the card shows counts only, never who chose what. */
  anonymous: boolean;
  status: "open" | "closed";
  /** ms since the epoch. */
  createdAt: number;
  closedAt: number | null;
  /** Who closed it (platform user id). */
  closedBy: string | null;
  /** In order of first submission. */
  members: DecisionMember[];
  /** Ids of the last submissions applied (bounded), so a retried delivery counts once. */
  applied: string[];
}

/** A stored decision and the version a save must match. */
export interface StoredDecision {
  decision: Decision;
  version: number;
}

/** A closed decision in a channel's list of records. */
export interface DecisionSummary {
  id: string;
  topic: string;
  closedAt: number;
  threadKey: string | null;
  cardId: string | null;
}

/**
 * Where decisions live: memory (tests), SQLite (default) or Redis, chosen by STORE_URL like the
 * conversation store. Saves are compare-and-set: `save` returns the new version, or null when
 * someone else saved first (the caller reloads and retries).
 */
export interface DecisionStore {
  readonly kind: string;
  /** The decision, or null when unknown or expired. */
  load(id: string): Promise<StoredDecision | null>;
  /**
   * Saves when the stored version still equals `expectedVersion` (0 = must not exist yet). An
   * open decision lives `ttlSeconds` from this save, a closed one `recordTtlSeconds`; a closed
   * one also joins its channel's list of records.
   */
  save(decision: Decision, expectedVersion: number): Promise<number | null>;
  /** The id of the decision whose card roots this thread (an adapter's thread key), if any. */
  byThread(threadKey: string): Promise<string | null>;
  /** The channel's closed decisions, newest first, at most `limit`. */
  recent(channelKey: string, limit: number): Promise<DecisionSummary[]>;
  close(): Promise<void>;
}

/** Lifetimes in seconds: open decisions (default 14 days) and closed records (default 180 days). */
export interface DecisionStoreOptions {
  ttlSeconds: number;
  recordTtlSeconds: number;
}

/** DECISION_TTL_SECONDS and DECISION_RECORD_TTL_SECONDS defaults: 14 and 180 days. */
export const DEFAULT_DECISION_OPTIONS: DecisionStoreOptions = {
  ttlSeconds: 14 * 24 * 3600,
  recordTtlSeconds: 180 * 24 * 3600,
};

/** The lifetime of a decision saved now, in seconds. */
export const lifetimeOf = (d: Decision, o: DecisionStoreOptions): number =>
  d.status === "closed" ? o.recordTtlSeconds : o.ttlSeconds;

/** What a channel's record list holds for a closed decision. */
export const summaryOf = (d: Decision): DecisionSummary => ({
  id: d.id,
  topic: d.topic,
  closedAt: d.closedAt ?? d.createdAt,
  threadKey: d.threadKey,
  cardId: d.cardId,
});
