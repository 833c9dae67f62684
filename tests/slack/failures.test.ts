/**
 * Issue 12's Slack failures, each through the real Bolt against the fake Web API, which refuses
 * what Slack refuses (chat.update of an ephemeral message: message_not_found; a failing update:
 * cant_update_message).
 */
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ephemeralClick, offeredChoices } from "../fakes/slack-requests.js";
import type { FakeMessage } from "../fakes/slack-web-api.js";
import {
  callText,
  type Harness,
  hasActions,
  messageText,
  parsedText,
  startHarness,
  userTs,
} from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const isAnswer = (id: string) => /^flow:[^:]+:[^:]+$/.test(id) && !/:(back|skip)$/.test(id);
const firstAnswer = (message: FakeMessage) => {
  const answer = offeredChoices(message).find((c) => isAnswer(c.id));
  if (!answer) throw new Error(`no answer offered in ${message.ts}`);
  return answer;
};

/** `/stackwise recommend`: its thread's root ts and the first question. */
async function recommend(harness: Harness): Promise<{ rootTs: string; question: FakeMessage }> {
  await harness.send.command("recommend");
  const root = await harness.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
  const call = await harness.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts);
  const question = harness.api.messages.get(`C1/${call.ts}`);
  if (!question) throw new Error("question missing");
  return { rootTs: root.ts as string, question };
}

describe("issue 12, Slack: a failed platform call never strands the guided flow (failure 1)", () => {
  it("chat.update refused with cant_update_message: the next question is posted anyway, and no apology", async () => {
    h = await startHarness();
    const { rootTs, question } = await recommend(h);
    h.api.override((c) =>
      c.method === "chat.update" ? { body: { ok: false, error: "cant_update_message" } } : undefined,
    );
    const mark = h.api.calls.length;
    await h.send.click(question, firstAnswer(question).id);
    const next = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, mark);
    expect(callText(next)).toMatch(/Question 2 of/);
    await h.api.settle(200);
    expect(h.api.calls.slice(mark).filter((c) => /sorry/i.test(callText(c)))).toHaveLength(0);
    // The flow goes on from the question that was posted.
    h.api.clearOverrides();
    const q2 = h.api.messages.get(`C1/${next.ts}`) as FakeMessage;
    const again = h.api.calls.length;
    await h.send.click(q2, firstAnswer(q2).id);
    const q3 = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === rootTs, 5000, again);
    expect(callText(q3)).toMatch(/Question 3 of/);
  });
});

describe("issue 12, Slack: the button in the private help (failure 2)", () => {
  it("starts the recommendation: a thread opens with its first question; the ephemeral is edited through its response_url", async () => {
    h = await startHarness();
    await h.send.command("help", { user: "U7", channel: "C9" });
    await h.api.waitForCall(/^response\//);
    const help = h.api.ephemerals.at(-1);
    if (!help) throw new Error("no private help");
    const mark = h.api.calls.length;
    await ephemeralClick(h.send, { ...help, channel: "C9" }, "Start a recommendation", "U7");
    const root = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === "C9" && !c.body.thread_ts,
      5000,
      mark,
    );
    expect(callText(root)).toContain("<@U7> chose");
    const first = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === root.ts,
      5000,
      mark,
    );
    expect(callText(first)).toMatch(/Question 1 of/);
    await h.api.settle(200);
    // Slack refuses chat.update on an ephemeral message: it is never tried; its response_url is.
    expect(h.api.callsTo("chat.update").filter((c) => c.body.ts === help.ts)).toHaveLength(0);
    const replaced = h.api.calls
      .slice(mark)
      .find((c) => /^response\//.test(c.method) && c.body.replace_original);
    expect(replaced).toBeDefined();
    expect(JSON.stringify(replaced?.body.blocks)).not.toContain('"actions"');
    // The flow runs in the thread.
    const q1 = h.api.messages.get(`C9/${first.ts}`) as FakeMessage;
    const again = h.api.calls.length;
    await h.send.click(q1, firstAnswer(q1).id, "U7");
    const q2 = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === root.ts, 5000, again);
    expect(callText(q2)).toMatch(/Question 2 of/);
  });
});

