import { join, resolve } from "node:path";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { MemoryStore } from "./memory.js";
import { RedisStore } from "./redis.js";
import { SqliteStore } from "./sqlite.js";
import { type ConversationStore, DEFAULT_STORE_OPTIONS } from "./types.js";

export type { ConversationStore, StoredConversation, StoreOptions } from "./types.js";

export interface CreateStoreOptions {
  /** Folder for the default SQLite file when STORE_URL is unset. */
  stateDir: string;
  /** Idle conversations expire after this many seconds. */
  ttlSeconds: number;
  /** How long event ids are remembered (default 24 h). */
  eventTtlSeconds?: number;
  logger?: Logger;
}

const ACCEPTED_FORMS = "sqlite:PATH, redis://HOST:PORT[/DB], rediss://HOST:PORT[/DB] or memory:";

type StoreTarget = { kind: "memory" } | { kind: "sqlite"; path: string } | { kind: "redis"; url: string };

const storeUrlSchema = z.union([
  z.literal("memory:").transform((): StoreTarget => ({ kind: "memory" })),
  // "sqlite://x" is refused rather than guessed at (a relative "//x" or an absolute "/x"?).
  z
    .string()
    .regex(/^sqlite:(?!\/\/)\S/)
    .transform((url): StoreTarget => ({ kind: "sqlite", path: url.slice("sqlite:".length) })),
  z
    .string()
    .refine(isRedisUrl)
    .transform((url): StoreTarget => ({ kind: "redis", url })),
]);

/**
 * Builds the conversation store STORE_URL names: `sqlite:PATH` (relative to the working folder;
 * the default is sqlite:<stateDir>/stackwise.db), `redis://HOST:PORT[/DB]` (or rediss:// for TLS),
 * or `memory:`. A malformed URL throws an Error naming STORE_URL and the accepted forms; the URL
 * itself is never repeated, since it may hold a password.
 */
export function createStore(url: string | undefined, options: CreateStoreOptions): ConversationStore {
  const storeOptions = {
    ttlSeconds: options.ttlSeconds,
    eventTtlSeconds: options.eventTtlSeconds ?? DEFAULT_STORE_OPTIONS.eventTtlSeconds,
  };
  const target = parseStoreUrl(url, options.stateDir);
  switch (target.kind) {
    case "memory":
      return new MemoryStore(storeOptions);
    case "sqlite":
      return new SqliteStore({ ...storeOptions, path: resolve(target.path) });
    case "redis":
      return new RedisStore({ ...storeOptions, url: target.url, logger: options.logger });
  }
}

/** Where STORE_URL points, without opening anything. */
export function parseStoreUrl(url: string | undefined, stateDir: string): StoreTarget {
  if (url === undefined || url.trim() === "") return { kind: "sqlite", path: join(stateDir, "stackwise.db") };
  const result = storeUrlSchema.safeParse(url.trim());
  if (!result.success) throw new Error(`Invalid STORE_URL: expected ${ACCEPTED_FORMS}`);
  return result.data;
}

function isRedisUrl(value: string): boolean {
  if (!/^rediss?:\/\//.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hostname === "") return false;
  if (url.search !== "" || url.hash !== "") return false;
  // Path: nothing, "/" or "/<db number>".
  return /^(\/\d{0,2})?$/.test(url.pathname);
}
