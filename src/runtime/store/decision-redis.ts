import type { Redis } from "ioredis";
import { readDecision } from "./decision-schema.js";
import {
  DEFAULT_DECISION_OPTIONS,
  type Decision,
  type DecisionStore,
  type DecisionStoreOptions,
  type DecisionSummary,
  lifetimeOf,
  type StoredDecision,
  summaryOf,
} from "./decision-types.js";
import { failFastRedis, firstAttempt, VERSIONED_SET_LUA } from "./redis-client.js";

/** Where the Redis decision store connects, its key prefix and lifetimes. */
export interface RedisDecisionStoreOptions extends Partial<DecisionStoreOptions> {
  /** redis://[[user]:password@]HOST:PORT[/DB] or rediss://… (TLS). */
  url: string;
  /** Prepended to every key: "<prefix>decision:<id>", "<prefix>decisions:<channel key>". */
  keyPrefix?: string;
  commandTimeoutMs?: number;
}

/**
 * Checks the version and writes in one atomic step, like the conversation store's script; a
 * closed decision also joins its channel's sorted set of records (score: when it closed), which
 * lives as long as its newest record; a decision with a thread is found from it (KEYS[3]).
 * KEYS: decision, channel list, thread index. ARGV: expected version, json, ttl seconds, closedAt
 * ms (empty while open), id, "1" when it has a thread. Returns the new version, or 0.
 */
const SAVE_SCRIPT = `${VERSIONED_SET_LUA}if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[2], tonumber(ARGV[4]), ARGV[5])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
if ARGV[6] == '1' then redis.call('SET', KEYS[3], ARGV[5], 'EX', ARGV[3]) end
return version
`;

interface WithSave {
  stackwiseDecisionSave(
    key: string,
    listKey: string,
    threadKey: string,
    expected: number,
    json: string,
    ttl: number,
    closedAt: string,
    id: string,
    hasThread: string,
  ): Promise<number>;
}

/** Decisions in Redis, shared by every bot instance; every key carries a TTL. */
export class RedisDecisionStore implements DecisionStore {
  readonly kind = "redis";
  private readonly redis: Redis;
  /** Settles once the first connection attempt succeeded or failed (at most 2 s). */
  private readonly firstAttempt: Promise<void>;
  private readonly prefix: string;
  private readonly options: DecisionStoreOptions;

  constructor(options: RedisDecisionStoreOptions) {
    this.prefix = options.keyPrefix ?? "stackwise:";
    this.options = {
      ttlSeconds: options.ttlSeconds ?? DEFAULT_DECISION_OPTIONS.ttlSeconds,
      recordTtlSeconds: options.recordTtlSeconds ?? DEFAULT_DECISION_OPTIONS.recordTtlSeconds,
    };
    // Fail fast like the other stores: a submission during an outage gets the dispatcher's
    // apology at once instead of waiting in a queue.
    this.redis = failFastRedis(options);
    this.firstAttempt = firstAttempt(this.redis);
    // Errors surface on the commands; without a listener an "error" event would end the process.
    this.redis.on("error", () => {});
    this.redis.defineCommand("stackwiseDecisionSave", { numberOfKeys: 3, lua: SAVE_SCRIPT });
  }

  async load(id: string): Promise<StoredDecision | null> {
    await this.firstAttempt;
    const value = await this.redis.get(this.key(id));
    if (value === null) return null;
    const newline = value.indexOf("\n");
    const decision = readDecision(value.slice(newline + 1));
    return decision ? { decision, version: Number(value.slice(0, newline)) } : null;
  }

  async save(decision: Decision, expectedVersion: number): Promise<number | null> {
    await this.firstAttempt;
    const client = this.redis as unknown as WithSave;
    const closed = decision.status === "closed" ? String(decision.closedAt ?? Date.now()) : "";
    const version = await client.stackwiseDecisionSave(
      this.key(decision.id),
      this.listKey(decision.channelKey),
      this.threadKey(decision.threadKey ?? ""),
      expectedVersion,
      JSON.stringify(decision),
      Math.max(1, Math.ceil(lifetimeOf(decision, this.options))),
      closed,
      decision.id,
      decision.threadKey ? "1" : "",
    );
    return version === 0 ? null : version;
  }

  async byThread(threadKey: string): Promise<string | null> {
    await this.firstAttempt;
    return this.redis.get(this.threadKey(threadKey));
  }

  async recent(channelKey: string, limit: number): Promise<DecisionSummary[]> {
    await this.firstAttempt;
    const ids = await this.redis.zrevrange(this.listKey(channelKey), 0, Math.max(0, limit * 2 - 1));
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => this.key(id)));
    const out: DecisionSummary[] = [];
    for (const value of values) {
      if (!value) continue; // expired since it was listed
      const d = readDecision(value.slice(value.indexOf("\n") + 1));
      if (d?.status === "closed") out.push(summaryOf(d));
    }
    return out.slice(0, limit);
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private key(id: string): string {
    return `${this.prefix}decision:${id}`;
  }

  private threadKey(threadKey: string): string {
    return `${this.prefix}decision-thread:${threadKey}`;
  }

  private listKey(channelKey: string): string {
    return `${this.prefix}decisions:${channelKey}`;
  }
}
