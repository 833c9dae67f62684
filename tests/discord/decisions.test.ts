/**
 * Team decisions on Discord (issue 13), end to end: the real discord.js client against the
 * fake gateway and REST API. Five members answer in ephemeral select menus (four questions a
 * message, "Next", "Submit"), the card is edited after each submission, the starter closes it,
 * the record goes in the card's thread, and "what did we decide?" is answered there.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DECIDE_MESSAGE_COMMAND } from "../../adapters/discord/decision-parse.js";
import { type DispatchedInteraction, type Json, type RestCall, visibleText } from "../fakes/discord-fake.js";
import { type Harness, startHarness } from "../fakes/discord-harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const SHARED = { workload: "research", scale: "multi-node-cluster" };
const TPUS = { ...SHARED, hardware: "google-tpus" };
const GPUS = { ...SHARED, hardware: "nvidia-gpus" };
const QUESTIONS = [
  "workload",
  "hardware",
  "scale",
  "team",
  "deployment",
  "budget",
  "codebase",
  "support",
  "training-frequency",
];

async function until(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const seen = (message: Json) => visibleText(message).replace(/\s+/g, " ");
const callbackOf = (i: DispatchedInteraction) => (c: RestCall) =>
  c.method === "POST" && c.path.startsWith(`/interactions/${i.id}/`);

/** The components of a message with this custom id prefix. */
function component(message: Json, prefix: string | RegExp): Json {
  for (const row of message.components ?? [])
    for (const c of row.components ?? [])
      if (typeof prefix === "string" ? c.custom_id?.startsWith(prefix) : prefix.test(c.custom_id ?? ""))
        return c;
  throw new Error(`no component ${String(prefix)} in ${JSON.stringify(message.components)}`);
}

/** The button labelled `label`. */
function button(message: Json, label: string): Json {
  for (const row of message.components ?? [])
    for (const c of row.components ?? []) if (c.label === label) return c;
  throw new Error(`no button ${label}`);
}

/** Starts a decision with the slash command; returns the card message and its thread's id. */
async function start(topic: string): Promise<{ card: Json; thread: string; id: string }> {
  const i = h.fake.slashCommand("decide", { topic });
  await h.fake.waitForCall(callbackOf(i));
  const card = await until("the card", () => Boolean(h.fake.responseTo(i))).then(() => h.fake.responseTo(i));
  const thread = await h.fake.waitForCall(
    (c) => c.method === "POST" && c.path === `/channels/${card.channel_id}/messages/${card.id}/threads`,
  );
  const id = /^decision:([0-9a-f]+):answer$/.exec(component(card, "decision:").custom_id)?.[1] as string;
  return { card, thread: thread.response.id, id };
}

/**
 * One member's whole form: "Add my answers" on the card, a choice in each select they answer
 * (moving on with "Next" as needed), then "Submit". Returns the submit interaction.
 */
async function answer(
  cardId: string,
  user: Json,
  answers: Record<string, string>,
): Promise<DispatchedInteraction> {
  const card = h.fake.message(cardId);
  const open = h.fake.component(card, component(card, /:answer$/).custom_id, undefined, { user });
  await h.fake.waitForCall(callbackOf(open));
  let form = h.fake.responseTo(open);
  expect(form.flags & 64).toBe(64);
  let part = 0;
  for (const [q, value] of Object.entries(answers)) {
    const field = QUESTIONS.indexOf(q);
    while (Math.floor(field / 4) > part) {
      const next = h.fake.component(form, button(form, "Next").custom_id, undefined, { user });
      await h.fake.waitForCall(callbackOf(next));
      part += 1;
      form = h.fake.message(form.id);
      expect(form.content).toContain(`part ${part + 1} of 3`);
    }
    const select = component(form, `dform:`);
    const target = component(form, new RegExp(`:q${field}:`));
    expect(select.type).toBe(3);
    const pick = h.fake.component(form, target.custom_id, [value], { user });
    const update = await h.fake.waitForCall(callbackOf(pick));
    expect(update.body.type).toBe(7);
    form = h.fake.message(form.id);
  }
  const submit = h.fake.component(form, button(form, "Submit").custom_id, undefined, { user });
  await h.fake.waitForCall(callbackOf(submit));
  return submit;
}

