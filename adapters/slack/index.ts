import type { PlatformDeps, RunningPlatform } from "../platform.js";
import { createSlackApp, type SlackApp, type SlackAppOptions } from "./app.js";

export { createSlackApp, type SlackApp, type SlackAppOptions } from "./app.js";
export { renderReply } from "./blocks.js";

export interface RunningSlack extends RunningPlatform {
  /** The underlying app: its port and HTTP server (HTTP mode), for health and metrics routes. */
  readonly slack: SlackApp;
}

/**
 * Starts the Slack adapter: HTTP mode on config.PORT at /slack/events with SLACK_BOT_TOKEN and
 * SLACK_SIGNING_SECRET; Socket Mode when SLACK_APP_TOKEN is set too.
 */
export async function startSlack(deps: PlatformDeps, options: SlackAppOptions = {}): Promise<RunningSlack> {
  const slack = createSlackApp(deps, options);
  await slack.start();
  return {
    name: "slack",
    slack,
    isReady: () => slack.isReady(),
    stop: () => slack.stop(),
  };
}
