/**
 * Slack as the composition root sees it. Only config.ts is loaded up front: Bolt is imported
 * when the platform is on.
 */
import type { AdapterModule } from "../../src/index.js";
import { SLACK_SECRETS, type SlackEnv, slackEnabled, slackEnv, slackHttpMode } from "./config.js";

export { type SlackEnv, slackEnv } from "./config.js";

/**
 * Slack: on when SLACK_BOT_TOKEN (or another Slack credential) is set. HTTP mode on PORT at
 * /slack/events with SLACK_SIGNING_SECRET; Socket Mode with SLACK_APP_TOKEN.
 */
export const slack: AdapterModule<SlackEnv> = {
  name: "slack",
  env: slackEnv,
  enabled: slackEnabled,
  secrets: SLACK_SECRETS,
  servesHttp: slackHttpMode,
  create: async (deps, env) => (await import("./app.js")).createSlackApp(deps, env),
};
