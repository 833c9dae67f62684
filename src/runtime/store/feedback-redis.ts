import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import {
  type AnswerRecord,
  DEFAULT_FEEDBACK_OPTIONS,
  type FeedbackSnapshot,
  type FeedbackStore,
  type FeedbackStoreOptions,
  type ReviewText,
  type VoteRecord,
} from "./feedback-types.js";
import { failFastRedis, firstAttempt } from "./redis-client.js";

export interface RedisFeedbackOptions extends Partial<FeedbackStoreOptions> {
  /** redis://[[user]:password@]HOST:PORT[/DB] or rediss://… (TLS). */
  url: string;
  /** Prepended to every key (default "stackwise:fb:"). */
  keyPrefix?: string;
  logger?: Logger;
  /** A command that got no answer in this time fails (default 2 s). */
  commandTimeoutMs?: number;
}

/** Keys fetched per MGET or pipeline when reading a window. */
const BATCH = 500;

/**
 * Feedback in Redis, bounded, and never a key without expiry:
 * - `a:<id>` the answer record (JSON), EX feedback TTL;
 * - `v:<answerId>` a hash voter → JSON vote, EX feedback TTL (refreshed by each vote);
 * - `t:<answerId>` a hash slot → JSON text, EX review-text TTL;
 * - `answers`, `voted`, `texted`: sorted sets of answer ids by time, the index the review reads;
 *   each write drops members older than the TTL and beyond `maxRecords`, and refreshes the
 *   set's own expiry.
 * Each write is one MULTI round trip. Like the conversation store, commands fail fast while
 * Redis is down (no offline queue) and the client reconnects in the background.
 */
export class RedisFeedbackStore implements FeedbackStore {
  readonly kind = "redis";
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly options: FeedbackStoreOptions;
  private outage = false;
  private closed = false;
  /** Settles once the first connection attempt succeeded or failed (at most 2 s). */
  private readonly firstAttempt: Promise<void>;

  constructor(
    options: RedisFeedbackOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_FEEDBACK_OPTIONS, ...options };
    this.prefix = options.keyPrefix ?? "stackwise:fb:";
    // Fail fast, as the conversation store does: while Redis is down a write fails at once and
    // the answer goes out without buttons, instead of waiting for a reconnection.
    this.redis = failFastRedis(options);
    // Without a listener an "error" event would crash the process; an outage is logged once.
    this.redis.on("error", (err: Error) => {
      if (this.outage || this.closed) return;
      this.outage = true;
      options.logger?.warn(
        { store: "redis-feedback", reason: err.message },
        "redis unreachable for feedback",
      );
    });
    this.redis.on("ready", () => {
      this.outage = false;
    });
    this.firstAttempt = firstAttempt(this.redis);
  }

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    await this.firstAttempt;
    const ttl = this.options.feedbackTtlSeconds;
    const m = this.redis.multi().set(this.key(`a:${answer.id}`), JSON.stringify(answer), "EX", ttl);
    this.index(m, "answers", answer.id, answer.at, ttl);
    await m.exec().then(failed);
  }

  async answer(id: string): Promise<AnswerRecord | null> {
    await this.firstAttempt;
    const json = await this.redis.get(this.key(`a:${id}`));
    return json ? (JSON.parse(json) as AnswerRecord) : null;
  }

  async recordVote(vote: VoteRecord): Promise<void> {
    await this.firstAttempt;
    const ttl = this.options.feedbackTtlSeconds;
    const key = this.key(`v:${vote.answerId}`);
    const m = this.redis.multi().hset(key, vote.voter, JSON.stringify(vote)).expire(key, ttl);
    this.index(m, "voted", vote.answerId, vote.at, ttl);
    await m.exec().then(failed);
  }

  async votesFor(answerId: string): Promise<VoteRecord[]> {
    await this.firstAttempt;
    const all = await this.redis.hvals(this.key(`v:${answerId}`));
    return all.map((json) => JSON.parse(json) as VoteRecord);
  }

  async recordText(text: ReviewText): Promise<void> {
    await this.firstAttempt;
    const ttl = this.options.reviewTextTtlSeconds;
    const key = this.key(`t:${text.answerId}`);
    const m = this.redis.multi().hset(key, text.slot, JSON.stringify(text)).expire(key, ttl);
    this.index(m, "texted", text.answerId, text.at, ttl);
    await m.exec().then(failed);
  }

  async removeText(answerId: string, slot: string): Promise<void> {
    await this.firstAttempt;
    await this.redis.hdel(this.key(`t:${answerId}`), slot);
  }

  async since(sinceMs: number): Promise<FeedbackSnapshot> {
    await this.firstAttempt;
    const ids = (set: string) => this.redis.zrangebyscore(this.key(set), sinceMs, "+inf");
    const [answerIds, votedIds, textedIds] = await Promise.all([ids("answers"), ids("voted"), ids("texted")]);
    const answers: AnswerRecord[] = [];
    for (let i = 0; i < answerIds.length; i += BATCH) {
      const keys = answerIds.slice(i, i + BATCH).map((id) => this.key(`a:${id}`));
      for (const json of await this.redis.mget(keys))
        if (json) answers.push(JSON.parse(json) as AnswerRecord);
    }
    const votes = (await this.hashes("v:", votedIds)).map((json) => JSON.parse(json) as VoteRecord);
    const texts = (await this.hashes("t:", textedIds)).map((json) => JSON.parse(json) as ReviewText);
    return {
      answers,
      votes: votes.filter((v) => v.at >= sinceMs),
      texts: texts.filter((t) => t.at >= sinceMs),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.redis.status === "ready") {
        await this.redis.quit();
        return;
      }
    } catch {
      // fall through: drop the connection
    }
    this.redis.disconnect();
  }

  /** Every field value of the hashes `<kind><id>`, one pipeline per batch. */
  private async hashes(kind: string, ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const p = this.redis.pipeline();
      for (const id of ids.slice(i, i + BATCH)) p.hvals(this.key(`${kind}${id}`));
      for (const [err, values] of (await p.exec()) ?? []) {
        if (err) throw err;
        out.push(...(values as string[]));
      }
    }
    return out;
  }

  /** Adds `id` to a time index, drops what expired or overflows, and keeps the index's own expiry. */
  private index(m: ReturnType<Redis["multi"]>, set: string, id: string, at: number, ttl: number): void {
    const key = this.key(set);
    m.zadd(key, at, id)
      .zremrangebyscore(key, "-inf", `(${this.now() - ttl * 1000}`)
      .zremrangebyrank(key, 0, -(this.options.maxRecords + 1))
      .expire(key, ttl);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }
}

/** MULTI's per-command errors, thrown. */
function failed(results: [Error | null, unknown][] | null): void {
  for (const [err] of results ?? []) if (err) throw err;
}
