// The bare discord.js client the benchmarks compare Stackwise with: replies a constant to every
// mention. bench/discord.mjs starts it in-process; bench/footprint.mjs runs this file as a child
// (env: DISCORD_TOKEN, DISCORD_API_URL).
import { fileURLToPath } from "node:url";
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";

/** Logs in against `apiUrl` and resolves once the gateway is ready. */
export async function startBareDiscord({ token, apiUrl }) {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { api: apiUrl },
  });
  client.on(Events.MessageCreate, (message) => {
    if (message.author.bot || !message.mentions.users.has(client.user.id)) return;
    message.reply({ content: "ok", allowedMentions: { parse: [] } }).catch(() => {});
  });
  const ready = new Promise((r) => client.once(Events.ClientReady, r));
  await client.login(token);
  await ready;
  return { stop: () => client.destroy() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bot = await startBareDiscord({
    token: process.env.DISCORD_TOKEN,
    apiUrl: process.env.DISCORD_API_URL,
  });
  process.once("SIGTERM", () => bot.stop().then(() => process.exit(0)));
}
