import { afterEach, describe, expect, it } from "vitest";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import { ephemeralClick, feedbackButtons, offeredChoices } from "../fakes/slack-requests.js";
import type { FakeMessage } from "../fakes/slack-web-api.js";
import { type Harness, messageText, startHarness, userTs } from "./harness.js";

let h: Harness;
let store: MemoryFeedbackStore;
afterEach(async () => {
  await h?.stop();
});

async function start() {
  store = new MemoryFeedbackStore();
  h = await startHarness({ feedbackStore: store });
}

/** @Stackwise <text> in #C1; returns the bot's answer in the thread. */
async function mention(text: string): Promise<FakeMessage> {
  const ts = userTs();
  const mark = h.api.calls.length;
  await h.send.event({ type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${text}`, ts });
  const call = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts, 5000, mark);
  return h.api.messages.get(`C1/${call.ts}`) as FakeMessage;
}

describe("feedback buttons on Slack (real Bolt, fake Web API)", () => {
  it("an answer carries Helpful / Not helpful in its last block, apart from its choices", async () => {
    await start();
    const answer = await mention("what license does jax use?");
    expect(messageText(answer)).toContain("Apache");
    const last = answer.blocks.at(-1) as { type: string; block_id: string };
    expect(last.type).toBe("actions");
    expect(feedbackButtons(answer)).toEqual(["Helpful", "Not helpful"]);
    expect(offeredChoices(answer)).toEqual([]);
  });

  it("on a /stackwise answer at the channel's top level, the thanks go privately through response_url", async () => {
    await start();
    await h.send.command("what license does JAX use?");
    const call = await h.api.waitForCall("chat.postMessage", (c) => !c.body.thread_ts);
    const answer = h.api.messages.get(`C1/${call.ts}`) as FakeMessage;
    expect(feedbackButtons(answer)).toEqual(["Helpful", "Not helpful"]);
    const mark = h.api.calls.length;
    await h.send.click(answer, "Not helpful");
    const thanks = await h.api.waitForCall(/^response\//, () => true, 5000, mark);
    expect(thanks.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(thanks.body.text)).toMatch(/Thanks for telling us/);
    expect(h.api.calls.slice(mark).some((c) => c.method === "chat.postMessage")).toBe(false);
    // The question of a slash command is its own text, kept now that the answer was found unhelpful.
    expect((await store.since(0)).texts.map((t) => t.text)).toEqual(["what license does JAX use?"]);
  });

  it("help text and flow questions carry no feedback buttons", async () => {
    await start();
    expect(feedbackButtons(await mention("help"))).toEqual([]);
    expect(feedbackButtons(await mention("recommend"))).toEqual([]);
  });

  it("a click records the vote and thanks the voter privately; the answer is not reposted or edited", async () => {
    await start();
    const answer = await mention("what license does jax use?");
    const mark = h.api.calls.length;
    await h.send.click(answer, "Helpful");
    const thanks = await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
    expect(thanks.body.user).toBe("U1");
    expect(thanks.body.thread_ts).toBe(answer.threadTs);
    expect(String(thanks.body.text)).toMatch(/Thanks for the feedback/);
    await h.api.settle(150);
    expect(h.api.calls.slice(mark).map((c) => c.method)).toEqual(["chat.postEphemeral"]);
    expect(answer.updates).toBe(0);
    const id = String((answer.blocks.at(-1) as { elements: Array<{ value: string }> }).elements[0]?.value);
    const votes = await store.votesFor(id);
    expect(votes.map((v) => v.vote)).toEqual(["helpful"]);
    // The voter is stored as a one-way hash, never as a Slack id.
    expect(JSON.stringify(store.raw())).not.toMatch(/U1\b|slack:T1/);
    expect((await h.metrics.render()).body).toMatch(/stackwise_feedback_total\{vote="helpful"\} 1/);
  });

  it("one vote per person: Not helpful replaces Helpful; another person's vote counts apart", async () => {
    await start();
    const answer = await mention("what license does jax use?");
    await h.send.click(answer, "Helpful");
    await h.api.waitForCall("chat.postEphemeral");
    const mark = h.api.calls.length;
    await h.send.click(answer, "Not helpful");
    await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
    const mark2 = h.api.calls.length;
    await h.send.click(answer, "Helpful", "U2");
    await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark2);
    const { votes } = await store.since(0);
    expect(votes.map((v) => v.vote).sort()).toEqual(["helpful", "not-helpful"]);
  });

  it("Not helpful offers 'What was wrong?': the modal's note is cleaned and kept with the question", async () => {
    await start();
    const answer = await mention("what license does jax use? ask bob@example.com");
    const mark = h.api.calls.length;
    await h.send.click(answer, "Not helpful");
    await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
    const offer = h.api.ephemerals.at(-1);
    if (!offer) throw new Error("no ephemeral thanks");
    expect(offer.text).toMatch(/what was wrong/i);
    await ephemeralClick(h.send, offer, "What was wrong?");
    await h.api.waitForCall("views.open");
    const opened = h.api.views.at(-1);
    if (!opened) throw new Error("no modal opened");
    expect(JSON.stringify(opened.view)).toContain("What was wrong?");
    const mark2 = h.api.calls.length;
    const res = await h.send.viewSubmission(opened, {
      note: {
        text: "Wrong licence. Ping <@U0SECRET> or mail jo@corp.example, see https://evil.example/x, token xoxb-9999-8888-SECRETSECRET",
      },
    });
    expect(res.status).toBe(200);
    const noted = await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark2);
    expect(String(noted.body.text)).toMatch(/passed on to the editors/);
    const { texts } = await store.since(0);
    const note = texts.find((t) => t.kind === "note");
    expect(note?.text).toBe("Wrong licence. Ping [mention] or mail [email], see [link], token [token]");
    expect(texts.find((t) => t.kind === "question")?.text).toBe("what license does jax use? ask [email]");
    const raw = JSON.stringify(store.raw());
    for (const secret of ["U0SECRET", "jo@corp", "evil.example", "xoxb-", "bob@example.com"])
      expect(raw).not.toContain(secret);
  });

  it("a question it could not answer is kept (cleaned) and counted; it gets no vote buttons", async () => {
    await start();
    const reply = await mention("how do I bake sourdough bread at https://bakery.example?");
    expect(feedbackButtons(reply)).toEqual([]);
    const { answers, texts } = await store.since(0);
    expect(answers.map((a) => a.unanswered)).toEqual(["unanswered"]);
    expect(texts.map((t) => t.text)).toEqual(["how do I bake sourdough bread at [link]?"]);
    expect((await h.metrics.render()).body).toMatch(/stackwise_unanswered_total 1/);
  });

  it("a vote on an answer whose record expired is thanked, not recorded", async () => {
    let now = Date.now();
    store = new MemoryFeedbackStore({ feedbackTtlSeconds: 60 }, () => now);
    h = await startHarness({ feedbackStore: store });
    const answer = await mention("what license does jax use?");
    now += 61_000;
    const mark = h.api.calls.length;
    await h.send.click(answer, "Not helpful");
    const reply = await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
    expect(String(reply.body.text)).toMatch(/too old to rate/);
    expect((await store.since(0)).votes).toEqual([]);
  });
});
