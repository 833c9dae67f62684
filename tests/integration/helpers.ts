// Real bot processes for the integration tests: `node --import register-ts adapters/main.ts` in Slack
// HTTP mode against the fake Web API (which runs in the test process), plus throwaway redis-servers.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { offeredChoices, SlackSender, slackSignature } from "../fakes/slack-requests.js";
import type { FakeMessage, FakeSlackWebApi, RecordedCall } from "../fakes/slack-web-api.js";
import { redisReachable } from "../helpers/redis.js";
import { callText, visibleText } from "../slack/harness.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SIGNING_SECRET = "integration-signing-secret-0123456789abcdef";
/**
 * Runs the TypeScript sources directly (tests/helpers/register-ts.mjs), with the
 * transpiled files cached on disk (keyed by path and content): most of a start-up otherwise.
 */
const REGISTER_TS = "./tests/helpers/register-ts.mjs";

/** Generous bounds: the machine may be busy, and a bot start transpiles its sources on a cold cache. */
export const START_TIMEOUT_MS = 45_000;
/** For a test that starts bots itself. */
export const TEST_TIMEOUT_MS = 120_000;

/** The shared Redis the multi-instance tests use (database 13; keys are unique per run). */
export const SHARED_REDIS = { host: "127.0.0.1", port: 6379, db: 13 } as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Everything started here, so a failed test can never leave a process behind. */
const running = new Set<ChildProcess>();

/** SIGKILLs every bot and redis-server still running (for afterEach / afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, "SIGKILL", 5000)));
}

process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

async function stopChild(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const inTime = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!inTime) {
    child.kill("SIGKILL");
    await Promise.race([exited, sleep(2000)]);
  }
  running.delete(child);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A unique Slack-shaped id for this run, so runs never share channels or Redis keys. */
export function uniqueId(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
}

export interface BotOptions {
  api: FakeSlackWebApi;
  storeUrl: string;
  /** Folder for anything the bot would write next to its state (never the repo's state/). */
  stateDir: string;
  readyTimeoutMs?: number;
}

/** One `stackwise` process in Slack HTTP mode, started from the TypeScript sources. */
export class BotProcess {
  private output = "";

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly send: SlackSender,
  ) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
  }

  static async start(options: BotOptions): Promise<BotProcess> {
    try {
      return await BotProcess.startOnce(options);
    } catch (err) {
      // The free port was taken between choosing it and the bot binding it: once more, elsewhere.
      if (!String(err).includes("EADDRINUSE")) throw err;
      return BotProcess.startOnce(options);
    }
  }

  private static async startOnce(options: BotOptions): Promise<BotProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", REGISTER_TS, "adapters/main.ts"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        // Set empty so a developer's .env can never switch on Socket Mode or Discord here.
        SLACK_APP_TOKEN: "",
        DISCORD_TOKEN: "",
        PORT: String(port),
        SLACK_API_URL: options.api.url,
        STORE_URL: options.storeUrl,
        STATE_DIR: options.stateDir,
        LOG_LEVEL: "warn",
      },
    });
    running.add(child);
    const bot = new BotProcess(
      child,
      port,
      new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, options.api.url),
    );
    await bot.waitUntilAnswering(options.readyTimeoutMs ?? START_TIMEOUT_MS);
    return bot;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get logs(): string {
    return this.output;
  }

  /** Log lines containing `text`. */
  logLines(text: string): string[] {
    return this.output.split("\n").filter((line) => line.includes(text));
  }

  /** Sends the signal and waits (bounded) for the process to exit. */
  async kill(signal: NodeJS.Signals = "SIGKILL", timeoutMs = 5000): Promise<void> {
    await stopChild(this.child, signal, timeoutMs);
  }

  /** Polls with a signed url_verification (what Slack sends when the request URL is saved) until 200. */
  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = `http://127.0.0.1:${this.port}/slack/events`;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`the bot exited before answering:\n${this.output}`);
      const challenge = randomUUID();
      const body = JSON.stringify({ token: "legacy", challenge, type: "url_verification" });
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-slack-request-timestamp": String(timestamp),
            "x-slack-signature": slackSignature(SIGNING_SECRET, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(1000),
        });
        const text = await res.text();
        if (res.status === 200 && text.includes(challenge)) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await this.kill("SIGKILL");
    throw new Error(`the bot did not answer within ${timeoutMs} ms:\n${this.output}`);
  }
}

