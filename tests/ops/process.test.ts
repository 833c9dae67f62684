/**
 * The real `stackwise` process, from sources, in Slack HTTP mode against the fake Slack Web API:
 * the operations routes on Slack's server, a graceful stop on SIGTERM/SIGINT, and the terminal
 * chat starting no server at all.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SlackSender } from "../fakes/slack-requests.js";
import { FakeSlackWebApi } from "../fakes/slack-web-api.js";
import { BotProcess, freePort, listening } from "./process.js";

const BOT_TOKEN = "xoxb-7777-ops-process-test-token";
const SIGNING_SECRET = "ops-process-signing-secret-4d2a91c0";

let api: FakeSlackWebApi;
let bot: BotProcess | undefined;

beforeAll(async () => {
  api = await new FakeSlackWebApi().start();
});
afterAll(async () => {
  await api.stop();
});
afterEach(async () => {
  await bot?.dispose();
  bot = undefined;
});

function slackEnv(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: "0",
    STORE_URL: "memory:",
    ...extra,
  };
}

async function get(port: number, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

/** Polls /metrics until `pattern` shows up. */
async function metricsMatching(port: number, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await get(port, "/metrics");
    if (pattern.test(body) || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("operations routes on Slack's HTTP server (a real process)", () => {
  it("/healthz, /readyz and /metrics answer next to /slack/events; a slash command is counted", async () => {
    bot = new BotProcess([], slackEnv(api.url));
    const port = await bot.started();

    expect(await get(port, "/healthz")).toEqual({ status: 200, body: '{"status":"ok"}' });
    const ready = await get(port, "/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      ready: true,
      notReady: [],
      checks: { store: "ok", slack: "ok" },
    });

    const send = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, api.url);
    const res = await send.command("what license does jax use?", { user: "UOPS1" });
    expect(res.status).toBe(200);
    const body = await metricsMatching(port, /^stackwise_turns_total\{platform="slack",intent="[^"]+"\} 1$/m);
    expect(body).toMatch(/^stackwise_turns_total\{platform="slack",intent="[^"]+"\} 1$/m);
    expect(body).toMatch(/^stackwise_turn_duration_seconds_count\{platform="slack"\} 1$/m);
    expect(body).toMatch(
      /^stackwise_store_operation_duration_seconds_count\{store="memory",operation="[a-z_]+",outcome="ok"\} \d+$/m,
    );
    expect(body).toMatch(/^stackwise_active_flows 0$/m);
    expect(body).toMatch(/^# TYPE stackwise_errors_total counter$/m);
    // Node's own metrics keep their standard names, so stock dashboards work.
    expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(body).not.toMatch(/^stackwise_process_|^stackwise_nodejs_/m);

    // Slack's own endpoint is still there, and still checks signatures.
    const forged = await send.command("jax license", {}, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);

    // Exactly one info line for the turn, without the question's text.
    const turns = bot.logs().filter((l) => l.msg === "turn");
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ level: 30, platform: "slack" });
    // Correlated with the platform's side: the slash command's trigger id.
    expect(turns[0]?.eventId).toMatch(/^slack-command:trigger-/);
    expect(bot.stdout).not.toContain("what license does jax use");
  }, 60_000);
});

describe("one bad request never takes the process down (a real process, issue 12)", () => {
  it("a correctly signed request whose JSON body is null: 400, counted, and the next command is answered", async () => {
    bot = new BotProcess([], slackEnv(api.url));
    const port = await bot.started();
    const send = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, api.url);
    expect((await send.send("null", "application/json")).status).toBe(400);
    const before = api.calls.length;
    expect((await send.command("what license does jax use?", { user: "UOPS9" })).status).toBe(200);
    const answer = await api.waitForCall("chat.postMessage", () => true, 10_000, before);
    expect(JSON.stringify(answer.body)).toContain("Apache");
    expect(await metricsMatching(port, /stackwise_errors_total\{kind="malformed_event"\} 1/)).toMatch(
      /^stackwise_errors_total\{kind="malformed_event"\} 1$/m,
    );
    expect(bot.logs().some((l) => l.level === 60)).toBe(false);
  }, 60_000);
});

