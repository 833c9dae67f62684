import { describe, expect, it } from "vitest";
import { choiceInput, textInput } from "../../src/engine/input.js";
import type { Inbound } from "../../src/platform/contract.js";
import { APOLOGY, Dispatcher } from "../../src/platform/dispatch.js";
import { toPlainText } from "../../src/reply/plain-text.js";
import { Conversations } from "../../src/runtime/conversations.js";
import { ErrorSink } from "../../src/runtime/errors.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { Metrics } from "../../src/runtime/metrics.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import { MockAdapter, type MockMessage, type MockPlace } from "../fakes/mock-adapter.js";
import { SwitchableStore } from "../helpers/switchable-store.js";
import { knowledgeForTests } from "../ops/support.js";

let seq = 0;
const thread: MockPlace = { channel: "C1", thread: "T1", user: "U1" };

function setup(store = new MemoryStore() as MemoryStore | SwitchableStore) {
  const metrics = new Metrics();
  const conversations = new Conversations(knowledgeForTests(), store, silentLogger, {
    maxInputChars: 2000,
    metrics,
  });
  const dispatcher = new Dispatcher({
    conversations,
    sink: new ErrorSink(silentLogger, metrics),
    log: silentLogger,
    backoffMs: [1, 1],
    staleGraceMs: 1,
  });
  const adapter = new MockAdapter();
  return { dispatcher, adapter, metrics, store };
}

const typed = (
  text: string,
  extra: Partial<Inbound<MockPlace, MockMessage>> = {},
): Inbound<MockPlace, MockMessage> => ({
  eventId: `ev-${++seq}`,
  userId: "mock:U1",
  place: thread,
  input: textInput(text),
  ...extra,
});

function click(message: MockMessage, which = 0): Inbound<MockPlace, MockMessage> {
  const choices = message.reply.blocks.flatMap((b) => (b.kind === "choices" ? b.choices : []));
  const answers = choices.filter((c) => c.role === "answer");
  const choice = answers[which] ?? choices[0];
  if (!choice) throw new Error("no choice offered");
  return {
    eventId: `click-${++seq}`,
    userId: "mock:U1",
    place: message.place,
    input: choiceInput(choice.id),
    clicked: { message, label: choice.label },
  };
}

const text = (m: MockMessage | undefined) => (m ? toPlainText(m.reply) : "");
const live = (m: MockMessage) => m.edits.length === 0;

