import type { BucketDecision, BucketLimit, ConversationStore } from "./store/types.js";

export type { BucketDecision, BucketLimit } from "./store/types.js";

/** Per-user admission: one token per turn. Errors mean "could not decide" (callers fail open). */
export interface RateLimiter {
  readonly kind: "local" | "shared";
  take(userId: string): Promise<BucketDecision>;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
  warned: boolean;
}

/**
 * In-process token buckets, one per user: `burst` tokens at most, refilled continuously at
 * `perMinute` per minute. An empty bucket refuses; the first refusal after an allowed turn is
 * "warn" (the user gets one polite reply), the following ones "deny" (silence). Full buckets
 * are forgotten, so memory stays proportional to the users who are actually busy.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private sweepAbove: number;

  constructor(
    private readonly limit: BucketLimit,
    private readonly now: () => number = Date.now,
    private readonly maxIdleEntries = 10_000,
  ) {
    if (!(limit.burst >= 1) || !(limit.perMinute > 0)) {
      throw new Error("a token bucket needs burst >= 1 and perMinute > 0");
    }
    this.perMs = limit.perMinute / 60_000;
    this.sweepAbove = maxIdleEntries;
  }

  take(key: string): BucketDecision {
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(key), now);
    let decision: BucketDecision;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      decision = "allow";
    } else if (bucket.warned) {
      decision = "deny";
    } else {
      bucket.warned = true;
      decision = "warn";
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.sweepAbove) this.sweep(now);
    return decision;
  }

  /** Buckets held (for tests). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forgets every bucket that has refilled completely (indistinguishable from a new one). */
  sweep(now = this.now()): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
    // Everyone is busy: don't sweep again on every call, only once the map has doubled.
    this.sweepAbove = Math.max(this.maxIdleEntries, this.buckets.size * 2);
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.burst, at: now, warned: false };
    if (now > bucket.at) {
      bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    }
    return bucket;
  }
}

/** Buckets in this process (memory and SQLite stores: one bot instance). */
export class LocalRateLimiter implements RateLimiter {
  readonly kind = "local";
  private readonly buckets: TokenBuckets;

  constructor(limit: BucketLimit, now: () => number = Date.now) {
    this.buckets = new TokenBuckets(limit, now);
  }

  async take(userId: string): Promise<BucketDecision> {
    return this.buckets.take(userId);
  }
}

/** Buckets in the store, shared by every instance using it (Redis: one Lua script, one round trip). */
export class SharedRateLimiter implements RateLimiter {
  readonly kind = "shared";

  constructor(
    private readonly store: Required<Pick<ConversationStore, "takeToken">>,
    private readonly limit: BucketLimit,
  ) {}

  take(userId: string): Promise<BucketDecision> {
    return this.store.takeToken(userId, this.limit);
  }
}

/**
 * The limiter for a store: shared when the store can hold buckets (Redis), else in-process.
 * None when perMinute is 0 (the limit is off).
 */
export function createRateLimiter(store: ConversationStore, limit: BucketLimit): RateLimiter | undefined {
  if (limit.perMinute <= 0) return undefined;
  const takeToken = store.takeToken?.bind(store);
  return takeToken ? new SharedRateLimiter({ takeToken }, limit) : new LocalRateLimiter(limit);
}