describe("start-up failures (a real process)", () => {
  it("a token Slack refuses stops start-up with exit code 2, a clear message and no secret", async () => {
    const refusing = await new FakeSlackWebApi().start();
    refusing.override((call) =>
      call.method === "auth.test" ? { body: { ok: false, error: "invalid_auth" } } : undefined,
    );
    try {
      bot = new BotProcess([], slackEnv(refusing.url));
      const { code } = await bot.exited;
      expect(code).toBe(2);
      expect(bot.stderr).toContain("Slack rejected the bot token (auth.test: invalid_auth)");
      expect(bot.output).not.toContain(BOT_TOKEN);
      expect(bot.output).not.toContain(SIGNING_SECRET);
    } finally {
      await refusing.stop();
    }
  }, 60_000);
});

describe("graceful shutdown (a real process)", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s while idle: exit code 0 within a few seconds, and /healthz stops answering",
    async (signal) => {
      bot = new BotProcess([], slackEnv(api.url));
      const port = await bot.started();
      expect((await get(port, "/healthz")).status).toBe(200);
      const sent = Date.now();
      bot.kill(signal);
      const { code } = await bot.exited;
      expect(code).toBe(0);
      expect(Date.now() - sent).toBeLessThan(3000);
      expect(await listening(port)).toBe(false);
      expect(bot.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
      expect(bot.stderr).toBe("");
    },
    60_000,
  );

  it("SIGTERM with an answer in flight: the answer is still delivered, then exit code 0", async () => {
    // A slow Slack: every Web API call (but auth.test) takes 1.5 s.
    const slow = await slowProxy(api, 1500);
    try {
      bot = new BotProcess([], slackEnv(slow.url));
      const port = await bot.started();
      const before = api.calls.length;
      const send = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, api.url);
      const res = await send.command("tf vs jax", { user: "UOPS2" });
      expect(res.status).toBe(200); // acknowledged; the answer is being posted (slowly)
      bot.kill("SIGTERM");
      const { code } = await bot.exited;
      expect(code).toBe(0);
      const posted = api.calls.slice(before).filter((c) => /^chat\.(postMessage|update)$/.test(c.method));
      expect(posted.length).toBeGreaterThan(0);
      expect(JSON.stringify(posted.at(-1)?.body)).toMatch(/JAX|TensorFlow/);
      expect(bot.logs().some((l) => l.msg === "turn")).toBe(true);
    } finally {
      await slow.close();
    }
  }, 60_000);
});

describe("the terminal chat and `ask` (a real process)", () => {
  it("the chat starts no server", async () => {
    const port = await freePort();
    bot = new BotProcess(["chat"], { PORT: String(port) }, { stdin: true });
    const deadline = Date.now() + 20_000;
    while (!bot.stdout.includes("Stackwise") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(bot.stdout).toContain("Stackwise");
    bot.write("what license does jax use?\n");
    while (!bot.stdout.includes("Apache") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(bot.stdout).toContain("Apache");
    expect(await listening(port)).toBe(false);
    bot.endInput();
    expect((await bot.exited).code).toBe(0);
  }, 60_000);

  it("`ask --json` reads one question per line: a lone carriage return does not end a line (issue 12)", async () => {
    bot = new BotProcess(["ask", "--json"], { PORT: "0" }, { stdin: true });
    bot.write("jax license\rpytorch license\ntf install size\r\n");
    bot.endInput();
    expect((await bot.exited).code).toBe(0);
    const lines = bot.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] as string).technologies).toEqual(["tensorflow"]);
  }, 60_000);

  it("`ask` answers and exits, even with NODE_ENV=production and no platform", async () => {
    bot = new BotProcess(["ask", "--json", "jax license"], { NODE_ENV: "production", PORT: "0" });
    expect((await bot.exited).code).toBe(0);
    expect(JSON.parse(bot.stdout).technologies).toContain("jax");
  }, 60_000);
});

/** A proxy in front of the fake Web API that holds every call but auth.test for `delayMs`. */
async function slowProxy(
  target: FakeSlackWebApi,
  delayMs: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const wait = req.url?.includes("auth.test") ? 0 : delayMs;
      setTimeout(async () => {
        try {
          const upstream = await fetch(new URL(req.url ?? "/", target.url.replace(/\/api\/$/, "/")), {
            method: req.method,
            headers: Object.fromEntries(
              Object.entries(req.headers).filter(
                (e): e is [string, string] =>
                  typeof e[1] === "string" && e[0] !== "host" && e[0] !== "content-length",
              ),
            ),
            body: req.method === "GET" ? undefined : Buffer.concat(chunks),
          });
          res.writeHead(upstream.status, {
            "content-type": upstream.headers.get("content-type") ?? "application/json",
          });
          res.end(await upstream.text());
        } catch {
          res.writeHead(502);
          res.end();
        }
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
