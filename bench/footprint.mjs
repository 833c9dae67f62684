// Startup time and resident memory, per app: each app runs in its own child process (node
// --expose-gc, preloaded with bench/apps/probe.mjs) against a fake platform in this process.
//   Slack:   Stackwise = dist/adapters/main.js (the real composition root, default SQLite store in a
//            temp folder) vs bench/apps/bare-slack.mjs. Ready = the HTTP server answers a request.
//            Then N signed slash commands (8 in flight), RSS read after a forced GC.
//   Discord: Stackwise = dist/adapters/main.js vs bench/apps/bare-discord.mjs. Ready = discord.js's
//            clientReady after the fake gateway's READY + GUILD_CREATE. Then M mentions paced under
//            discord.js's client-side global REST limit (50/s), both apps driven at once.
//
//   Each app runs `rounds` times and is reported by its median run: RSS after the same workload
//   varies between runs of one app by ±20 MiB here.
//
//   node --expose-gc bench/footprint.mjs [slackTurns=10000] [discordTurns=2000] [rounds=3]
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFake } from "./discord.mjs";
import { dist, noThrottleEnv, root, sleep } from "./lib.mjs";
import { ANSWER_MARK, BARE_TEXT, createSlackFake, nextUser, SECRET, signedCommand, TOKEN } from "./slack.mjs";

const PROBE = fileURLToPath(new URL("apps/probe.mjs", import.meta.url));
const MAIN = fileURLToPath(new URL("adapters/main.js", dist));
const BARE_SLACK = fileURLToPath(new URL("apps/bare-slack.mjs", import.meta.url));
const BARE_DISCORD = fileURLToPath(new URL("apps/bare-discord.mjs", import.meta.url));
const IN_FLIGHT = 4;
const DISCORD_PACE_MS = 22; // < 46 messages/s, under discord.js's 50 requests/s global REST limit

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts an app in a child; a clean environment (no inherited tokens or STORE_URL), cwd = a temp folder (no .env). */
function spawnApp(script, env, cwd) {
  const child = fork(script, [], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
    execArgv: ["--expose-gc", "--import", PROBE],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output = (output + d).slice(-4000);
  });
  child.stderr.on("data", (d) => {
    output = (output + d).slice(-4000);
  });
  child.output = () => output;
  child.exited = new Promise((r) => child.once("exit", r));
  return child;
}

