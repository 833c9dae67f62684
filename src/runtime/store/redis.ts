import type { Redis } from "ioredis";
import type { ConversationState } from "../../engine/state.js";
import type { Logger } from "../logger.js";
import { decodeBucketDecision, TAKE_TOKEN_SCRIPT, type WithTakeTokenCommand } from "./rate-limit-redis.js";
import { failFastRedis, VERSIONED_SET_LUA } from "./redis-client.js";
import {
  type BucketDecision,
  type BucketLimit,
  type ConversationStore,
  DEFAULT_STORE_OPTIONS,
  type StoredConversation,
  type StoreOptions,
} from "./types.js";

export interface RedisStoreOptions extends Partial<StoreOptions> {
  /** redis://[[user]:password@]HOST:PORT[/DB] or rediss://… (TLS). */
  url: string;
  /** Prepended to every key; "stackwise:" gives "stackwise:conv:<key>" and "stackwise:event:<id>". */
  keyPrefix?: string;
  /** Connection problems are logged through this (once per outage), never thrown at the process. */
  logger?: Logger;
  connectTimeoutMs?: number;
  /** A command that got no answer in this time fails (the caller answers without state). */
  commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts; attempts never stop. */
  maxReconnectDelayMs?: number;
}

/**
 * Checks the version and writes in one atomic step. The value is "<version>\n<json>", so a load
 * is one GET. KEYS[1] = conversation key; ARGV = expected version, json, ttl seconds.
 * Returns the new version, or 0 when the stored version differs (versions start at 1).
 */
const SAVE_SCRIPT = `${VERSIONED_SET_LUA}return version
`;

interface WithSaveCommand {
  stackwiseSave(key: string, expectedVersion: number, json: string, ttlSeconds: number): Promise<number>;
}

/**
 * Conversations in Redis, for several bot instances behind one platform app. One round trip per
 * load (GET), per save (a Lua script via EVALSHA) and per event claim (SET NX EX); every key has a
 * TTL, so nothing needs scanning or sweeping. When Redis is down, commands fail at once instead of
 * queueing, and the client keeps reconnecting in the background.
 */
export class RedisStore implements ConversationStore {
  readonly kind = "redis";
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly eventTtlSeconds: number;
  private readonly logger: Logger | undefined;
  /** Settles when the first connection attempt succeeded or failed. */
  private readonly firstAttempt: Promise<void>;
  private readonly connectTimeoutMs: number;
  private starting = true;
  private outage = false;
  private closed = false;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix ?? "stackwise:";
    this.ttlSeconds = wholeSeconds(options.ttlSeconds ?? DEFAULT_STORE_OPTIONS.ttlSeconds);
    this.eventTtlSeconds = wholeSeconds(options.eventTtlSeconds ?? DEFAULT_STORE_OPTIONS.eventTtlSeconds);
    this.logger = options.logger;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2000;
    // Fail fast, reconnect forever (see failFastRedis): a turn never waits on an outage.
    this.redis = failFastRedis({ ...options, connectTimeoutMs: this.connectTimeoutMs });
    this.redis.defineCommand("stackwiseSave", { numberOfKeys: 1, lua: SAVE_SCRIPT });
    this.redis.defineCommand("stackwiseTakeToken", { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });

    this.firstAttempt = new Promise((resolve) => {
      const settle = () => {
        this.starting = false;
        resolve();
      };
      this.redis.once("ready", settle);
      this.redis.once("close", settle);
    });
    this.redis.on("ready", () => {
      if (this.outage) {
        this.outage = false;
        this.logger?.info({ store: this.kind }, "redis connection restored");
      }
    });
    // Without a listener, an "error" event would crash the process. An outage starts with an error
    // or with a lost connection, whichever comes first, and is logged once, not per retry.
    this.redis.on("error", (err: Error) => this.outageStarted(err.message));
    this.redis.on("close", () => this.outageStarted("connection closed"));
  }

  async load(key: string): Promise<StoredConversation | null> {
    await this.connected();
    const value = await this.redis.get(this.conversationKey(key));
    if (value === null) return null;
    const newline = value.indexOf("\n");
    return {
      state: JSON.parse(value.slice(newline + 1)) as ConversationState,
      version: Number(value.slice(0, newline)),
    };
  }

  async save(key: string, state: ConversationState, expectedVersion: number): Promise<number | null> {
    await this.connected();
    const client = this.redis as unknown as WithSaveCommand;
    const version = await client.stackwiseSave(
      this.conversationKey(key),
      expectedVersion,
      JSON.stringify(state),
      this.ttlSeconds,
    );
    return version === 0 ? null : version;
  }

  async claimEvent(eventId: string): Promise<boolean> {
    await this.connected();
    const result = await this.redis.set(
      `${this.prefix}event:${eventId}`,
      "1",
      "EX",
      this.eventTtlSeconds,
      "NX",
    );
    return result === "OK";
  }

  /** A per-user token bucket shared by every instance ("<prefix>rate:<bucket>"), one round trip. */
  async takeToken(bucket: string, limit: BucketLimit): Promise<BucketDecision> {
    await this.connected();
    const client = this.redis as unknown as WithTakeTokenCommand;
    const code = await client.stackwiseTakeToken(
      `${this.prefix}rate:${bucket}`,
      limit.burst,
      limit.perMinute,
      "",
    );
    return decodeBucketDecision(Number(code));
  }

  async ping(): Promise<boolean> {
    try {
      await this.connected();
      return (await this.redis.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.redis.status === "ready") {
      try {
        await this.redis.quit();
        return;
      } catch {
        // fall through: drop the connection
      }
    }
    this.redis.disconnect();
  }

  private outageStarted(reason: string): void {
    if (this.outage || this.closed) return;
    this.outage = true;
    this.logger?.warn({ store: this.kind, reason }, "redis unreachable; commands fail until it reconnects");
  }

  /**
   * Only during the first connection attempt (right after start-up) a command waits for it, at
   * most connectTimeoutMs; afterwards commands go straight to the client, which rejects them at
   * once while disconnected.
   */
  private async connected(): Promise<void> {
    if (!this.starting) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.connectTimeoutMs);
    });
    await Promise.race([this.firstAttempt, timeout]);
    clearTimeout(timer);
  }

  private conversationKey(key: string): string {
    return `${this.prefix}conv:${key}`;
  }
}

function wholeSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds));
}
