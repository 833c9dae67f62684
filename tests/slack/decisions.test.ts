/**
 * Team decisions on Slack (issue 13), end to end: the real Bolt app against the fake Web API.
 * Five members answer in modals, the card is edited after each submission, the starter closes
 * it, the record goes in the thread, and "what did we decide?" is answered.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DECIDE_SHORTCUT } from "../../adapters/slack/decision-parse.js";
import type { FakeMessage, FakeView } from "../fakes/slack-web-api.js";
import { type Harness, hasActions, messageText, startHarness, userTs } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const SHARED = { workload: "research", scale: "multi-node-cluster" };
const TPUS = { ...SHARED, hardware: "google-tpus" };
const GPUS = { ...SHARED, hardware: "nvidia-gpus" };

/** Polls until `check` holds (a card edit lands a moment after the submission's ack). */
async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The text of the card as members see it now, whitespace folded. */
const seen = (m: FakeMessage) => messageText(m).replace(/\s+/g, " ");

/** Starts a decision with the slash command and returns the card. */
async function startDecision(text: string, user = "U1"): Promise<FakeMessage> {
  const res = await h.send.command(`decide ${text}`, { user });
  expect(res.status).toBe(200);
  const post = await h.api.waitForCall(
    "chat.postMessage",
    (c) => c.body.channel === "C1" && !c.body.thread_ts,
  );
  const card = h.api.messages.get(`C1/${post.ts}`);
  if (!card) throw new Error("no card");
  return card;
}

/** Clicks "Add my answers" as `user`, and returns the modal Slack opened for them. */
async function openForm(card: FakeMessage, user: string): Promise<FakeView> {
  const before = h.api.views.length;
  expect((await h.send.click(card, "Add my answers", user)).status).toBe(200);
  await until(`a modal for ${user}`, () => h.api.views.length > before);
  return h.api.views[before] as FakeView;
}

