import type { ConversationState } from "../../engine/state.js";

/** A stored conversation and the version a save must match (optimistic concurrency). */
export interface StoredConversation {
  state: ConversationState;
  version: number;
}

/**
 * Where conversations live between turns. Every adapter goes through this one interface;
 * implementations: memory (tests), sqlite (default, single instance), redis (many instances).
 */
export interface ConversationStore {
  readonly kind: string;
  /** The conversation for a thread key, or null if none (or it expired). */
  load(key: string): Promise<StoredConversation | null>;
  /**
   * Saves when the stored version still equals `expectedVersion` (0 = must not exist yet).
   * Returns the new version, or null when someone else saved first.
   */
  save(key: string, state: ConversationState, expectedVersion: number): Promise<number | null>;
  /** Records a platform event id; true the first time it is seen, false for a duplicate delivery. */
  claimEvent(eventId: string): Promise<boolean>;
  /**
   * Optional: takes one token from a per-user bucket shared by every bot instance using this
   * store, in one atomic step (Redis). Stores without it get an in-process limiter instead.
   */
  takeToken?(bucket: string, limit: BucketLimit): Promise<BucketDecision>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Idle conversations expire after this many seconds (default 7 days). */
  ttlSeconds: number;
  /** How long event ids are remembered for de-duplication. */
  eventTtlSeconds: number;
}

export const DEFAULT_STORE_OPTIONS: StoreOptions = { ttlSeconds: 7 * 24 * 3600, eventTtlSeconds: 24 * 3600 };

/** A token bucket: `burst` tokens at most, refilled at `perMinute` tokens per minute. */
export interface BucketLimit {
  burst: number;
  perMinute: number;
}

/**
 * allow: a token was taken. warn: the bucket is empty and this is the first refusal since the
 * last allowed turn (say so once). deny: still empty, already warned (stay silent).
 */
export type BucketDecision = "allow" | "warn" | "deny";
