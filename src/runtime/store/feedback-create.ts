import { resolve } from "node:path";
import type { Logger } from "../logger.js";
import { MemoryFeedbackStore } from "./feedback-memory.js";
import type { FeedbackStore, FeedbackStoreOptions } from "./feedback-types.js";
import { parseStoreUrl } from "./url.js";

export interface CreateFeedbackStoreOptions extends Partial<FeedbackStoreOptions> {
  /** Folder for the default SQLite file when STORE_URL is unset. */
  stateDir: string;
  logger?: Logger;
}

/**
 * Builds the feedback store for STORE_URL, beside the conversation store: the same SQLite file
 * (tables of its own), the same Redis (keys under "stackwise:fb:"), or memory. Throws like
 * createStore for a malformed URL, without repeating it.
 */
export async function createFeedbackStore(
  url: string | undefined,
  options: CreateFeedbackStoreOptions,
): Promise<FeedbackStore> {
  const { stateDir, logger, ...kept } = options;
  const target = parseStoreUrl(url, stateDir);
  switch (target.kind) {
    case "memory":
      return new MemoryFeedbackStore(kept);
    case "sqlite": {
      const { SqliteFeedbackStore } = await import("./feedback-sqlite.js");
      return new SqliteFeedbackStore({ ...kept, path: resolve(target.path) });
    }
    case "redis": {
      const { RedisFeedbackStore } = await import("./feedback-redis.js");
      return new RedisFeedbackStore({ ...kept, url: target.url, ...(logger ? { logger } : {}) });
    }
  }
}
