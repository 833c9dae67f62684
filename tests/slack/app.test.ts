import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackApp, startSlack } from "../../adapters/slack/index.js";
import { loadConfig } from "../../src/runtime/config.js";
import { Conversations } from "../../src/runtime/conversations.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import { offeredChoices } from "../fakes/slack-requests.js";
import { type FakeMessage, FakeSlackWebApi } from "../fakes/slack-web-api.js";
import {
  BOT_TOKEN,
  callText,
  type Harness,
  hasActions,
  messageText,
  parsedText,
  SIGNING_SECRET,
  startHarness,
  testKnowledge,
  userTs,
} from "./harness.js";

const isNav = (id: string) => /:(back|skip)$/.test(id) || id === "flow:restart" || id === "flow:cancel";
/** An answer to a flow question: "flow:<question>:<option>". */
const isAnswer = (id: string) => /^flow:[^:]+:[^:]+$/.test(id) && !isNav(id);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe("Slack adapter, HTTP mode (real Bolt, fake Web API)", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  /** Sends a slash command and returns the channel message it created, once answered (updated). */
  async function slash(text: string): Promise<FakeMessage> {
    const started = Date.now();
    const res = await h.send.command(text);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const root = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === "C1" && !c.body.thread_ts,
    );
    expect(root.ts).toBeDefined();
    await h.api.waitForCall("chat.update", (c) => c.body.ts === root.ts);
    const message = h.api.messages.get(`C1/${root.ts}`);
    if (!message) throw new Error("root message missing");
    return message;
  }

  it("answers /stackwise <question> in the channel, as a normal message for the team", async () => {
    const message = await slash("what license does JAX use?");
    expect(message.threadTs).toBeUndefined();
    expect(messageText(message)).toContain("Apache");
    expect(messageText(message)).toContain("what license does JAX use?");
    const root = h.api.callsTo("chat.postMessage")[0];
    expect(root?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it("answers /stackwise ask <question> the same way, and follow-ups in its thread keep the context", async () => {
    const message = await slash("ask what license does JAX use?");
    expect(messageText(message)).toContain("Apache");
    const before = h.api.calls.length;
    await h.send.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U2",
      text: "and tensorflow?",
      ts: userTs(),
      thread_ts: message.ts,
    });
    const reply = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === message.ts,
      5000,
      before,
    );
    expect(callText(reply)).toMatch(/TensorFlow/);
    expect(callText(reply)).toContain("Apache");
  });

  it("/stackwise compare a b aspect compares them", async () => {
    const message = await slash("compare pytorch jax memory");
    const text = messageText(message);
    expect(text).toMatch(/PyTorch/);
    expect(text).toMatch(/JAX/);
  });

  it("/stackwise recommend posts a new message and asks the first question in its thread", async () => {
    const res = await h.send.command("recommend");
    expect(res.status).toBe(200);
    const root = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const question = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts);
    const message = h.api.messages.get(`C1/${question.ts}`);
    if (!message) throw new Error("question missing");
    const ids = offeredChoices(message).map((c) => c.id);
    expect(ids).toContain("flow:restart");
    expect(ids).toContain("flow:cancel");
    expect(ids.some(isAnswer)).toBe(true);
  });

  it("/stackwise recommend <description> shows the description and answers in the thread", async () => {
    await h.send.command("recommend a small research team training transformers");
    const root = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    expect(callText(root)).toContain("a small research team training transformers");
    const reply = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts);
    expect(callText(reply)).not.toMatch(/something went wrong/i);
    // Either the first open question or, when the description says enough, a recommendation.
    const message = h.api.messages.get(`C1/${reply.ts}`);
    if (!message) throw new Error("reply missing");
    expect(offeredChoices(message).some((c) => isAnswer(c.id)) || /Sources/.test(messageText(message))).toBe(
      true,
    );
  });

  it("/stackwise help answers ephemerally, to the user only", async () => {
    const res = await h.send.command("help", { user: "U7", channel: "C9" });
    expect(res.status).toBe(200);
    const call = await h.api.waitForCall("chat.postEphemeral");
    expect(call.body.user).toBe("U7");
    expect(call.body.channel).toBe("C9");
    expect(callText(call).length).toBeGreaterThan(20);
    await h.api.settle(200);
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("tells the user ephemerally when it cannot post in the channel", async () => {
    h.api.override((c) =>
      c.method === "chat.postMessage" ? { body: { ok: false, error: "not_in_channel" } } : undefined,
    );
    await h.send.command("what license does JAX use?");
    const response = await h.api.waitForCall(/^response\//);
    expect(response.body.response_type).toBe("ephemeral");
    expect(callText(response)).toMatch(/invite/i);
  });

  it("answers @Stackwise in a thread of that message, without the mention", async () => {
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> what license does JAX use?",
      ts,
    });
    const reply = await h.api.waitForCall("chat.postMessage");
    expect(reply.body.thread_ts).toBe(ts);
    expect(reply.body.channel).toBe("C1");
    expect(callText(reply)).toContain("Apache");
    expect(reply.body.link_names).toBeUndefined();
  });

  it("answers replies in a thread it took part in without a mention, with the thread's context", async () => {
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> what license does JAX use?",
      ts,
    });
    await h.api.waitForCall("chat.postMessage");
    const before = h.api.calls.length;
    await h.send.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U1",
      text: "and tensorflow?",
      ts: userTs(),
      thread_ts: ts,
    });
    const reply = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts, 5000, before);
    expect(callText(reply)).toMatch(/TensorFlow/);
    expect(callText(reply)).toContain("Apache");
  });

  it("stays out of threads and channel messages it was not part of", async () => {
    await h.send.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U1",
      text: "what license does JAX use?",
      ts: userTs(),
      thread_ts: userTs(),
    });
    await h.send.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U1",
      text: "what license does JAX use?",
      ts: userTs(),
    });
    await h.api.settle(300);
    expect(h.api.visibleCalls()).toHaveLength(0);
  });

  it("answers a mention in an active thread once, although Slack delivers it as app_mention and message", async () => {
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> what license does JAX use?",
      ts,
    });
    await h.api.waitForCall("chat.postMessage");
    const msgTs = userTs();
    const text = "<@UBOT> and tensorflow?";
    await Promise.all([
      h.send.event({
        type: "message",
        channel: "C1",
        channel_type: "channel",
        user: "U1",
        text,
        ts: msgTs,
        thread_ts: ts,
      }),
      h.send.event({ type: "app_mention", channel: "C1", user: "U1", text, ts: msgTs, thread_ts: ts }),
    ]);
    await h.api.waitForCall("chat.postMessage", (c) => callText(c).includes("TensorFlow"));
    await h.api.settle(300);
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("answers direct messages", async () => {
    await h.send.event({
      type: "message",
      channel: "D1",
      channel_type: "im",
      user: "U1",
      text: "what license does JAX use?",
      ts: userTs(),
    });
    const reply = await h.api.waitForCall("chat.postMessage");
    expect(reply.body.channel).toBe("D1");
    expect(callText(reply)).toContain("Apache");
  });

  it("ignores bot messages, edits and deletions", async () => {
    const base = { channel: "D1", channel_type: "im", ts: userTs() };
    await h.send.event({ ...base, type: "message", bot_id: "B2", text: "what license does JAX use?" });
    await h.send.event({ ...base, type: "message", subtype: "bot_message", bot_id: "B2", text: "hello" });
    await h.send.event({
      ...base,
      type: "message",
      subtype: "message_changed",
      message: { user: "U1", text: "what license does JAX use?", ts: base.ts },
    });
    await h.send.event({ ...base, type: "message", subtype: "message_deleted", deleted_ts: base.ts });
    await h.api.settle(300);
    expect(h.api.visibleCalls()).toHaveLength(0);
  });

  it("runs the whole guided flow from the buttons and menus it posted, to a sourced recommendation", async () => {
    await h.send.command("recommend");
    const root = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const rootTs = root.ts as string;
    let question = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs);
    let last = question;
    for (let step = 0; step < 20; step++) {
      const message = h.api.messages.get(`C1/${question.ts}`);
      if (!message) throw new Error("question missing");
      const answer = offeredChoices(message).find((c) => isAnswer(c.id));
      if (!answer) break;
      const before = h.api.calls.length;
      const res = await h.send.click(message, answer.id);
      expect(res.status).toBe(200);
      // The clicked question shows the chosen answer, its buttons gone.
      await h.api.waitForCall("chat.update", (c) => c.body.ts === message.ts, 5000, before);
      expect(hasActions(message)).toBe(false);
      expect(messageText(message)).toContain(answer.label);
      // Then the next reply arrives in the thread.
      last = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, before);
      question = last;
    }
    const result = h.api.messages.get(`C1/${last.ts}`);
    if (!result) throw new Error("result missing");
    expect(offeredChoices(result).some((c) => isAnswer(c.id))).toBe(false);
    const text = messageText(result);
    expect(text).toContain("Sources");
    // The ranking renders as a fixed-width table.
    expect(text).toContain("```");
  });

  it("takes a typed answer in the flow's thread", async () => {
    await h.send.command("recommend");
    const root = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const question = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts);
    const message = h.api.messages.get(`C1/${question.ts}`);
    const answer = message && offeredChoices(message).find((c) => isAnswer(c.id));
    if (!answer) throw new Error("no answer offered");
    const before = h.api.calls.length;
    await h.send.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U1",
      text: answer.label,
      ts: userTs(),
      thread_ts: root.ts,
    });
    const next = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === root.ts,
      5000,
      before,
    );
    expect(callText(next)).not.toMatch(/something went wrong/i);
    expect(callText(next)).not.toBe(callText(question));
  });

  it("answers a retried event (same event_id, x-slack-retry-num) only once", async () => {
    const event = {
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> what license does JAX use?",
      ts: userTs(),
    };
    const first = await h.send.event(event, "Ev-retry-1");
    expect(first.status).toBe(200);
    await h.api.waitForCall("chat.postMessage");
    const retry = await h.send.event(event, "Ev-retry-1", { retryNum: 1 });
    expect(retry.status).toBe(200);
    await h.api.settle(300);
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("rejects a bad signature and a stale timestamp with 401, posting nothing", async () => {
    const bad = await h.send.command("what license does JAX use?", {}, { secret: "not-the-secret" });
    expect(bad.status).toBe(401);
    const stale = await h.send.command(
      "what license does JAX use?",
      {},
      {
        timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
      },
    );
    expect(stale.status).toBe(401);
    const event = await h.send.event(
      { type: "message", channel: "D1", channel_type: "im", user: "U1", text: "hi", ts: userTs() },
      undefined,
      { secret: "not-the-secret" },
    );
    expect(event.status).toBe(401);
    await h.api.settle(300);
    expect(h.api.visibleCalls()).toHaveLength(0);
  });

  it("never turns a user's <!channel>, <!here> or <@U999> into a ping or a link", async () => {
    const raw = ["<!channel>", "<!here>", "<@U999>", "<http://evil.example|click>"];
    await slash("what license does <!channel> <!here> <@U999> <http://evil.example|click> use?");
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> compare <!channel> and <@U999> <!here>",
      ts,
    });
    await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    await h.api.settle(200);
    const visible = h.api
      .visibleCalls()
      .map((c) => parsedText(c.body))
      .join("\n");
    for (const r of raw) expect(visible).not.toContain(r);
    expect(visible).toContain("&lt;!channel&gt;");
    expect(visible).toContain("&lt;@U999&gt;");
    for (const call of h.api.visibleCalls()) expect(call.body.link_names).toBeUndefined();
  });

  it("answers a 4,000-character message politely", async () => {
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: `<@UBOT> ${"why ".repeat(1000)}`,
      ts,
    });
    const reply = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    expect(callText(reply)).toMatch(/shorter/i);
  });

  it("apologises in the thread when answering fails, and keeps answering afterwards", async () => {
    let failures = 1;
    h.api.override((c) => {
      if (c.method === "chat.postMessage" && failures > 0) {
        failures--;
        return { body: { ok: false, error: "invalid_blocks" } };
      }
      return undefined;
    });
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> what license does JAX use?",
      ts,
    });
    const apology = await h.api.waitForCall("chat.postMessage", (c) => /sorry/i.test(callText(c)));
    expect(apology.body.thread_ts).toBe(ts);
    const ts2 = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: "<@UBOT> what license does JAX use?",
      ts: ts2,
    });
    const reply = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts2);
    expect(callText(reply)).toContain("Apache");
  });
});