describe("team decisions on Discord (real discord.js, fake gateway and REST)", () => {
  it("five members answer in ephemeral menus; the card follows; the starter closes it; the record is in the thread", async () => {
    h = await startHarness({ cardIntervalMs: 50 });
    const { fake } = h;
    const { card, thread, id } = await start("Which framework for the vision project? <@123> @everyone");
    expect(seen(card)).toContain("Team decision: Which framework for the vision project?");
    expect(JSON.stringify(card)).not.toMatch(/<@123>|@everyone/);
    expect(seen(card)).toContain("Started by Alice · open · 0 members have answered");

    // The first form: four selects, "Not sure" first, then "Next" and "Submit".
    const peek = fake.component(card, `decision:${id}:answer`, undefined, { user: fake.user(99) });
    await fake.waitForCall(callbackOf(peek));
    const first = fake.responseTo(peek);
    expect(first.components).toHaveLength(5);
    expect(first.components[0].components[0].options[0].label).toBe("Not sure");
    expect(first.components[4].components.map((c: Json) => c.label)).toEqual(["Next", "Submit"]);

    const [u2, u3, u4, u5] = [fake.user(2), fake.user(3), fake.user(4), fake.user(5)];
    const members: Array<[Json, Record<string, string>, string]> = [
      [fake.human, { ...TPUS, "training-frequency": "weekly-or-more" }, "Alice"],
      [u4, GPUS, "User 4"],
      [u2, TPUS, "User 2"],
      [u3, TPUS, "User 3"],
      [u5, { hardware: "nvidia-gpus" }, "User 5"],
    ];
    let afterThree = "";
    for (const [n, [user, answers]] of members.entries()) {
      const submit = await answer(card.id, user, answers);
      const thanks = await fake.waitForCall(callbackOf(submit));
      // The thanks replaces the form: its menus and buttons go.
      expect(thanks.body.type).toBe(7);
      expect(thanks.body.data.components).toEqual([]);
      expect(JSON.stringify(thanks.body.data)).toMatch(/your answers are in/);
      const count = n === 0 ? "1 member has answered" : `${n + 1} members have answered`;
      await until(`the card to show ${count}`, () => seen(fake.message(card.id)).includes(count));
      if (n === 2) afterThree = seen(fake.message(card.id));
    }
    expect(afterThree).toContain("Alice: JAX");
    expect(afterThree).toContain("User 4: PyTorch 2.0");
    expect(afterThree).toContain("hardware: Google Cloud TPUs (Alice and User 2) vs NVIDIA GPUs (User 4)");
    expect(afterThree).toContain("Where the team agrees");
    const final = seen(fake.message(card.id));
    expect(final).toContain("User 5: too few answers");
    expect(final).toMatch(/1\\?\. JAX: 7 Borda points/);

    // A member without Manage Threads or Manage Channels may not close someone else's decision.
    const refused = fake.component(fake.message(card.id), `decision:${id}:close`, undefined, {
      user: u4,
      permissions: "0",
    });
    const refusal = await fake.waitForCall(callbackOf(refused));
    expect(refusal.body.data.flags & 64).toBe(64);
    expect(refusal.body.data.embeds?.[0]?.description ?? refusal.body.data.content).toMatch(
      /Only the person/,
    );

    // The starter closes it: the record in the card's thread, the card closed without buttons.
    const since = fake.mark();
    const closing = fake.component(fake.message(card.id), `decision:${id}:close`, undefined, {
      user: fake.human,
    });
    const record = await fake.waitForCall(
      (c) => c.method === "POST" && c.path === `/channels/${thread}/messages`,
      { since },
    );
    const recordText = seen(record.body);
    expect(recordText).toContain("Decision record: Which framework for the vision project?");
    expect(recordText).toContain("The team's pick: JAX. Closed by Alice on");
    expect(recordText).toContain("Took part: Alice, User 4, User 2, User 3 and User 5 (5).");
    await until("the card to close", () => {
      const now = fake.message(card.id);
      return seen(now).includes("· closed ·") && (now.components ?? []).length === 0;
    });
    expect(closing).toBeDefined();

    // A click on the closed decision (an old copy of the card) is told privately.
    const late = fake.component(card, `decision:${id}:answer`, undefined, { user: u2 });
    const closedNotice = await fake.waitForCall(callbackOf(late));
    expect(JSON.stringify(closedNotice.body.data)).toContain("This decision is closed");

    // "what did we decide?" in the thread.
    const before = fake.mark();
    fake.messageCreate({ content: "what did we decide?", channelId: thread, channelType: 11, author: u3 });
    const recalled = await fake.waitForCall(
      (c) => c.method === "POST" && c.path === `/channels/${thread}/messages`,
      { since: before },
    );
    expect(seen(recalled.body)).toContain("Decision record");

    // `/stackwise decisions` lists the channel's records, each with a link to its card.
    const list = fake.slashCommand("decisions");
    const listed = await fake.waitForCall(callbackOf(list));
    expect(listed.body.data.flags & 64).toBe(64);
    expect(JSON.stringify(listed.body.data)).toContain(
      `https://discord.com/channels/${fake.guildId}/${card.channel_id}/${card.id}`,
    );
  });

  it("the message command starts a decision on that message's text; a retried submission counts once", async () => {
    h = await startHarness({ cardIntervalMs: 20 });
    const { fake } = h;
    const target = fake.messageCreate({ content: "Should we move the <@42> team off TF?" });
    const i = fake.messageCommand(DECIDE_MESSAGE_COMMAND, target);
    await fake.waitForCall(callbackOf(i));
    const card = fake.responseTo(i);
    expect(seen(card)).toContain("Team decision: Should we move the team off TF?");
    const submit = await answer(card.id, fake.user(7), TPUS);
    fake.redeliver(submit);
    await until("one answer", () => seen(fake.message(card.id)).includes("1 member has answered"));
    await h.decisions?.settled();
    expect(seen(fake.message(card.id))).toContain("1 member has answered");
  });
});
