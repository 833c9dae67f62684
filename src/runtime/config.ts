import { z } from "zod";
import { ACCEPTED_STORE_URLS, isStoreUrl } from "./store/url.js";

/** Empty strings count as unset, so `FOO=` in a .env file does not switch a platform on. */
const optional = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());
const optionalUrl = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.url({ protocol: /^https?$/ }).optional(),
);
const int = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : v),
    z.coerce.number().int().min(min).max(max),
  );
/** An optional secret-like string with a known prefix (catches a value pasted into the wrong variable). */
const prefixed = (prefix: string, what: string) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((s) => s.startsWith(prefix), { message: `expected ${what} starting with "${prefix}"` })
      .optional(),
  );

export const configSchema = z
  .object({
    /** production: the bot refuses to fall back to the terminal chat when no platform is configured. */
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** auto: pretty when stdout is a terminal, JSON lines otherwise. */
    LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
    /** Folder holding the dataset files. */
    DATA_DIR: optional,
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
    MAX_INPUT_CHARS: int(2000),
    /** Slack's HTTP endpoint and the operations routes (/healthz, /readyz, /metrics); 0 = any free port. */
    PORT: int(3000, 0, 65535),
    /** Per-user token bucket: this many messages at once... */
    RATE_LIMIT_BURST: int(20, 1),
    /** ...refilled at this many per minute; 0 turns the limit off. */
    RATE_LIMIT_PER_MINUTE: int(30, 0),
    /** On SIGTERM/SIGINT, turns in flight get this long to finish before the process gives up. */
    SHUTDOWN_TIMEOUT_SECONDS: int(10, 1, 600),

    SLACK_BOT_TOKEN: prefixed("xoxb-", "a bot token"),
    SLACK_SIGNING_SECRET: optional,
    SLACK_APP_TOKEN: prefixed("xapp-", "an app-level token"),
    /** Web API base URL; tests point it at a local fake. */
    SLACK_API_URL: optionalUrl,

    DISCORD_TOKEN: optional,
    DISCORD_APPLICATION_ID: optional,
    DISCORD_GUILD_ID: optional,
    /** REST base URL (discord.js `rest.api`); the gateway address then comes from its /gateway/bot. */
    DISCORD_API_URL: optionalUrl,
  })
  .superRefine((c, ctx) => {
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: "is required to run the Slack app",
      });
    }
    if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["DISCORD_APPLICATION_ID"],
        message: "is required with DISCORD_TOKEN",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates the environment. Messages name the variable and what is expected, never its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(environment)"}: ${describe(i)}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
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

export const slackEnabled = (c: Config) => Boolean(c.SLACK_BOT_TOKEN);
export const discordEnabled = (c: Config) => Boolean(c.DISCORD_TOKEN);
/** Slack in HTTP mode: Bolt's own server listens on PORT (and carries the operations routes). */
export const slackHttpMode = (c: Config) => slackEnabled(c) && !c.SLACK_APP_TOKEN;
