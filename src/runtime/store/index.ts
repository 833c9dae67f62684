import { resolve } from "node:path";
import type { Logger } from "../logger.js";
import { MemoryStore } from "./memory.js";
import { type ConversationStore, DEFAULT_STORE_OPTIONS } from "./types.js";
import { parseStoreUrl } from "./url.js";

export type { ConversationStore, StoredConversation, StoreOptions } from "./types.js";
export { ACCEPTED_STORE_URLS, isStoreUrl, parseStoreUrl, type StoreTarget } from "./url.js";

export interface CreateStoreOptions {
  /** Folder for the default SQLite file when STORE_URL is unset. */
  stateDir: string;
  /** Idle conversations expire after this many seconds. */
  ttlSeconds: number;
  /** How long event ids are remembered (default 24 h). */
  eventTtlSeconds?: number;
  logger?: Logger;
}

/**
 * Builds the conversation store STORE_URL names: `sqlite:PATH` (relative to the working folder;
 * the default is sqlite:<stateDir>/stackwise.db), `redis://HOST:PORT[/DB]` (or rediss:// for TLS),
 * or `memory:`. A malformed URL throws an Error naming STORE_URL and the accepted forms; the URL
 * itself is never repeated, since it may hold a password.
 */
export async function createStore(
  url: string | undefined,
  options: CreateStoreOptions,
): Promise<ConversationStore> {
  const storeOptions = {
    ttlSeconds: options.ttlSeconds,
    eventTtlSeconds: options.eventTtlSeconds ?? DEFAULT_STORE_OPTIONS.eventTtlSeconds,
  };
  const target = parseStoreUrl(url, options.stateDir);
  switch (target.kind) {
    case "memory":
      return new MemoryStore(storeOptions);
    // Loaded on demand: the Redis client alone costs a single-instance bot some 25 MB of memory.
    case "sqlite": {
      const { SqliteStore } = await import("./sqlite.js");
      return new SqliteStore({ ...storeOptions, path: resolve(target.path) });
    }
    case "redis": {
      const { RedisStore } = await import("./redis.js");
      return new RedisStore({ ...storeOptions, url: target.url, logger: options.logger });
    }
  }
}
