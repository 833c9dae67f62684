// The bare discord.js client for bench/footprint.mjs: replies a constant to every mention.
// Env: DISCORD_TOKEN, DISCORD_API_URL.
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";

const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
    GatewayIntentBits.DirectMessages,
  ],
  partials: [Partials.Channel],
  allowedMentions: { parse: [] },
  rest: { api: process.env.DISCORD_API_URL },
});
client.on(Events.MessageCreate, (message) => {
  if (message.author.bot || !message.mentions.users.has(client.user.id)) return;
  message.reply({ content: "ok", allowedMentions: { parse: [] } }).catch(() => {});
});
await client.login(process.env.DISCORD_TOKEN);
process.once("SIGTERM", () => client.destroy().then(() => process.exit(0)));