/** A throwaway redis-server with an append-only file fsync'd on every write; never the shared one. */
export class RedisServer {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static available(): boolean {
    return spawnSync("redis-server", ["--version"]).status === 0;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, on the same port and folder); resolves once it accepts connections. */
  async start(timeoutMs = 10_000): Promise<this> {
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--dir",
        this.dir,
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--save",
        "",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    running.add(child);
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(
        () => reject(new Error(`redis-server not ready in ${timeoutMs} ms:\n${out}`)),
        timeoutMs,
      );
      // Both streams are read to the end, so a chatty server can never block on a full pipe.
      const collect = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", collect);
      child.stderr?.on("data", collect);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${out}`));
      });
    });
    return this;
  }

  /** SIGTERM: Redis flushes the append-only file and exits. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child) await stopChild(this.child, signal, 5000);
    this.child = undefined;
  }
}

/** True when the shared Redis answers PING within half a second. */
export function sharedRedisReachable(): Promise<boolean> {
  return redisReachable(SHARED_REDIS.host, SHARED_REDIS.port);
}

/** Deletes the keys of the shared Redis database matching `pattern` (this run's, by its unique id). */
export async function deleteSharedKeys(pattern: string): Promise<number> {
  const client = new Redis({ ...SHARED_REDIS, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
  return deleted;
}

// ---- reading what the bot posted ------------------------------------------------------------

export { callText, visibleText };

/** "Question N of M" → N, or null for anything that is not a flow question. */
export function questionNumber(message: { text?: unknown; blocks?: unknown }): number | null {
  const match = /Question (\d+) of \d+/.exec(visibleText(message));
  return match ? Number(match[1]) : null;
}

export function hasActions(message: FakeMessage): boolean {
  return message.blocks.some((b) => b.type === "actions");
}

const isNav = (id: string) => /:(back|skip)$/.test(id) || id === "flow:restart" || id === "flow:cancel";

/** The first answer (not back/skip/restart/cancel) a flow question offers, or undefined. */
export function firstAnswer(message: FakeMessage): { label: string; id: string } | undefined {
  return offeredChoices(message).find((c) => /^flow:[^:]+:[^:]+$/.test(c.id) && !isNav(c.id));
}

/** A flow in one thread of the fake workspace, driven through any of the bot instances. */
export class ThreadView {
  constructor(
    readonly api: FakeSlackWebApi,
    readonly channel: string,
    readonly rootTs: string,
    /** Who clicks by default (per-user rate limits are shared through Redis: keep ids unique per run). */
    readonly user: string,
  ) {}

  /** Starts `/stackwise recommend` through `bot`; resolves with the view and the first question. */
  static async startRecommendation(
    api: FakeSlackWebApi,
    bot: BotProcess,
    channel: string,
    user = "U1",
  ): Promise<{ thread: ThreadView; question: FakeMessage }> {
    const mark = api.calls.length;
    const res = await bot.send.command("recommend", { channel, user });
    if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
    const root = await api.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === channel && !c.body.thread_ts,
      10_000,
      mark,
    );
    const thread = new ThreadView(api, channel, root.ts as string, user);
    return { thread, question: await thread.nextPost(mark) };
  }

  /** The next message the bot posts in this thread after call number `mark`. */
  async nextPost(mark: number, timeoutMs = 10_000): Promise<FakeMessage> {
    const call = await this.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === this.channel && c.body.thread_ts === this.rootTs,
      timeoutMs,
      mark,
    );
    const message = this.api.messages.get(`${this.channel}/${call.ts}`);
    if (!message) throw new Error(`posted message ${call.ts} missing`);
    return message;
  }

  /** Posts in this thread after call number `mark` (to count them). */
  postsSince(mark: number): RecordedCall[] {
    return this.api.calls
      .slice(mark)
      .filter(
        (c) =>
          c.method === "chat.postMessage" &&
          c.body.channel === this.channel &&
          c.body.thread_ts === this.rootTs,
      );
  }

  /** Clicks the first answer of `question` through `bot` and resolves with the next post in the thread. */
  async answer(bot: BotProcess, question: FakeMessage, user = this.user): Promise<FakeMessage> {
    const choice = firstAnswer(question);
    if (!choice) throw new Error(`no answer offered in:\n${visibleText(question)}`);
    const mark = this.api.calls.length;
    const res = await bot.send.click(question, choice.id, user);
    if (res.status !== 200) throw new Error(`click answered ${res.status}`);
    return this.nextPost(mark);
  }

  /** Answers questions through the given bots in turn until a message offers no answer: the result. */
  async finish(bots: BotProcess[], from: FakeMessage): Promise<FakeMessage> {
    let message = from;
    for (let step = 0; step < 20 && firstAnswer(message); step++) {
      message = await this.answer(bots[step % bots.length] as BotProcess, message);
    }
    return message;
  }
}