describe("team decisions on Slack (real Bolt, fake Web API)", () => {
  it("five members answer in modals; the card follows; the starter closes it; the record is in the thread", async () => {
    h = await startHarness({ cardIntervalMs: 50 });
    h.api.updatesPerSecond = 25;
    const card = await startDecision("Which framework for the vision project? <@U9> <!here>");
    // The topic is cleaned: the mention syntax is gone, nobody is pinged.
    expect(seen(card)).toContain("Team decision: Which framework for the vision project?");
    expect(JSON.stringify(card.blocks)).not.toMatch(/<@U9>|<!here>/);
    expect(seen(card)).toContain("Started by alice · open · 0 members have answered");
    expect(hasActions(card)).toBe(true);

    const members: Array<[string, Record<string, string>]> = [
      ["U1", TPUS],
      ["U4", GPUS],
      ["U2", TPUS],
      ["U3", TPUS],
      // One answer only: too few for a ranking of their own.
      ["U5", { hardware: "nvidia-gpus" }],
    ];
    let afterThree = "";
    for (const [i, [user, answers]] of members.entries()) {
      const view = await openForm(card, user);
      // One optional select per flow question, "Not sure" first.
      const inputs = (view.view.blocks as Array<Record<string, unknown>>).filter((b) => b.type === "input");
      expect(inputs).toHaveLength(9);
      expect(inputs.every((b) => b.optional === true)).toBe(true);
      expect((await h.send.submitView(view, user, answers)).status).toBe(200);
      const count = i === 0 ? "1 member has answered" : `${i + 1} members have answered`;
      await until(`the card to show ${count}`, () => seen(card).includes(count));
      if (i === 2) afterThree = seen(card);
    }
    // After three answers: picks by name, the agreement, the 2–1 split with who chose what.
    expect(afterThree).toContain("u1: JAX");
    expect(afterThree).toContain("u4: PyTorch 2.0");
    expect(afterThree).toContain("workload: Research and rapid prototyping (all 3)");
    expect(afterThree).toContain("hardware: Google Cloud TPUs (u1 and u2) vs NVIDIA GPUs (u4)");
    expect(afterThree).toMatch(/What would change the pick: if one of you answered .* would lead/);

    const final = seen(card);
    expect(final).toContain("u5: too few answers");
    expect(final).toContain("1. JAX");
    expect(final).toContain("Borda points");
    // Each member got a private thank-you in the card's thread.
    expect(h.api.ephemerals.filter((e) => /your answers are in/.test(e.text))).toHaveLength(5);

    // Questions in the card's thread are follow-ups with the team's result as context.
    await h.decisions?.settled();
    const talk = async (text: string) => {
      const mark = h.api.calls.length;
      await h.send.event({
        type: "message",
        channel: "C1",
        channel_type: "channel",
        user: "U2",
        text,
        ts: userTs(),
        thread_ts: card.ts,
      });
      const reply = await h.api.waitForCall(
        "chat.postMessage",
        (c) => c.body.thread_ts === card.ts,
        5000,
        mark,
      );
      return JSON.stringify(reply.body);
    };
    expect(await talk("compare the top two on cost")).toMatch(/JAX and PyTorch 2.0: Estimated total cost/);
    expect(await talk("why not pytorch?")).toContain("What counted against it");
    expect(await talk("what would change it?")).toMatch(/would come out on top/);

    // Someone else may not close it (users.info says U4 is no admin).
    const buttons = structuredClone(card);
    await h.send.click(card, "Close", "U4");
    await until("the refusal", () =>
      h.api.ephemerals.some((e) => e.user === "U4" && /Only the person/.test(e.text)),
    );
    expect(h.api.callsTo("users.info").at(-1)?.body.user).toBe("U4");
    expect(seen(card)).toContain("· open ·");

    // The starter closes it: the record in the thread, the card closed without buttons.
    const closing = h.api.calls.length;
    await h.send.click(card, "Close", "U1");
    const record = await h.api.waitForCall(
      "chat.postMessage",
      (c) => c.body.thread_ts === card.ts,
      5000,
      closing,
    );
    const recordText = messageText(h.api.messages.get(`C1/${record.ts}`) as FakeMessage).replace(/\s+/g, " ");
    expect(recordText).toContain("Decision record: Which framework for the vision project?");
    expect(recordText).toContain("The team's pick: JAX. Closed by u1 on");
    expect(recordText).toContain("Why");
    expect(recordText).toContain("Still split");
    expect(recordText).toContain("Took part: u1, u4, u2, u3 and u5 (5).");
    expect(recordText).toMatch(/Sources: /);
    await until("the card to close", () => seen(card).includes("· closed ·") && !hasActions(card));

    // A click on the closed decision (an old copy of the card) is told privately.
    await h.send.click(buttons, "Add my answers", "U2");
    await until("the closed notice", () =>
      h.api.ephemerals.some((e) => e.user === "U2" && /This decision is closed/.test(e.text)),
    );

    // "what did we decide?" in the thread gets the record again.
    const before = h.api.callsTo("chat.postMessage").length;
    await h.send.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U3",
      text: "what did we decide?",
      ts: userTs(),
      thread_ts: card.ts,
    });
    const again = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === card.ts, 5000, 0);
    await until("the recalled record", () => h.api.callsTo("chat.postMessage").length > before);
    expect(again).toBeDefined();
    const recalled = h.api.callsTo("chat.postMessage").at(-1);
    expect(JSON.stringify(recalled?.body)).toContain("Decision record");

    // `/stackwise decisions` lists the channel's records with a link to each card.
    await h.send.command("decisions", { user: "U2" });
    await until("the list", () => h.api.ephemerals.some((e) => /Recent team decisions/.test(e.text)));
    const list = h.api.ephemerals.find((e) => /Recent team decisions/.test(e.text));
    expect(JSON.stringify(list?.blocks)).toContain(
      `https://test.slack.com/archives/C1/p${card.ts.replace(".", "")}`,
    );
    expect(h.api.rateLimited).toBe(0);
  });

  it("a retried submission counts once; a second modal replaces the member's answers", async () => {
    h = await startHarness({ cardIntervalMs: 20 });
    const card = await startDecision("anonymous Cloud budget");
    expect(seen(card)).toContain("anonymous");
    const view = await openForm(card, "U2");
    await h.send.submitView(view, "U2", TPUS);
    await h.send.submitView(view, "U2", TPUS, { retryNum: 1 });
    await until("one answer", () => seen(card).includes("1 member has answered"));
    await h.decisions?.settled();
    await h.api.settle(100);
    expect(seen(card)).toContain("1 member has answered");
    expect(h.api.ephemerals.filter((e) => /your answers are in/.test(e.text))).toHaveLength(1);

    // The second modal starts from the last answers, and its submission replaces them.
    const second = await openForm(card, "U2");
    const hardware = (second.view.blocks as Array<Record<string, unknown>>).find(
      (b) => b.block_id === "hardware",
    );
    expect(JSON.stringify(hardware)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Google Cloud TPUs"',
    );
    await h.send.submitView(second, "U2", { workload: "research", team: "pytorch-experienced" });
    await until("the replaced pick", () => seen(card).includes("PyTorch 2.0: 1"));
    expect(seen(card)).toContain("1 member has answered");
    // Anonymous: counts only, never a name.
    expect(seen(card)).not.toContain("u2");
  });

  it("a decide where the bot may not post tells the asker how to let it in", async () => {
    h = await startHarness();
    h.api.override((c) =>
      c.method === "chat.postMessage" && c.body.channel === "C7"
        ? { body: { ok: false, error: "not_in_channel" } }
        : undefined,
    );
    await h.send.command("decide Which one?", { channel: "C7" });
    await until("the hint", () =>
      h.api.calls.some((c) => c.method.startsWith("response/") && /Invite me/.test(JSON.stringify(c.body))),
    );
  });

  it("the message shortcut starts a decision on that message's text", async () => {
    h = await startHarness({ cardIntervalMs: 20 });
    await h.send.shortcut(DECIDE_SHORTCUT, {
      channel: "C1",
      ts: userTs(),
      text: "Should we move the <@U7> team off TF?",
    });
    const post = await h.api.waitForCall("chat.postMessage", (c) => c.body.channel === "C1");
    const card = h.api.messages.get(`C1/${post.ts}`) as FakeMessage;
    expect(seen(card)).toContain("Team decision: Should we move the team off TF?");
  });
});
