/**
 * Secrets never reach the logs: a real bot process at LOG_LEVEL=debug, with known secret values,
 * gets signed requests (commands, events, a click, forged and stale ones, Web API failures), and
 * its whole output is searched for the token, the signing secret and every signature sent.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offeredChoices, SlackSender } from "../fakes/slack-requests.js";
import { FakeSlackWebApi } from "../fakes/slack-web-api.js";
import { BotProcess } from "./process.js";

const BOT_TOKEN = `xoxb-9090-${randomBytes(6).toString("hex")}-redaction-test`;
// No recognisable shape: only field-based redaction can hide it.
const SIGNING_SECRET = randomBytes(16).toString("hex");
const APP_SECRET_MARKER = BOT_TOKEN.slice("xoxb-".length);

describe("secret redaction in logs (a real process at LOG_LEVEL=debug)", () => {
  let api: FakeSlackWebApi;
  let bot: BotProcess;
  const signatures: string[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    api = await new FakeSlackWebApi().start();
    // Record every signature the sender puts on a request to the bot.
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const signature = new Headers(init?.headers).get("x-slack-signature");
      if (signature) signatures.push(signature);
      return realFetch(input, init);
    }) as typeof fetch;
  });

  afterAll(async () => {
    globalThis.fetch = realFetch;
    await bot?.dispose();
    await api.stop();
  });

  it("the token, the signing secret and request signatures appear nowhere in the output", async () => {
    bot = new BotProcess([], {
      NODE_ENV: "production",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      PORT: "0",
      STORE_URL: "memory:",
    });
    const port = await bot.started();
    const send = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, api.url);

    // Ordinary traffic: a slash command, a mention, a DM, a recommendation and a click.
    expect((await send.command("what license does jax use?")).status).toBe(200);
    expect(
      (
        await send.event({
          type: "app_mention",
          user: "U1",
          text: "<@UBOT> tf vs jax",
          ts: "1700000001.000100",
          channel: "C1",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send.event({
          type: "message",
          channel_type: "im",
          channel: "D1",
          user: "U1",
          text: "which is best for TPUs?",
          ts: "1700000002.000100",
        })
      ).status,
    ).toBe(200);
    expect((await send.command("recommend")).status).toBe(200);
    const question = await api.waitForCall("chat.postMessage", (c) =>
      // A question's buttons (action ids "choice:…"), not an answer's feedback buttons.
      JSON.stringify(c.body.blocks ?? "").includes('"action_id":"choice:'),
    );
    const message = [...api.messages.values()].find((m) => m.ts === question.ts);
    const choice = message && offeredChoices(message)[0];
    if (!message || !choice) throw new Error("no flow question with choices was posted");
    expect((await send.click(message, choice.id)).status).toBe(200);

    // Refused requests: a forged signature and a stale timestamp.
    expect((await send.command("jax license", {}, { secret: "wrong-secret" })).status).toBe(401);
    expect(
      (await send.command("jax license", {}, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status,
    ).toBe(401);

    // Web API failures, which get logged with their error objects.
    api.override((call) =>
      call.method === "chat.postMessage" ? { body: { ok: false, error: "not_in_channel" } } : undefined,
    );
    expect((await send.command("pytorch memory", { channel: "C9" })).status).toBe(200);
    await api.waitForCall(/response/, () => true, 5000, 0).catch(() => undefined);
    api.clearOverrides();
    api.override((call) =>
      call.method === "chat.postMessage" ? { status: 500, body: { ok: false } } : undefined,
    );
    await send.event({
      type: "app_mention",
      user: "U1",
      text: "<@UBOT> jax memory",
      ts: "1700000003.000100",
      channel: "C1",
    });
    await api.settle(1500);
    api.clearOverrides();

    bot.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);

    // The test is not vacuous: debug output was produced, turns were logged, errors were logged.
    const logs = bot.logs();
    expect(logs.filter((l) => l.level === 20).length).toBeGreaterThan(5);
    expect(logs.filter((l) => l.msg === "turn").length).toBeGreaterThanOrEqual(4);
    expect(logs.some((l) => (l.level ?? 0) >= 40)).toBe(true);
    expect(signatures.length).toBeGreaterThanOrEqual(7);
    // The configuration is logged at debug, with its secrets blanked.
    const config = logs.find((l) => l.msg === "configuration")?.config as Record<string, unknown>;
    expect(config).toMatchObject({
      SLACK_BOT_TOKEN: "[redacted]",
      SLACK_SIGNING_SECRET: "[redacted]",
      SLACK_API_URL: api.url,
      LOG_LEVEL: "debug",
    });

    const output = bot.output;
    expect(output).not.toContain(BOT_TOKEN);
    expect(output).not.toContain(APP_SECRET_MARKER);
    expect(output).not.toContain(SIGNING_SECRET);
    for (const signature of signatures) {
      expect(output).not.toContain(signature);
      expect(output).not.toContain(signature.slice("v0=".length));
    }
  }, 90_000);
});
