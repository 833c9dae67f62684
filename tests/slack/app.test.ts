import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSlackApp } from "../../adapters/slack/app.js";
import { slackEnv } from "../../adapters/slack/config.js";
import { slack as slackModule } from "../../adapters/slack/index.js";
import { LocalRateLimiter } from "../../src/runtime/rate-limit.js";
import { offeredChoices } from "../fakes/slack-requests.js";
import { type FakeMessage, FakeSlackWebApi, type RecordedCall } from "../fakes/slack-web-api.js";
import { testDeps } from "../helpers/deps.js";
import { SwitchableStore } from "../helpers/switchable-store.js";
import {
  BOT_TOKEN,
  callText,
  type Harness,
  hasActions,
  messageText,
  parsedText,
  SIGNING_SECRET,
  startHarness,
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

  /** Sends a slash command and returns the answer it posted in the channel (one chat.postMessage). */
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
    const message = h.api.messages.get(`C1/${root.ts}`);
    if (!message) throw new Error("root message missing");
    return message;
  }

  it("posts the answer to /stackwise <question> directly: one chat.postMessage, no placeholder, no edit", async () => {
    const message = await slash("what license does JAX use?");
    await h.api.settle(200);
    expect(h.api.visibleCalls().map((c) => c.method)).toEqual(["chat.postMessage"]);
    expect(message.updates).toBe(0);
    const text = messageText(message);
    expect(text).toContain("Apache");
    // Who asked (a mention built from the payload's user id) and what, verbatim, on a context line.
    const context = message.blocks[0] as { type: string; elements: Array<{ type: string; text: string }> };
    expect(context.type).toBe("context");
    expect(context.elements[0]?.text).toBe("<@U1> asked:");
    expect(context.elements[1]).toMatchObject({ type: "plain_text", text: "what license does JAX use?" });
  });

  it("passes who asked (slack:<team>:<user>) with every turn", async () => {
    const open = vi.spyOn(h.conversations, "open");
    const turn = vi.spyOn(h.conversations, "turn");
    const message = await slash("what license does JAX use?");
    expect(open.mock.calls[0]?.[0].userId).toBe("slack:T1:U1");
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
    await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === message.ts, 5000, before);
    const ts = userTs();
    await h.send.event({ type: "app_mention", channel: "C1", user: "U3", text: "<@UBOT> tf vs jax", ts });
    await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    await h.send.command("recommend", { user: "U4" });
    const root = await h.api.waitForCall("chat.postMessage", (c) => callText(c).includes("recommendation"));
    const question = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts);
    const q = h.api.messages.get(`C1/${question.ts}`);
    const answer = q && offeredChoices(q).find((c) => isAnswer(c.id));
    if (!q || !answer) throw new Error("no question");
    const beforeClick = h.api.calls.length;
    await h.send.click(q, answer.id, "U5");
    await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts, 5000, beforeClick);
    expect(turn.mock.calls.map(([req]) => req.userId)).toEqual([
      "slack:T1:U2",
      "slack:T1:U3",
      "slack:T1:U4",
      "slack:T1:U5",
    ]);
  });

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

  it("/stackwise help answers ephemerally, to the user only (through the command's response_url)", async () => {
    const res = await h.send.command("help", { user: "U7", channel: "C9" });
    expect(res.status).toBe(200);
    const call = await h.api.waitForCall(/^response\//);
    expect(call.body.response_type).toBe("ephemeral");
    expect(callText(call)).toMatch(/Start a recommendation/);
    await h.api.settle(200);
    expect(h.api.visibleCalls()).toHaveLength(0);
  });

  it("apologises ephemerally when the answer to a slash command cannot be posted for another reason", async () => {
    h.api.override((c) =>
      c.method === "chat.postMessage" ? { body: { ok: false, error: "invalid_blocks" } } : undefined,
    );
    await h.send.command("what license does JAX use?");
    const response = await h.api.waitForCall(/^response\//);
    expect(response.body.response_type).toBe("ephemeral");
    expect(callText(response)).toMatch(/sorry/i);
  });

  it("refuses an over-long slash command privately, posting nothing in the channel", async () => {
    await h.send.command(`why ${"very ".repeat(600)}`);
    const response = await h.api.waitForCall(/^response\//);
    expect(response.body.response_type).toBe("ephemeral");
    expect(callText(response)).toMatch(/shorter/i);
    await h.api.settle(200);
    expect(h.api.visibleCalls()).toHaveLength(0);
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

  it("answers a 4,000-character message politely, to its author only", async () => {
    const ts = userTs();
    await h.send.event({
      type: "app_mention",
      channel: "C1",
      user: "U1",
      text: `<@UBOT> ${"why ".repeat(1000)}`,
      ts,
    });
    const reply = await h.api.waitForCall("chat.postEphemeral", (c) => c.body.thread_ts === ts);
    expect(reply.body.user).toBe("U1");
    expect(callText(reply)).toMatch(/shorter/i);
  });

  it("apologises to the asker in the thread when answering fails, and keeps answering afterwards", async () => {
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
    const apology = await h.api.waitForCall("chat.postEphemeral", (c) => /sorry/i.test(callText(c)));
    expect(apology.body.thread_ts).toBe(ts);
    expect(apology.body.user).toBe("U1");
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

describe("Slack adapter: clicks that do not move the flow forward", () => {
  /** Starts /stackwise recommend and returns the root ts and the first question message. */
  async function startFlow(): Promise<{ rootTs: string; question: FakeMessage }> {
    await h.send.command("recommend");
    const root = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const call = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts);
    const question = h.api.messages.get(`C1/${call.ts}`);
    if (!question) throw new Error("question missing");
    return { rootTs: root.ts as string, question };
  }

  const firstAnswer = (message: FakeMessage) => {
    const answer = offeredChoices(message).find((c) => isAnswer(c.id));
    if (!answer) throw new Error(`no answer offered in ${message.ts}`);
    return answer;
  };

  it("two clicks on the same button at once: the flow advances once, the other clicker is told privately", async () => {
    h = await startHarness();
    const { rootTs, question } = await startFlow();
    const answer = firstAnswer(question);
    const before = h.api.calls.length;
    const [a, b] = await Promise.all([
      h.send.click(question, answer.id, "U1"),
      h.send.click(question, answer.id, "U2"),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const notice = await h.api.waitForCall("chat.postEphemeral", () => true, 5000, before);
    await h.api.settle(300);
    const posted = h.api.callsTo("chat.postMessage").filter((c) => h.api.calls.indexOf(c) >= before);
    expect(posted).toHaveLength(1);
    expect(callText(posted[0] as RecordedCall)).toMatch(/Question 2 of/);
    expect(callText(notice)).toMatch(/already answered/i);
    expect(notice.body.thread_ts).toBe(rootTs);
    expect(["U1", "U2"]).toContain(notice.body.user);
    // The question was marked answered once, by the winner.
    expect(h.api.callsTo("chat.update")).toHaveLength(1);
    // Nothing lost: the next question takes its answer.
    const next = h.api.messages.get(`C1/${posted[0]?.ts}`);
    if (!next) throw new Error("next question missing");
    const mark = h.api.calls.length;
    await h.send.click(next, firstAnswer(next).id);
    const third = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, mark);
    expect(callText(third)).toMatch(/Question 3 of/);
  });

  it("a click while the store is down is refused privately and keeps its buttons; it works once the store is back", async () => {
    const store = new SwitchableStore();
    h = await startHarness({ store });
    const { rootTs, question } = await startFlow();
    const answer = firstAnswer(question);
    store.down = true;
    const before = h.api.calls.length;
    await h.send.click(question, answer.id);
    const notice = await h.api.waitForCall("chat.postEphemeral", () => true, 5000, before);
    expect(callText(notice)).toMatch(/can't save your progress/i);
    await h.api.settle(200);
    expect(h.api.callsTo("chat.update")).toHaveLength(0);
    expect(hasActions(question)).toBe(true);
    store.down = false;
    const mark = h.api.calls.length;
    await h.send.click(question, answer.id);
    const next = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, mark);
    expect(callText(next)).toMatch(/Question 2 of/);
    expect(hasActions(question)).toBe(false);
  });

  it("a click over the rate limit is refused privately and keeps its buttons", async () => {
    // Two turns per user: the command and one click; the next click is over the limit.
    h = await startHarness({ rateLimiter: new LocalRateLimiter({ burst: 2, perMinute: 1 }) });
    const { rootTs, question } = await startFlow();
    const q2 = await (async () => {
      const mark = h.api.calls.length;
      await h.send.click(question, firstAnswer(question).id);
      const call = await h.api.waitForCall(
        "chat.postMessage",
        (c) => c.body.thread_ts === rootTs,
        5000,
        mark,
      );
      return h.api.messages.get(`C1/${call.ts}`) as FakeMessage;
    })();
    const mark = h.api.calls.length;
    await h.send.click(q2, firstAnswer(q2).id);
    const notice = await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
    expect(callText(notice)).toMatch(/faster than I can answer/i);
    await h.api.settle(200);
    expect(h.api.calls.slice(mark).filter((c) => c.method !== "chat.postEphemeral")).toHaveLength(0);
    expect(hasActions(q2)).toBe(true);
  });

  it("a click on a question whose successor was never shown posts the successor, publicly, once; later ones are told privately", async () => {
    h = await startHarness();
    const { rootTs, question } = await startFlow();
    const answer = firstAnswer(question);
    const asFirstSeen = structuredClone(question);
    // The answer is saved, but Slack fails the post of the next question.
    let failures = 1;
    h.api.override((c) => {
      if (c.method !== "chat.postMessage" || failures === 0 || !/Question 2 of/.test(callText(c)))
        return undefined;
      failures--;
      return { body: { ok: false, error: "internal_error" } };
    });
    await h.send.click(question, answer.id);
    const apology = await h.api.waitForCall("chat.postEphemeral", (c) => /sorry/i.test(callText(c)));
    expect(apology.body.thread_ts).toBe(rootTs);
    // Clicking the old question again shows the question the conversation waits on, to everyone.
    let mark = h.api.calls.length;
    await h.send.click(asFirstSeen, answer.id, "U2");
    const again = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, mark);
    expect(callText(again)).toMatch(/Question 2 of/);
    const repost = h.api.messages.get(`C1/${again.ts}`) as FakeMessage;
    expect(hasActions(repost)).toBe(true);
    // Once: the next click on the old question gets a private notice (in the thread when the
    // ephemeral cannot be sent).
    h.api.clearOverrides();
    h.api.override((c) =>
      c.method === "chat.postEphemeral" ? { body: { ok: false, error: "user_not_in_channel" } } : undefined,
    );
    mark = h.api.calls.length;
    await h.send.click(asFirstSeen, answer.id, "U3");
    const notice = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === rootTs,
      5000,
      mark,
    );
    expect(callText(notice)).toMatch(/already answered/i);
    expect(callText(notice)).not.toMatch(/Question 2 of/);
    // The re-posted question takes the answer.
    mark = h.api.calls.length;
    await h.send.click(repost, firstAnswer(repost).id);
    const third = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, mark);
    expect(callText(third)).toMatch(/Question 3 of/);
  });
});

describe("the Slack module", () => {
  it("builds a Socket Mode app when SLACK_APP_TOKEN is set (no HTTP server, not ready before start)", async () => {
    const env = slackEnv.parse({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-test" });
    expect(slackModule.servesHttp(env)).toBe(false);
    const slack = createSlackApp(testDeps().deps, env);
    expect(slack.mode).toBe("socket");
    expect(slack.isReady()).toBe(false);
    expect(slack.server).toBeUndefined();
  });

  it("starts, serves extra routes next to /slack/events, reports readiness, stops; secrets stay out of logs", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ level: "debug" }, sink);
    const api = await new FakeSlackWebApi().start();
    const env = slackEnv.parse({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url.replace(/\/$/, ""),
    });
    expect(slackModule.servesHttp(env)).toBe(true);
    const routes = {
      paths: ["/healthz"],
      handle: async (_req: unknown, res: { writeHead(s: number): void; end(b: string): void }) => {
        res.writeHead(200);
        res.end("ok");
      },
    };
    const { deps, conversations, dispatcher, metrics } = testDeps({ log, routes });
    const running = await slackModule.create(deps, env);
    await running.start();
    h = {
      api,
      slack: running as never,
      send: undefined as never,
      conversations,
      dispatcher,
      metrics,
      stop: async () => {},
    };
    try {
      expect(running.name).toBe("slack");
      expect(running.isReady()).toBe(true);
      const port = running.port;
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
