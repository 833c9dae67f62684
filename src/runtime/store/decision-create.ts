import { resolve } from "node:path";
import { MemoryDecisionStore } from "./decision-memory.js";
import type { DecisionStore, DecisionStoreOptions } from "./decision-types.js";
import { parseStoreUrl } from "./url.js";

/**
 * The decision store for STORE_URL, beside the conversation store: the same SQLite file (a
 * `decisions` table on a connection of its own), the same Redis (keys "stackwise:decision:*"),
 * or memory. A malformed URL throws as createStore does, without repeating the URL.
 */
export async function createDecisionStore(
  url: string | undefined,
  options: DecisionStoreOptions & { stateDir: string },
): Promise<DecisionStore> {
  const lifetimes = { ttlSeconds: options.ttlSeconds, recordTtlSeconds: options.recordTtlSeconds };
  const target = parseStoreUrl(url, options.stateDir);
  switch (target.kind) {
    case "memory":
      return new MemoryDecisionStore(lifetimes);
    case "sqlite": {
      const { SqliteDecisionStore } = await import("./decision-sqlite.js");
      return new SqliteDecisionStore({ ...lifetimes, path: resolve(target.path) });
    }
    case "redis": {
      const { RedisDecisionStore } = await import("./decision-redis.js");
      return new RedisDecisionStore({ ...lifetimes, url: target.url });
    }
  }
}
