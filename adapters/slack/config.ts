/**
 * Slack's settings: its zod schema, when it is on, and which values are secret. HTTP mode
 * (Events API on PORT at /slack/events) needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; Socket
 * Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN.
 */
import { z } from "zod";
import { type Env, optionalEnv, optionalUrlEnv, prefixedEnv } from "../../src/index.js";

/** Slack's variables: a bot token, with a signing secret (HTTP mode) or an app token (Socket Mode). */
export const slackEnv = z
  .object({
    /** Bot User OAuth Token. */
    SLACK_BOT_TOKEN: prefixedEnv("xoxb-", "a bot token"),
    /** Verifies that HTTP requests come from Slack. */
    SLACK_SIGNING_SECRET: optionalEnv,
    /** An app-level token: Socket Mode instead of HTTP. */
    SLACK_APP_TOKEN: prefixedEnv("xapp-", "an app-level token"),
    /** Web API base URL; tests point it at a local fake. */
    SLACK_API_URL: optionalUrlEnv,
  })
  .superRefine((c, ctx) => {
    if (!c.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: "is required to run the Slack app",
      });
    } else if (!c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
  });

/** Slack's checked settings. */
export type SlackEnv = z.infer<typeof slackEnv>;

/** Values never logged or echoed. */
export const SLACK_SECRETS = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"] as const;

/** On as soon as one of its credentials is set (then the schema says what else is missing). */
export const slackEnabled = (env: Env) => SLACK_SECRETS.some((name) => Boolean(env[name]));

/** HTTP mode: Slack's requests arrive on PORT (which then also serves the operations routes). */
export const slackHttpMode = (env: SlackEnv) => !env.SLACK_APP_TOKEN;
