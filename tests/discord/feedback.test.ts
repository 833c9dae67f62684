import { afterEach, describe, expect, it } from "vitest";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import { type Json, type RestCall, visibleText } from "../fakes/discord-fake.js";
import { type Harness, startHarness } from "../fakes/discord-harness.js";

const callbackOf = (interactionId: string) => (c: RestCall) =>
  c.method === "POST" && c.path.startsWith(`/interactions/${interactionId}/`);
const EPHEMERAL = 64;

let h: Harness;
let store: MemoryFeedbackStore;
afterEach(async () => {
  await h?.close();
});

async function start() {
  store = new MemoryFeedbackStore();
  h = await startHarness({ feedbackStore: store });
}

/** `/stackwise ask question:<q>`; returns the answer message as Discord stores it. */
async function ask(question: string): Promise<Json> {
  const { id } = h.fake.slashCommand("ask", { question });
  const reply = await h.fake.waitForCall(callbackOf(id));
  return reply.response.resource.message;
}

/** The buttons of a message's last row. */
const lastRow = (message: Json) => (message.components.at(-1)?.components ?? []) as Json[];

describe("feedback buttons on Discord (real discord.js, fake Discord)", () => {
  it("an answer carries Helpful / Not helpful in a row of their own", async () => {
    await start();
    const answer = await ask("what license does JAX use?");
    expect(visibleText(answer)).toMatch(/Apache/);
    expect(lastRow(answer).map((b) => b.label)).toEqual(["Helpful", "Not helpful"]);
    expect(answer.components).toHaveLength(1);
  });

  it("help text carries no feedback buttons", async () => {
    await start();
    const { id } = h.fake.slashCommand("help");
    const reply = await h.fake.waitForCall(callbackOf(id));
    expect(JSON.stringify(reply.body)).not.toContain("stackwise:fb:");
  });

  it("a vote is recorded and thanked privately; the answer is left as it was", async () => {
    await start();
    const answer = await ask("what license does JAX use?");
    const helpful = lastRow(answer).find((b) => b.label === "Helpful");
    const since = h.fake.mark();
    const click = h.fake.component(answer, helpful.custom_id);
    const reply = await h.fake.waitForCall(callbackOf(click.id), { since });
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visibleText(reply.body)).toMatch(/Thanks for the feedback/);
    // No edit of the answer, no new public message.
    expect(
      h.fake.calls.slice(since).filter((c) => c.method === "PATCH" || c.path.endsWith("/messages")),
    ).toEqual([]);
    expect(h.fake.message(answer.id).components).toEqual(answer.components);
    const { votes } = await store.since(0);
    expect(votes.map((v) => v.vote)).toEqual(["helpful"]);
  });

  it("Not helpful offers 'What was wrong?', a modal whose cleaned note is kept", async () => {
    await start();
    const answer = await ask("what license does JAX use? ask <@123456789012345678>");
    const notHelpful = lastRow(answer).find((b) => b.label === "Not helpful");
    const since = h.fake.mark();
    const click = h.fake.component(answer, notHelpful.custom_id);
    const thanks = await h.fake.waitForCall(callbackOf(click.id), { since });
    expect(thanks.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const offer = h.fake.original(click.token);
    expect(offer.flags & EPHEMERAL).toBe(EPHEMERAL);
    const noteButton = (thanks.body.data.components[0]?.components ?? []).find(
      (b: Json) => b.label === "What was wrong?",
    );
    expect(noteButton).toBeDefined();
    // Clicking it shows the modal (interaction response type 9)...
    const since2 = h.fake.mark();
    const open = h.fake.component(offer, noteButton.custom_id);
    const modal = await h.fake.waitForCall(callbackOf(open.id), { since: since2 });
    expect(modal.body.type).toBe(9);
    expect(JSON.stringify(modal.body.data)).toContain("What was wrong?");
    // ...and the submission is recorded, cleaned, and thanked privately.
    const since3 = h.fake.mark();
    const submit = h.fake.modalSubmit(offer, modal.body.data.custom_id, {
      note: "It's Apache 2.0 not MIT; mail me at me@home.example or see http://x.example/y",
    });
    const noted = await h.fake.waitForCall(callbackOf(submit.id), { since: since3 });
    expect(noted.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visibleText(noted.body)).toMatch(/passed on to the editors/);
    const { votes, texts } = await store.since(0);
    expect(votes.map((v) => v.vote)).toEqual(["not-helpful"]);
    expect(texts.find((t) => t.kind === "note")?.text).toBe(
      "It's Apache 2.0 not MIT; mail me at [email] or see [link]",
    );
    const question = texts.find((t) => t.kind === "question")?.text ?? "";
    expect(question).toMatch(/^what license does JAX use\? ask/);
    expect(JSON.stringify(store.raw())).not.toMatch(/123456789012345678|me@home|x\.example/);
  });
});
