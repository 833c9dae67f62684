import { z } from "zod";
import { ACCEPTED_STORE_URLS, isStoreUrl } from "./store/url.js";

/** Empty strings count as unset, so `FOO=` in a .env file does not switch a platform on. */
export const optionalEnv = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());
/** An optional http(s) URL (empty = unset). */
export const optionalUrlEnv = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.url({ protocol: /^https?$/ }).optional(),
);
const int = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : v),
    z.coerce.number().int().min(min).max(max),
  );
/** An optional secret-like string with a known prefix (catches a value pasted into the wrong variable). */
export const prefixedEnv = (prefix: string, what: string) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((s) => s.startsWith(prefix), { message: `expected ${what} starting with "${prefix}"` })
      .optional(),
  );

/**
 * The settings every platform shares. Each platform adapter declares its own variables (its zod
 * schema, `enabled(env)` and its secret names) in adapters/<platform>/config.ts.
 */
export const configSchema = z.object({
  /** production: the bot refuses to fall back to the terminal chat when no platform is configured. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** auto: pretty when stdout is a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Folder holding the dataset files. */
  DATA_DIR: optionalEnv,
  /** Folder for local state (the default SQLite file). */
  STATE_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default("state")),
  /** sqlite:PATH (default), redis://HOST:PORT[/DB] or memory: */
  STORE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine(isStoreUrl, { message: `expected ${ACCEPTED_STORE_URLS}` })
      .optional(),
  ),
  CONVERSATION_TTL_SECONDS: int(7 * 24 * 3600),
  /** Open team decisions expire this long after their last change (default 14 days). */
  DECISION_TTL_SECONDS: int(14 * 24 * 3600),
  /** Closed decision records are kept this long (default 180 days). */
  DECISION_RECORD_TTL_SECONDS: int(180 * 24 * 3600),
  MAX_INPUT_CHARS: int(2000),
  /** Slack's HTTP endpoint and the operations routes (/healthz, /readyz, /metrics); 0 = any free port. */
  PORT: int(3000, 0, 65535),
  /** Per-user token bucket: this many messages at once... */
  RATE_LIMIT_BURST: int(20, 1),
  /** ...refilled at this many per minute; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: int(30, 0),
  /** On SIGTERM/SIGINT, turns in flight get this long to finish before the process gives up. */
  SHUTDOWN_TIMEOUT_SECONDS: int(10, 1, 600),
  /** Answer records and votes are kept this long (default 90 days). */
  FEEDBACK_TTL_SECONDS: int(90 * 24 * 3600),
  /** Cleaned question texts and "What was wrong?" notes are kept this long (default 30 days). */
  REVIEW_TEXT_TTL_SECONDS: int(30 * 24 * 3600),
  /** false: no user text is stored at all (votes and counters only). */
  KEEP_REVIEW_TEXT: z.preprocess((v) => (v === "" ? undefined : v), z.stringbool().default(true)),
  /** Turns on GET /review (bearer token or basic-auth password); unset: the page answers 404. */
  REVIEW_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((t) => t.length >= 16, { message: "expected at least 16 characters" })
      .optional(),
  ),
});

/** Shared settings whose values are secrets (never logged, never echoed). */
export const SHARED_SECRETS: readonly string[] = ["REVIEW_TOKEN"];

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The environment as the config schemas read it. */
export type Env = Record<string, string | undefined>;

/**
 * Checks `env` against a schema: the parsed settings, or one line per problem ("  PORT: expected
 * number"). Lines name the variable and what is expected, never the value given.
 */
export function checkEnv<T>(
  schema: z.ZodType<T>,
  env: Env,
): { ok: true; value: T } | { ok: false; problems: string[] } {
  const result = schema.safeParse(env);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${describe(i)}`),
  };
}

/** Throws the ConfigError that lists every problem at once (none: nothing happens). */
export function failOnProblems(problems: string[]): void {
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
}

/** Validates the shared settings. Messages name the variable and what is expected, never its value. */
export function loadConfig(env: Env = process.env): Config {
  const checked = checkEnv(configSchema, env);
  if (checked.ok) return checked.value;
  failOnProblems(checked.problems);
  throw new ConfigError("Invalid configuration");
}

function describe(issue: z.core.$ZodIssue): string {
  // zod's default messages can quote the received value; keep only what is expected.
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "invalid_format":
      return issue.format === "url"
        ? "expected an http:// or https:// URL"
        : `expected a valid ${issue.format}`;
    case "invalid_value":
      return `expected one of ${issue.values.map(String).join(", ")}`;
    case "too_small":
      return issue.origin === "string"
        ? "expected a non-empty value"
        : `expected at least ${String(issue.minimum)}`;
    case "too_big":
      return `expected at most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}
