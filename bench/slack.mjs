// Slack latency: a signed `/stackwise what license does jax use` to the Web API call that carries the
// answer (the first chat.postMessage or chat.update whose text holds it, so the bench works whether
// the adapter posts the answer directly or posts a placeholder and edits it), for Stackwise and for
// a bare Bolt app whose handler acks and posts a constant text. Both apps run at once and take turns
// (alternating which goes first), so order and drift in the machine's load hit both alike.
//
//   npx tsc -p tsconfig.build.json   # builds dist/ (or set STACKWISE_DIST to another build folder)
//   node bench/slack.mjs [requests=300]
//
// Everything runs on 127.0.0.1: the apps, and a tiny fake Web API (createSlackFake, also used by
// bench/footprint.mjs).
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { BARE_TEXT, startBareSlack } from "./apps/bare-slack.mjs";
import { benchDeps, fromDist, pct, root } from "./lib.mjs";

export const SECRET = "bench-signing-secret";
export const TOKEN = "xoxb-bench-token";
export const QUESTION = "what license does jax use";
/** Text the Stackwise answer to QUESTION contains (and its "asked:" placeholder does not). */
export const ANSWER_MARK = "Apache";
export { BARE_TEXT };

const WARMUP = 30;

/**
 * A fake Web API. `onCall(method, body, at)` sees every call (body as raw text); `expect(match)`
 * resolves with the performance.now() of the first call for which match(method, body) is true.
 */
export async function createSlackFake() {
  let seq = 0;
  const fake = { onCall: null, waiters: [] };
  const api = createServer((req, res) => {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0];
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
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
      const text = decodeForm(Buffer.concat(chunks).toString("utf8"));
      fake.onCall?.(method, text, at);
      for (const w of [...fake.waiters]) {
        if (w.match(method, text)) {
          fake.waiters.splice(fake.waiters.indexOf(w), 1);
          w.resolve(at);
        }
      }
    });
  });
  await new Promise((r) => api.listen(0, "127.0.0.1", r));
  fake.url = `http://127.0.0.1:${api.address().port}/api/`;
  fake.expect = (match) => new Promise((resolve) => fake.waiters.push({ match, resolve }));
  fake.close = () => {
    api.closeAllConnections();
    return new Promise((r) => api.close(r));
  };
  return fake;
}