describe("dispatch()", () => {
  it("ignores text that is empty once cleaned, and never retires a question's buttons for it", async () => {
    const { dispatcher, adapter } = setup();
    await dispatcher.dispatch(adapter, typed("recommend"));
    const question = adapter.posted.at(-1) as MockMessage;
    expect(await dispatcher.dispatch(adapter, typed("   "))).toBe("ignored");
    expect(adapter.posted).toHaveLength(1);
    expect(live(question)).toBe(true);
  });

  it("a duplicate delivery touches nothing on the platform, not even an acknowledgement", async () => {
    const { dispatcher, adapter } = setup();
    const event = typed("jax license");
    expect(await dispatcher.dispatch(adapter, event)).toBe("answered");
    expect(await dispatcher.dispatch(adapter, event)).toBe("duplicate");
    expect(adapter.calls).toEqual(["post"]);
  });

  it("with the store down, a redelivery to this process and any retry (retryNum >= 1) are not answered", async () => {
    const store = new SwitchableStore();
    const { dispatcher, adapter } = setup(store);
    store.down = true;
    const event = typed("jax license");
    expect(await dispatcher.dispatch(adapter, event)).toBe("answered");
    expect(await dispatcher.dispatch(adapter, { ...event, retryNum: 1 })).toBe("duplicate");
    // A retry of a delivery another instance took: this process never saw the first one.
    expect(await dispatcher.dispatch(adapter, typed("tf license", { retryNum: 1 }))).toBe("duplicate");
    expect(adapter.posted).toHaveLength(1);
  });

  it("a click that moves the flow marks its question answered and posts the next one", async () => {
    const { dispatcher, adapter } = setup();
    await dispatcher.dispatch(adapter, typed("recommend"));
    const q1 = adapter.posted.at(-1) as MockMessage;
    const event = click(q1);
    await dispatcher.dispatch(adapter, event);
    expect(q1.edits).toEqual([{ chosen: event.clicked?.label }]);
    expect(text(adapter.posted.at(-1))).toMatch(/Question 2 of/);
  });

  it("when marking the question answered fails, the next question is posted all the same", async () => {
    const { dispatcher, adapter, metrics } = setup();
    await dispatcher.dispatch(adapter, typed("recommend"));
    adapter.failNext("edit", { kind: "gone", code: "cant_update_message" });
    await dispatcher.dispatch(adapter, click(adapter.posted.at(-1) as MockMessage));
    expect(text(adapter.posted.at(-1))).toMatch(/Question 2 of/);
    expect(adapter.privates).toHaveLength(0);
    expect((await metrics.render()).body).toMatch(
      /^stackwise_platform_errors_total\{platform="mock",kind="gone"\} 1$/m,
    );
  });

  it("a stale click posts the pending question again, publicly and once; later ones are told privately", async () => {
    const { dispatcher, adapter } = setup();
    await dispatcher.dispatch(adapter, typed("recommend"));
    const q1 = adapter.posted.at(-1) as MockMessage;
    // The answer is saved but its post never happens (the process died, the platform failed).
    adapter.failNext("post", "bug");
    await dispatcher.dispatch(adapter, click(q1));
    expect(adapter.posted).toHaveLength(1);
    const stale = { ...q1, edits: [] };
    await dispatcher.dispatch(adapter, click(stale));
    expect(adapter.posted).toHaveLength(2);
    const again = adapter.posted.at(-1) as MockMessage;
    expect(text(again)).toMatch(/Question 2 of/);
    expect(again.reply.visibility).toBe("public");
    expect(again.place).toEqual(thread);
    await dispatcher.dispatch(adapter, click(stale));
    expect(adapter.posted).toHaveLength(2);
    expect(text({ reply: adapter.privates.at(-1)?.reply } as MockMessage)).toMatch(/already answered/);
    // And the re-posted question works.
    await dispatcher.dispatch(adapter, click(again));
    expect(text(adapter.posted.at(-1))).toMatch(/Question 3 of/);
  });

  it("a new question retires the previous one's buttons; a side question leaves them", async () => {
    const { dispatcher, adapter } = setup();
    await dispatcher.dispatch(adapter, typed("recommend"));
    const q1 = adapter.posted.at(-1) as MockMessage;
    await dispatcher.dispatch(adapter, typed("what license does jax use?"));
    expect(live(q1)).toBe(true);
    const label = q1.reply.blocks.flatMap((b) => (b.kind === "choices" ? b.choices : []))[0]?.label ?? "";
    await dispatcher.dispatch(adapter, typed(label));
    expect(q1.edits).toEqual([{}]);
    expect(live(adapter.posted.at(-1) as MockMessage)).toBe(true);
  });

  it("replies for the asker alone go private; a private command's answer too", async () => {
    const { dispatcher, adapter } = setup();
    await dispatcher.dispatch(adapter, typed(`why ${"x".repeat(2100)}`));
    expect(adapter.posted).toHaveLength(0);
    expect(toPlainText(adapter.privates[0]?.reply ?? ({} as never))).toMatch(/shorter/);
    await dispatcher.dispatch(adapter, typed("help", { private: true }));
    expect(adapter.posted).toHaveLength(0);
    expect(adapter.privates).toHaveLength(2);
  });

  it("retries a rate-limited post after a backoff, then answers", async () => {
    const { dispatcher, adapter } = setup();
    adapter.failNext("post", { kind: "rate-limited" });
    adapter.failNext("post", { kind: "rate-limited" });
    expect(await dispatcher.dispatch(adapter, typed("jax license"))).toBe("answered");
    expect(adapter.calls).toEqual(["post", "post", "post"]);
    expect(text(adapter.posted[0])).toMatch(/Apache/);
  });

  it("apologises privately when answering fails, records the error, and answers the next event", async () => {
    const { dispatcher, adapter, metrics } = setup();
    adapter.failNext("post", "bug");
    expect(await dispatcher.dispatch(adapter, typed("jax license"))).toBe("failed");
    expect(toPlainText(adapter.privates[0]?.reply ?? ({} as never))).toBe(APOLOGY);
    expect((await metrics.render()).body).toMatch(/^stackwise_errors_total\{kind="turn"\} 1$/m);
    expect(await dispatcher.dispatch(adapter, typed("jax license"))).toBe("answered");
  });

  it("opening a thread the bot may not post in tells the asker how to fix it", async () => {
    const { dispatcher, adapter } = setup();
    adapter.failNext("openThread", { kind: "not-allowed", code: "not_in_channel", hint: "Invite me first." });
    const intro = { user: "U1", says: "asked for a recommendation", text: "" };
    expect(await dispatcher.dispatch(adapter, typed("recommend", { opens: "thread", intro }))).toBe("failed");
    expect(toPlainText(adapter.privates[0]?.reply ?? ({} as never))).toBe("Invite me first.");
  });

  it("only answers a thread reply without a mention where the bot takes part", async () => {
    const { dispatcher, adapter } = setup();
    expect(await dispatcher.dispatch(adapter, typed("jax license", { onlyIfActive: true }))).toBe("ignored");
    await dispatcher.dispatch(adapter, typed("jax license"));
    expect(await dispatcher.dispatch(adapter, typed("and tf?", { onlyIfActive: true }))).toBe("answered");
  });
});