describe("startSlack", () => {
  it("builds a Socket Mode app when SLACK_APP_TOKEN is set (no HTTP server, not ready before start)", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-test", PORT: "0" });
    const conversations = new Conversations(testKnowledge(), new MemoryStore(), silentLogger);
    const slack = createSlackApp({ config, conversations, knowledge: testKnowledge(), log: silentLogger });
    expect(slack.mode).toBe("socket");
    expect(slack.isReady()).toBe(false);
    expect(slack.server).toBeUndefined();
  });

  it("starts, serves custom routes next to /slack/events, reports readiness, stops; secrets stay out of logs", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ level: "debug" }, sink);
    const api = await new FakeSlackWebApi().start();
    const config = loadConfig({
      NODE_ENV: "test",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url.replace(/\/$/, ""),
      PORT: "0",
    });
    const conversations = new Conversations(testKnowledge(), new MemoryStore(), log);
    const running = await startSlack(
      { config, conversations, knowledge: testKnowledge(), log },
      {
        customRoutes: [
          {
            path: "/healthz",
            method: "GET",
            handler: (_req, res) => {
              res.writeHead(200);
              res.end("ok");
            },
          },
        ],
      },
    );
    h = { api, slack: running.slack, send: undefined as never, conversations, stop: async () => {} };
    try {
      expect(running.name).toBe("slack");
      expect(running.isReady()).toBe(true);
      const port = running.slack.port;
      expect(port).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.text()).toBe("ok");
      const { SlackSender } = await import("../fakes/slack-requests.js");
      const send = new SlackSender(`http://127.0.0.1:${port}`, SIGNING_SECRET, api.url);
      await send.event({
        type: "message",
        channel: "D1",
        channel_type: "im",
        user: "U1",
        text: "help",
        ts: userTs(),
      });
      await api.waitForCall("chat.postMessage");
      await send.command("help", {}, { secret: "wrong" });
      await running.stop();
      expect(running.isReady()).toBe(false);
      const all = lines.join("");
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain(BOT_TOKEN);
      expect(all).not.toContain(SIGNING_SECRET);
    } finally {
      await running.stop();
      await api.stop();
    }
  });
});
