// The bare Bolt app for bench/footprint.mjs: acks /stackwise and posts a constant text.
// Env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT.
import bolt from "@slack/bolt";

const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: bolt.LogLevel.ERROR,
});
app.command("/stackwise", async ({ ack, client, command }) => {
  await ack();
  await client.chat.postMessage({ channel: command.channel_id, text: "A constant answer." });
});
await app.start(Number(process.env.PORT));
process.once("SIGTERM", () => app.stop().then(() => process.exit(0)));