/** A slash-command body, signed; `user` varies per request so no per-user limit applies. */
export function signedCommand(apiUrl, user = "U1", text = QUESTION) {
  const body = new URLSearchParams({
    team_id: "T1",
    channel_id: "C1",
    user_id: user,
    command: "/stackwise",
    text,
    api_app_id: "A1",
    response_url: `${apiUrl}response`,
    trigger_id: `t${Math.random()}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  return {
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": sig,
    },
  };
}

/** The Web API client sends form-encoded bodies: decode them so matching sees the plain text. */
function decodeForm(raw) {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

let userSeq = 0;
export const nextUser = () => `UB${(++userSeq).toString(36).toUpperCase()}`;

const isAnswerCall = (mark) => (method, body) =>
  (method === "chat.postMessage" || method === "chat.update") && body.includes(mark);

/** One signed command; ms from sending it until each named expectation was met. */
async function once(fake, port, expectations) {
  const { body, headers } = signedCommand(fake.url, nextUser());
  const pending = Object.entries(expectations).map(([name, match]) =>
    fake.expect(match).then((at) => [name, at]),
  );
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", headers, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const timeout = new Promise((_, reject) => {
    const t = setTimeout(() => reject(new Error("no answer within 5 s")), 5000);
    t.unref();
  });
  const seen = await Promise.race([Promise.all(pending), timeout]);
  return Object.fromEntries(seen.map(([name, at]) => [name, at - t0]));
}

/**
 * Interleaved: each round sends one command to every app, in alternating order, so no app
 * profits from running after another (a JIT and caches warmed by it) or suffers a busier moment.
 */
async function measure(fake, apps, n) {
  const samples = apps.map((app) => Object.fromEntries(Object.keys(app.expectations).map((k) => [k, []])));
  for (let i = 0; i < WARMUP + n; i++) {
    const order = i % 2 === 0 ? apps.map((_, j) => j) : apps.map((_, j) => apps.length - 1 - j);
    for (const j of order) {
      const app = apps[j];
      const r = await once(fake, app.port, app.expectations);
      if (i < WARMUP) continue;
      for (const k of Object.keys(app.expectations)) samples[j][k].push(r[k]);
    }
  }
  return samples;
}

const summary = (xs) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p99: pct(xs, 99),
  mean: xs.reduce((a, b) => a + b, 0) / xs.length,
});

/** Runs both apps in this process, interleaved; returns p50/p99 per row and the ratio. */
export async function benchSlack(n = 300) {
  const fake = await createSlackFake();

  // ---- bare Bolt ----
  const { app: bare, server: bareServer } = await startBareSlack({
    token: TOKEN,
    signingSecret: SECRET,
    apiUrl: fake.url,
    port: 0,
    host: "127.0.0.1",
  });

  // ---- Stackwise, and the same adapter with the answer computed beforehand ----
  const { createSlackApp } = await fromDist("adapters/slack/app.js");
  const { slackEnv } = await fromDist("adapters/slack/config.js");
  const { compile, loadDataset, respond, initialState, textInput } = await fromDist("src/index.js");
  const knowledge = compile(loadDataset(`${root}/data`));
  const env = slackEnv.parse({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
  });
  const stackwise = createSlackApp(await benchDeps(knowledge), env);
  await stackwise.start(0, "127.0.0.1");
  const answer = respond(knowledge, initialState(), textInput(QUESTION)).reply;
  const adapterOnly = createSlackApp(await benchDeps(knowledge, { answer }), env);
  await adapterOnly.start(0, "127.0.0.1");

  const carriesAnswer = {
    first: (method) => method === "chat.postMessage",
    answer: isAnswerCall(ANSWER_MARK),
  };
  const [bareSamples, swSamples, onlySamples] = await measure(
    fake,
    [
      { port: bareServer.address().port, expectations: { answer: isAnswerCall(BARE_TEXT) } },
      { port: stackwise.port, expectations: carriesAnswer },
      { port: adapterOnly.port, expectations: carriesAnswer },
    ],
    n,
  );
  await stackwise.stop();
  await adapterOnly.stop();
  await bare.stop();
  await fake.close();

  const base = summary(bareSamples.answer);
  const whole = summary(swSamples.answer);
  const only = summary(onlySamples.answer);
  return {
    n,
    warmup: WARMUP,
    interleaved: true,
    bare: base,
    stackwiseFirstPost: summary(swSamples.first),
    stackwise: whole,
    ratio: whole.p50 / base.p50,
    adapterOnly: only,
    adapterOnlyRatio: only.p50 / base.p50,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchSlack(Number(process.argv[2] ?? 300));
  const fmt = (x) => x.toFixed(2).padStart(7);
  console.log(
    `\n${r.n} sequential signed slash commands on 127.0.0.1 (after ${r.warmup} warm-up), Node ${process.version}\n`,
  );
  console.log(`${"".padEnd(46)}  p50 ms   p99 ms  mean ms`);
  for (const [name, s] of [
    ["bare Bolt: constant chat.postMessage", r.bare],
    ["Stackwise: first chat.postMessage", r.stackwiseFirstPost],
    ["Stackwise: answer (postMessage or update)", r.stackwise],
    ["Stackwise, answer computed beforehand", r.adapterOnly],
  ])
    console.log(`${name.padEnd(46)} ${fmt(s.p50)}  ${fmt(s.p99)}  ${fmt(s.mean)}`);
  console.log(`\nratio of medians (answer) vs bare Bolt: ${r.ratio.toFixed(2)}x`);
  console.log(
    `the adapter path alone (answer computed beforehand) vs bare Bolt: ${r.adapterOnlyRatio.toFixed(2)}x`,
  );
}