describe("issue 12, Slack: text is decoded once and escaped once (failure 4)", () => {
  it("/stackwise compare jax &amp; pytorch shows 'compare jax & pytorch', never '&amp;amp;'", async () => {
    h = await startHarness();
    // Slack sends the typed "&" of a slash command as "&amp;".
    await h.send.command("compare jax &amp; pytorch");
    const answer = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const context = (answer.body.blocks as Array<{ elements: Array<{ type: string; text: string }> }>)[0];
    expect(context?.elements[1]).toMatchObject({ type: "plain_text", text: "compare jax & pytorch" });
    expect(String(answer.body.text)).toContain("asked: compare jax &amp; pytorch");
    expect(JSON.stringify(answer.body)).not.toContain("&amp;amp;");
    expect(callText(answer)).toMatch(/JAX/);
  });

  it("the length limit counts what was typed: 1,990 typed characters with many '&' are answered", async () => {
    h = await startHarness();
    const typed = `what license does jax use ${"& ".repeat(990)}`.slice(0, 1990);
    expect(typed.length).toBe(1990);
    await h.send.command(typed.replace(/&/g, "&amp;"));
    const answer = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    expect(callText(answer)).not.toMatch(/characters long/);
    // 2,001 typed characters are refused, and the refusal counts 2,001.
    await h.send.command(`${"& ".repeat(1000)}x`.replace(/&/g, "&amp;"));
    const refusal = await h.api.waitForCall(/^response\//, (c) => /characters long/.test(callText(c)));
    expect(callText(refusal)).toContain("2,001 characters");
  });

  it("a user's *, _, ~ and backticks, balanced or not, never become formatting in the 'asked:' line", async () => {
    h = await startHarness();
    const words = "is *jax* _faster_ than ~tf~ for `jit or ``` code";
    await h.send.command(words);
    const answer = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const context = (answer.body.blocks as Array<{ elements: Array<{ type: string; text: string }> }>)[0];
    // Verbatim in a plain_text element: Slack shows it as typed and parses nothing in it.
    expect(context?.elements[1]).toMatchObject({ type: "plain_text", text: words });
    expect(
      parsedText(answer.body)
        .split("\n")
        .filter((l) => l.includes("`jit")),
    ).toEqual([expect.stringContaining("asked:")]);
  });
});

describe("issue 12, Slack: one bad request never takes the bot down (failure 9)", () => {
  it("a correctly signed request whose JSON body is null gets 400; the next request is answered", async () => {
    h = await startHarness();
    for (const [body, type] of [
      ["null", "application/json"],
      ["42", "application/json"],
      ["payload=null", "application/x-www-form-urlencoded"],
      ["payload=%7Bnot%20json", "application/x-www-form-urlencoded"],
    ] as const) {
      const res = await h.send.send(body, type);
      expect(res.status).toBe(400);
    }
    expect((await h.metrics.render()).body).toMatch(/^stackwise_errors_total\{kind="malformed_event"\} 4$/m);
    const ts = userTs();
    await h.send.event({ type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> jax license", ts });
    const reply = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts);
    expect(callText(reply)).toContain("Apache");
  });
});

describe("issue 12, Slack: request hygiene (failure 11)", () => {
  it("a signed request dated more than 5 minutes in the future is refused like a stale one", async () => {
    h = await startHarness();
    const future = await h.send.command(
      "jax license",
      {},
      { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 },
    );
    expect(future.status).toBe(401);
    const near = await h.send.command("jax license", {}, { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(near.status).toBe(200);
    await h.api.waitForCall("chat.postMessage");
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a client that never finishes its headers is cut off after the header timeout, in seconds by default", async () => {
    h = await startHarness({
      appOptions: { timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 100 } },
    });
    const port = h.slack.port as number;
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("POST /slack/events HTTP/1.1\r\nHost: x\r\n");
    let answer = "";
    socket.on("data", (d) => {
      answer += String(d);
    });
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The server's own defaults are seconds, not Node's minutes.
    const { DEFAULT_TIMEOUTS } = await import("../../adapters/slack/server.js");
    expect(DEFAULT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_TIMEOUTS.requestMs).toBeLessThanOrEqual(30_000);
  });
});

describe("the answered question", () => {
  it("shows who chose what, and keeps its text", async () => {
    h = await startHarness();
    const { question } = await recommend(h);
    const answer = firstAnswer(question);
    await h.send.click(question, answer.id);
    await h.api.waitForCall("chat.update");
    expect(hasActions(question)).toBe(false);
    expect(messageText(question)).toContain(answer.label);
  });
});

describe("folded replies (Reply.fold)", () => {
  it("a long answer shows its first part and a More button; the click posts the rest in its thread", async () => {
    h = await startHarness();
    await h.send.command("compare jax pytorch and tensorflow");
    const call = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const answer = h.api.messages.get(`C1/${call.ts}`) as FakeMessage;
    expect(offeredChoices(answer).map((c) => c.id)).toEqual(["more"]);
    const mark = h.api.calls.length;
    await h.send.click(answer, "more");
    const rest = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === answer.ts,
      5000,
      mark,
    );
    expect(callText(rest).length).toBeGreaterThan(50);
    expect(callText(rest)).not.toMatch(/sorry|already answered/i);
  });
});
