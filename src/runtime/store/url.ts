import { join } from "node:path";
import { z } from "zod";

export const ACCEPTED_STORE_URLS = "sqlite:PATH, redis://HOST:PORT[/DB], rediss://HOST:PORT[/DB] or memory:";

export type StoreTarget =
  | { kind: "memory" }
  | { kind: "sqlite"; path: string }
  | { kind: "redis"; url: string };

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
 * Where STORE_URL points, without opening anything (no native module is loaded here, so the
 * configuration schema can use it). Throws an Error naming STORE_URL and the accepted forms; the
 * URL itself is never repeated, since it may hold a password.
 */
export function parseStoreUrl(url: string | undefined, stateDir: string): StoreTarget {
  if (url === undefined || url.trim() === "") return { kind: "sqlite", path: join(stateDir, "stackwise.db") };
  const result = storeUrlSchema.safeParse(url.trim());
  if (!result.success) throw new Error(`Invalid STORE_URL: expected ${ACCEPTED_STORE_URLS}`);
  return result.data;
}

/** True when `url` is a STORE_URL createStore accepts. */
export function isStoreUrl(url: string): boolean {
  return storeUrlSchema.safeParse(url.trim()).success;
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
