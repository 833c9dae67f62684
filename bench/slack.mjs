// Slack latency: a signed `/stackwise what license does jax use` to the answer reaching the Web API,
// for Stackwise and for a bare Bolt app whose handler acks and posts a constant text.
//
//   npx tsc -p tsconfig.build.json   # builds dist/ (or set STACKWISE_DIST to another build folder)
//   node bench/slack.mjs [requests=300]
//
// Everything runs on 127.0.0.1: the apps, and a tiny fake Web API inline below.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import bolt from "@slack/bolt";

const dist = new URL(
  process.env.STACKWISE_DIST ? `file://${process.env.STACKWISE_DIST}/` : "../dist/",
  import.meta.url,
);
const { createSlackApp } = await import(new URL("adapters/slack/index.js", dist).href);
const { compile, loadDataset } = await import(new URL("src/index.js", dist).href);
const { Conversations } = await import(new URL("src/runtime/conversations.js", dist).href);
const { MemoryStore } = await import(new URL("src/runtime/store/memory.js", dist).href);
const { loadConfig } = await import(new URL("src/runtime/config.js", dist).href);
const { silentLogger } = await import(new URL("src/runtime/logger.js", dist).href);

const N = Number(process.argv[2] ?? 300);
const WARMUP = 30;
const SECRET = "bench-signing-secret";
const TOKEN = "xoxb-bench-token";
const QUESTION = "what license does jax use";

// ---- fake Web API: records nothing but the moment each call arrives ---------------------------
let seq = 0;
let waiter = null; // { method, resolve }
const api = createServer((req, res) => {
  const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0];
  req.resume();
  req.on("end", () => {
    const at = performance.now();
    let body = { ok: true };
    if (method === "auth.test") {
      body = {
        ok: true,
        user_id: "UBOT",
        bot_id: "BBOT",
        team_id: "T1",
        user: "stackwise",
        team: "Bench",
        url: "https://bench.slack.com/",
      };
    } else if (method === "chat.postMessage") {
      seq += 1;
      body = { ok: true, channel: "C1", ts: `1700000000.${String(seq).padStart(6, "0")}`, message: {} };
    } else if (method === "chat.update") body = { ok: true, channel: "C1", ts: "x" };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
    if (waiter?.methods.includes(method)) {
      waiter.seen[method] ??= at;
      if (waiter.methods.every((m) => waiter.seen[m] !== undefined)) waiter.resolve(waiter.seen);
    }
  });
});
await new Promise((r) => api.listen(0, "127.0.0.1", r));
const apiUrl = `http://127.0.0.1:${api.address().port}/api/`;

function commandBody() {
  return new URLSearchParams({
    team_id: "T1",
    channel_id: "C1",
    user_id: "U1",
    command: "/stackwise",
    text: QUESTION,
    api_app_id: "A1",
    response_url: `${apiUrl}response`,
    trigger_id: `t${Math.random()}`,
  }).toString();
}

/** Sends one signed command; resolves with ms until each of `methods` reached the fake. */
async function once(port, methods) {
  const body = commandBody();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  const done = new Promise((resolve) => {
    waiter = { methods, seen: {}, resolve };
  });
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": sig,
    },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const seen = await done;
  waiter = null;
  return Object.fromEntries(methods.map((m) => [m, seen[m] - t0]));
}

async function measure(port, methods) {
  for (let i = 0; i < WARMUP; i++) await once(port, methods);
  const samples = Object.fromEntries(methods.map((m) => [m, []]));
  for (let i = 0; i < N; i++) {
    const r = await once(port, methods);
    for (const m of methods) samples[m].push(r[m]);
  }
  return samples;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// ---- bare Bolt ---------------------------------------------------------------------------------
const bare = new bolt.App({
  token: TOKEN,
  signingSecret: SECRET,
  clientOptions: { slackApiUrl: apiUrl },
  logLevel: bolt.LogLevel.ERROR,
});
bare.command("/stackwise", async ({ ack, client, command }) => {
  await ack();
  await client.chat.postMessage({ channel: command.channel_id, text: "A constant answer." });
});
const bareServer = await bare.start({ port: 0, host: "127.0.0.1" });
const bareSamples = await measure(bareServer.address().port, ["chat.postMessage"]);
await bare.stop();

// ---- Stackwise ---------------------------------------------------------------------------------
const knowledge = compile(loadDataset(fileURLToPath(new URL("../data", import.meta.url))));
const conversations = new Conversations(knowledge, new MemoryStore(), silentLogger);
const config = loadConfig({
  SLACK_BOT_TOKEN: TOKEN,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: apiUrl,
  PORT: "0",
});
const stackwise = createSlackApp({ config, conversations, knowledge, log: silentLogger });
await stackwise.start(0, "127.0.0.1");
// The command posts the question in the channel (chat.postMessage), then puts the answer in it (chat.update).
const swSamples = await measure(stackwise.port, ["chat.postMessage", "chat.update"]);
await stackwise.stop();
api.close();

const rows = [
  ["bare Bolt: constant chat.postMessage", bareSamples["chat.postMessage"]],
  ["Stackwise: first chat.postMessage", swSamples["chat.postMessage"]],
  ["Stackwise: answer visible (chat.update)", swSamples["chat.update"]],
];
const fmt = (x) => x.toFixed(2).padStart(7);
console.log(
  `\n${N} sequential signed slash commands on 127.0.0.1 (after ${WARMUP} warm-up), Node ${process.version}\n`,
);
console.log(`${"".padEnd(42)}  p50 ms   p99 ms  mean ms`);
for (const [name, xs] of rows) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${name.padEnd(42)} ${fmt(pct(xs, 50))}  ${fmt(pct(xs, 99))}  ${fmt(mean)}`);
}
const base = pct(bareSamples["chat.postMessage"], 50);
console.log(
  `\nratio of medians vs bare Bolt: first post ${(pct(swSamples["chat.postMessage"], 50) / base).toFixed(2)}x, answer visible ${(pct(swSamples["chat.update"], 50) / base).toFixed(2)}x`,
);
