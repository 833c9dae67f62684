// The bare Bolt app the benchmarks compare Stackwise with: acks /stackwise and posts a constant text.
// bench/slack.mjs starts it in-process; bench/footprint.mjs runs this file as a child
// (env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT).
import { fileURLToPath } from "node:url";
import bolt from "@slack/bolt";

export const BARE_TEXT = "A constant answer.";

/** Starts the app's HTTP receiver on `port` (0: any free port); resolves with the app and its server. */
export async function startBareSlack({ token, signingSecret, apiUrl, port, host }) {
  const app = new bolt.App({
    token,
    signingSecret,
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: bolt.LogLevel.ERROR,
  });
  app.command("/stackwise", async ({ ack, client, command }) => {
    await ack();
    await client.chat.postMessage({ channel: command.channel_id, text: BARE_TEXT });
  });
  const server = await app.start(host ? { port, host } : port);
  return { app, server };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { app } = await startBareSlack({
    token: process.env.SLACK_BOT_TOKEN,
    signingSecret: process.env.SLACK_SIGNING_SECRET,
    apiUrl: process.env.SLACK_API_URL,
    port: Number(process.env.PORT),
  });
  process.once("SIGTERM", () => app.stop().then(() => process.exit(0)));
}