function ask(child, type) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${type} from the child:\n${child.output()}`)), 15_000);
    const on = (m) => {
      if (m?.type !== type) return;
      clearTimeout(t);
      child.off("message", on);
      resolve(m);
    };
    child.on("message", on);
    if (type === "rss") child.send({ type });
  });
}

async function stop(child) {
  if (child.exitCode === null) child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 5000);
  await child.exited;
  clearTimeout(t);
}

async function slackApp(name, script, turns, extraEnv, answerMark) {
  const fake = await createSlackFake();
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), "stackwise-bench-"));
  let answered = 0;
  let wake = null;
  fake.onCall = (method, body) => {
    if ((method === "chat.postMessage" || method === "chat.update") && body.includes(answerMark)) {
      answered += 1;
      wake?.();
    }
  };
  const t0 = performance.now();
  const child = spawnApp(
    script,
    {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      PORT: String(port),
      STATE_DIR: cwd,
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    cwd,
  );
  let startupMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited:\n${child.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.arrayBuffer();
      startupMs = performance.now() - t0;
      break;
    } catch {
      await sleep(5);
    }
    if (performance.now() - t0 > 30_000) throw new Error(`${name} not ready in 30 s:\n${child.output()}`);
  }
  const atReady = await ask(child, "rss");

  const started = performance.now();
  let sent = 0;
  const post = async () => {
    const { body, headers } = signedCommand(fake.url, nextUser());
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", headers, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
  };
  while (answered < turns) {
    if (sent < turns && sent - answered < IN_FLIGHT) {
      sent += 1;
      post().catch((err) => console.error(err.message));
      continue;
    }
    const progress = answered;
    await new Promise((r) => {
      wake = r;
      setTimeout(r, 5000).unref();
    });
    wake = null;
    if (answered === progress)
      throw new Error(`${name}: stalled at ${answered}/${turns} answers:\n${child.output()}`);
  }
  const driveS = (performance.now() - started) / 1000;
  await sleep(200);
  const after = await ask(child, "rss");
  await stop(child);
  await fake.close();
  rmSync(cwd, { recursive: true, force: true });
  return {
    name,
    startupMs,
    turns,
    driveS,
    rssReady: atReady.rss,
    rss: after.rss,
    heapUsed: after.heapUsed,
    gc: after.gc,
  };
}

async function discordStart(name, script, extraEnv) {
  const fake = await startFake({ users: 50 });
  const cwd = mkdtempSync(join(tmpdir(), "stackwise-bench-"));
  const t0 = performance.now();
  const child = spawnApp(
    script,
    {
      DISCORD_TOKEN: "bench",
      DISCORD_APPLICATION_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
      STATE_DIR: cwd,
      LOG_LEVEL: "warn",
      BENCH_DISCORD_READY: "1",
      ...extraEnv,
    },
    cwd,
  );
  await ask(child, "ready");
  const startupMs = performance.now() - t0;
  const atReady = await ask(child, "rss");
  return { name, fake, child, cwd, startupMs, rssReady: atReady.rss };
}

async function discordDrive(app, turns) {
  const started = performance.now();
  for (let i = 0; i < turns; i++) {
    app.fake.send();
    await sleep(DISCORD_PACE_MS);
  }
  const deadline = performance.now() + 15_000;
  while (app.fake.replies < turns && performance.now() < deadline) await sleep(20);
  if (app.fake.replies < turns)
    throw new Error(`${app.name}: ${app.fake.replies}/${turns} replies:\n${app.child.output()}`);
  app.driveS = (performance.now() - started) / 1000;
  await sleep(200);
  const after = await ask(app.child, "rss");
  await stop(app.child);
  await app.fake.stop();
  rmSync(app.cwd, { recursive: true, force: true });
  return {
    name: app.name,
    startupMs: app.startupMs,
    turns,
    driveS: app.driveS,
    rssReady: app.rssReady,
    rss: after.rss,
    heapUsed: after.heapUsed,
    gc: after.gc,
  };
}

/** The run whose RSS after the turns is the median (RSS varies by ±20 MiB between runs of one app here). */
function medianRun(runs) {
  const sorted = [...runs].sort((a, b) => a.rss - b.rss);
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    rounds: runs.map((r) => ({ rss: r.rss, startupMs: r.startupMs })),
  };
}

/** `rounds` full passes (Stackwise and bare alternate within each); each app reported by its median run. */
export async function benchFootprint({ slackTurns = 10_000, discordTurns = 2_000, rounds = 3 } = {}) {
  const limits = (await noThrottleEnv()).env;
  const runs = { slack: { stackwise: [], bare: [] }, discord: { stackwise: [], bare: [] } };
  for (let round = 0; round < rounds; round++) {
    // Alternate which app goes first, so neither always meets a fresher machine.
    const slackOrder = round % 2 === 0 ? ["stackwise", "bare"] : ["bare", "stackwise"];
    for (const which of slackOrder) {
      runs.slack[which].push(
        which === "stackwise"
          ? await slackApp("Stackwise (Slack)", MAIN, slackTurns, limits, ANSWER_MARK)
          : await slackApp("bare Bolt", BARE_SLACK, slackTurns, {}, BARE_TEXT),
      );
    }
    const sw = await discordStart("Stackwise (Discord)", MAIN, limits);
    const bare = await discordStart("bare discord.js", BARE_DISCORD, {});
    const [swD, bareD] = await Promise.all([
      discordDrive(sw, discordTurns),
      discordDrive(bare, discordTurns),
    ]);
    runs.discord.stackwise.push(swD);
    runs.discord.bare.push(bareD);
  }
  return {
    slack: { stackwise: medianRun(runs.slack.stackwise), bare: medianRun(runs.slack.bare) },
    discord: { stackwise: medianRun(runs.discord.stackwise), bare: medianRun(runs.discord.bare) },
    rounds,
    inFlight: IN_FLIGHT,
    discordPaceMs: DISCORD_PACE_MS,
    root,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchFootprint({
    slackTurns: Number(process.argv[2] ?? 10_000),
    discordTurns: Number(process.argv[3] ?? 2_000),
    rounds: Number(process.argv[4] ?? 3),
  });
  const mb = (b) => (b / 1048576).toFixed(1);
  for (const platform of ["slack", "discord"]) {
    for (const a of [r[platform].stackwise, r[platform].bare])
      console.log(
        `${a.name.padEnd(22)} startup ${a.startupMs.toFixed(0).padStart(5)} ms  RSS at ready ${mb(a.rssReady)} MiB  after ${a.turns} turns (${a.driveS.toFixed(1)} s) ${mb(a.rss)} MiB  (rounds: ${a.rounds.map((x) => mb(x.rss)).join(", ")})`,
      );
    console.log(`  RSS ratio ${(r[platform].stackwise.rss / r[platform].bare.rss).toFixed(2)}x`);
  }
}
