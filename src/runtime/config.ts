import { z } from "zod";

/** Empty strings count as unset, so `FOO=` in a .env file does not switch a platform on. */
const optional = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const int = (fallback: number, min = 1) =>
  z.preprocess((v) => (v === "" || v === undefined ? fallback : v), z.coerce.number().int().min(min));

export const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Folder holding the dataset files. */
    DATA_DIR: optional,
    /** Folder for local state (the default SQLite file). */
    STATE_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default("state")),
    /** sqlite:PATH (default), redis://HOST:PORT[/DB] or memory: */
    STORE_URL: optional,
    CONVERSATION_TTL_SECONDS: int(7 * 24 * 3600),
    MAX_INPUT_CHARS: int(2000),
    PORT: int(3000, 0),

    SLACK_BOT_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_APP_TOKEN: optional,
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
      return `expected a valid ${issue.format}`;
    case "invalid_value":
      return `expected one of ${issue.values.map(String).join(", ")}`;
    case "too_small":
      return `expected at least ${String(issue.minimum)}`;
    default:
      return issue.message;
  }
}

export const slackEnabled = (c: Config) => Boolean(c.SLACK_BOT_TOKEN);
export const discordEnabled = (c: Config) => Boolean(c.DISCORD_TOKEN);
