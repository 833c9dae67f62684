// Discord latency bench: time from a MESSAGE_CREATE dispatch (a mention asking "what license does
// jax use?") to the bot's reply reaching the REST API, for Stackwise and for a bare discord.js client
// that replies with a constant. Both run the real discord.js against a minimal local gateway + REST.
//
//   npx tsc -p tsconfig.build.json && node bench/discord.mjs [messages=300]
//
// One message at a time, 25 ms apart, to the two bots in turn (alternating which goes first); the
// fakes and the bots share one process.
// startFake() is also used by bench/footprint.mjs, which runs each bot in a child process.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { WebSocketServer } from "ws";

import { startBareDiscord } from "./apps/bare-discord.mjs";
import { benchDeps, fromDist } from "./lib.mjs";

const WARMUP = 20;
// discord.js's REST client holds requests past Discord's global limit of 50 per second; pacing the
// messages below it measures the bot, not that queue (unpaced, every 50th reply waits ~1 s).
const PACE_MS = 25;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const QUESTION = "what license does jax use?";
export const ANSWER_MARK = "Apache";

let counter = 0n;
const snowflake = () => {
  counter = (counter + 1n) & 0x3fffffn;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | counter).toString();
};

/**
 * A minimal Discord: GET /gateway/bot, POST messages, and a gateway that identifies one guild.
 * `users` humans take turns writing (so a per-user limit sees several users); `onIdentify` is
 * called when the bot identifies; `replies` counts the messages the bot posted.
 */
export async function startFake({ users = 1 } = {}) {
  const appId = snowflake();
  const bot = {
    id: appId,
    username: "Bench",
    discriminator: "0",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const humans = Array.from({ length: users }, (_, i) => ({
    id: snowflake(),
    username: `user${i}`,
    discriminator: "0",
    global_name: null,
    avatar: null,
  }));
  const human = humans[0];
  let next = 0;
  const guildId = snowflake();
  const channelId = snowflake();
  let socket = null;
  let seq = 0;
  let onReply = null;
  const fake = { replies: 0, onIdentify: null, onAnyReply: null };

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
        fake.replies += 1;
        fake.onAnyReply?.(at, body);
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
      fake.onIdentify?.();
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

  const mention = () => {
    const author = humans[next++ % humans.length];
    return {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      guild_id: guildId,
      channel_type: 0,
      author,
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
  };

  return Object.assign(fake, {
    appId,
    apiUrl: `http://127.0.0.1:${http.address().port}/api`,
    /** Dispatches a mention without waiting for the reply (count them with `replies`). */
    send() {
      dispatch("MESSAGE_CREATE", mention());
    },
    /** Dispatches a mention and resolves with the milliseconds until the reply reached REST. */
    roundTrip() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no reply within 5 s")), 5000);
        const message = mention();
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
  });
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * All bots connected at once, each to its own fake; every round sends one message to each, the
 * order rotating, so none profits from running after another (JIT and caches warmed by it) or
 * suffers a busier moment of the machine.
 */
async function measure(bots, messages) {
  const apps = [];
  for (const { name, make } of bots) {
    const fake = await startFake();
    apps.push({ name, fake, bot: await make(fake), times: [], sample: null });
  }
  for (let i = 0; i < WARMUP + messages; i++) {
    const order = apps.map((_, j) => apps[(i + j) % apps.length]);
    for (const app of order) {
      const { ms, body } = await app.fake.roundTrip();
      if (i < WARMUP) app.sample = body;
      else app.times.push(ms);
      await sleep(PACE_MS);
    }
  }
  const out = [];
  for (const app of apps) {
    await app.bot.stop();
    await app.fake.stop();
    const times = app.times.sort((a, b) => a - b);
    out.push({
      name: app.name,
      n: messages,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1),
      sample: app.sample,
    });
  }
  return out;
}

/** Stackwise and bare discord.js in this process, interleaved. */
export async function benchDiscord(messages = 300) {
  const { createDiscordBot } = await fromDist("adapters/discord/bot.js");
  const { discordEnv } = await fromDist("adapters/discord/config.js");
  const { compile, loadDataset, respond, initialState, textInput } = await fromDist("src/index.js");
  const knowledge = compile(loadDataset(fileURLToPath(new URL("../data", import.meta.url))));

  const startStackwise = async (fake, answer) => {
    const env = discordEnv.parse({
      DISCORD_TOKEN: "bench",
      DISCORD_APPLICATION_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
    });
    const bot = createDiscordBot(await benchDeps(knowledge, answer ? { answer } : {}), env);
    await bot.start();
    return bot;
  };
  // The same question answered once, up front: what the adapter costs without the turn.
  const precomputed = respond(knowledge, initialState(), textInput(QUESTION)).reply;

  const [stackwise, bare, adapterOnly] = await measure(
    [
      { name: "stackwise", make: (fake) => startStackwise(fake) },
      {
        name: "bare discord.js",
        make: (fake) => startBareDiscord({ token: "bench", apiUrl: fake.apiUrl }),
      },
      { name: "stackwise, answer precomputed", make: (fake) => startStackwise(fake, precomputed) },
    ],
    messages,
  );

  const sample = JSON.stringify(stackwise.sample ?? {});
  return {
    n: messages,
    warmup: WARMUP,
    paceMs: PACE_MS,
    interleaved: true,
    stackwise,
    bare,
    ratio: stackwise.p50 / bare.p50,
    adapterOnly,
    adapterOnlyRatio: adapterOnly.p50 / bare.p50,
    answerOk: sample.includes(ANSWER_MARK),
    answerSample: sample.slice(0, 300),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchDiscord(Number(process.argv[2] ?? 300));
  for (const s of [r.stackwise, r.bare, r.adapterOnly])
    console.log(
      `${s.name.padEnd(30)} n=${s.n}  median ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  max ${s.max.toFixed(3)} ms`,
    );
  if (!r.answerOk) console.warn("warning: the Stackwise reply did not mention Apache:", r.answerSample);
  console.log(`ratio of medians (stackwise / bare): ${r.ratio.toFixed(2)}x`);
  console.log(`without the turn (answer precomputed / bare): ${r.adapterOnlyRatio.toFixed(2)}x`);
}
