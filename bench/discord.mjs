// Discord latency bench: time from a MESSAGE_CREATE dispatch (a mention asking "what license does
// jax use?") to the bot's reply reaching the REST API, for Stackwise and for a bare discord.js client
// that replies with a constant. Both run the real discord.js against a minimal local gateway + REST.
//
//   npx tsc -p tsconfig.build.json && node bench/discord.mjs [messages=300]
//
// One message at a time, 25 ms apart; the fake and the bot share one process (as do both runs).
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import { WebSocketServer } from "ws";

const dist = new URL("../dist/", import.meta.url);
const { createDiscordBot } = await import(new URL("adapters/discord/index.js", dist).href);
const { loadDataset } = await import(new URL("src/dataset/load.js", dist).href);
const { compile } = await import(new URL("src/engine/knowledge.js", dist).href);
const { Conversations } = await import(new URL("src/runtime/conversations.js", dist).href);
const { MemoryStore } = await import(new URL("src/runtime/store/memory.js", dist).href);
const { silentLogger } = await import(new URL("src/runtime/logger.js", dist).href);
const { loadConfig } = await import(new URL("src/runtime/config.js", dist).href);

const MESSAGES = Number(process.argv[2] ?? 300);
const WARMUP = 20;
// discord.js's REST client holds requests past Discord's global limit of 50 per second; pacing the
// messages below it measures the bot, not that queue (unpaced, every 50th reply waits ~1 s).
const PACE_MS = 25;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUESTION = "what license does jax use?";

let counter = 0n;
const snowflake = () => {
  counter = (counter + 1n) & 0x3fffffn;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | counter).toString();
};

/** A minimal Discord: GET /gateway/bot, POST messages, and a gateway that identifies one guild. */
async function startFake() {
  const appId = snowflake();
  const bot = {
    id: appId,
    username: "Bench",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const human = { id: snowflake(), username: "alice", discriminator: "0", global_name: null, avatar: null };
  const guildId = snowflake();
  const channelId = snowflake();
  let socket = null;
  let seq = 0;
  let onReply = null;

  const http = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      const path = req.url.replace(/^\/api\/v10/, "").split("?")[0];
      const json = (data) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(data));
      };
      if (path === "/gateway/bot") {
        return json({
          url: `ws://127.0.0.1:${http.address().port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        });
      }
      const m = req.method === "POST" && path.match(/^\/channels\/(\d+)\/messages$/);
      if (m) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        onReply?.(at, body);
        return json({
          id: snowflake(),
          type: body.message_reference ? 19 : 0,
          channel_id: m[1],
          guild_id: guildId,
          author: bot,
          content: body.content ?? "",
          timestamp: new Date().toISOString(),
          edited_timestamp: null,
          tts: false,
          mention_everyone: false,
          mentions: [],
          mention_roles: [],
          attachments: [],
          embeds: body.embeds ?? [],
          components: body.components ?? [],
          pinned: false,
          flags: 0,
        });
      }
      res.statusCode = 404;
      json({ message: "404: Not Found", code: 0 });
    });
  });
  const wss = new WebSocketServer({ server: http });
  const dispatch = (t, d) => socket?.send(JSON.stringify({ op: 0, s: ++seq, t, d }));
  wss.on("connection", (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const { op } = JSON.parse(String(raw));
      if (op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (op !== 2) return;
      const now = new Date().toISOString();
      dispatch("READY", {
        v: 10,
        user: bot,
        guilds: [{ id: guildId, unavailable: true }],
        session_id: snowflake(),
        resume_gateway_url: `ws://127.0.0.1:${http.address().port}`,
        application: { id: appId, flags: 0 },
      });
      dispatch("GUILD_CREATE", {
        id: guildId,
        name: "Bench",
        owner_id: human.id,
        unavailable: false,
        member_count: 2,
        joined_at: now,
        features: [],
        emojis: [],
        stickers: [],
        roles: [{ id: guildId, name: "@everyone", permissions: "1071698660929", position: 0, color: 0 }],
        channels: [{ id: channelId, type: 0, name: "general", position: 0, permission_overwrites: [] }],
        threads: [],
        members: [{ user: bot, roles: [], joined_at: now, deaf: false, mute: false }],
        presences: [],
        voice_states: [],
      });
    });
  });
  await new Promise((r) => http.listen(0, "127.0.0.1", r));

  return {
    appId,
    apiUrl: `http://127.0.0.1:${http.address().port}/api`,
    /** Dispatches a mention and resolves with the milliseconds until the reply reached REST. */
    roundTrip() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no reply within 5 s")), 5000);
        const message = {
          id: snowflake(),
          type: 0,
          channel_id: channelId,
          guild_id: guildId,
          channel_type: 0,
          author: human,
          member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false },
          content: `<@${bot.id}> ${QUESTION}`,
          timestamp: new Date().toISOString(),
          edited_timestamp: null,
          tts: false,
          mention_everyone: false,
          mentions: [bot],
          mention_roles: [],
          attachments: [],
          embeds: [],
          components: [],
          pinned: false,
          flags: 0,
        };
        let started = 0;
        onReply = (at, body) => {
          clearTimeout(timer);
          onReply = null;
          resolve({ ms: at - started, body });
        };
        started = performance.now();
        dispatch("MESSAGE_CREATE", message);
      });
    },
    async stop() {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(name, makeBot) {
  const fake = await startFake();
  const bot = await makeBot(fake);
  let sample = null;
  for (let i = 0; i < WARMUP; i++) {
    sample = (await fake.roundTrip()).body;
    await sleep(PACE_MS);
  }
  const times = [];
  for (let i = 0; i < MESSAGES; i++) {
    times.push((await fake.roundTrip()).ms);
    await sleep(PACE_MS);
  }
  await bot.stop();
  await fake.stop();
  times.sort((a, b) => a - b);
  const result = { name, median: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) };
  console.log(
    `${name.padEnd(22)} n=${MESSAGES}  median ${result.median.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms  max ${result.max.toFixed(3)} ms`,
  );
  return { ...result, sample };
}

const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

const knowledge = compile(loadDataset(fileURLToPath(new URL("../data", import.meta.url))));

const stackwise = await measure("stackwise", async (fake) => {
  const config = loadConfig({
    DISCORD_TOKEN: "bench",
    DISCORD_APPLICATION_ID: fake.appId,
    DISCORD_API_URL: fake.apiUrl,
  });
  const conversations = new Conversations(knowledge, new MemoryStore(), silentLogger);
  const bot = createDiscordBot({ config, conversations, knowledge, log: silentLogger });
  await bot.start();
  return bot;
});

const bare = await measure("bare discord.js", async (fake) => {
  const client = new Client({
    intents,
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: { api: fake.apiUrl },
  });
  client.on(Events.MessageCreate, (message) => {
    if (message.author.bot || !message.mentions.users.has(client.user.id)) return;
    message.reply({ content: "ok", allowedMentions: { parse: [] } }).catch(() => {});
  });
  const ready = new Promise((r) => client.once(Events.ClientReady, r));
  await client.login("bench");
  await ready;
  return { stop: () => client.destroy() };
});

const answered = JSON.stringify(stackwise.sample ?? {});
if (!/Apache/.test(answered))
  console.warn("warning: the Stackwise reply did not mention Apache:", answered.slice(0, 300));
console.log(`ratio of medians (stackwise / bare): ${(stackwise.median / bare.median).toFixed(2)}x`);
