import { describe, expect, it } from "vitest";
import { textInput } from "../../src/engine/input.js";
import { Feedback } from "../../src/feedback/feedback.js";
import { Dispatcher } from "../../src/platform/dispatch.js";
import { FEEDBACK_FAILED, THANKS_HELPFUL } from "../../src/platform/feedback-turns.js";
import { notice } from "../../src/reply/notice.js";
import { toPlainText } from "../../src/reply/plain-text.js";
import { Conversations } from "../../src/runtime/conversations.js";
import { ErrorSink } from "../../src/runtime/errors.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { Metrics } from "../../src/runtime/metrics.js";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import type { FeedbackStore } from "../../src/runtime/store/feedback-types.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import { MockAdapter, type MockPlace } from "../fakes/mock-adapter.js";
import { knowledgeForTests } from "../ops/support.js";

const thread: MockPlace = { channel: "C1", thread: "T1", user: "U1" };
let seq = 0;

/** A feedback store that can be made unreachable: every call then rejects, as Redis's would. */
class FlakyFeedbackStore extends MemoryFeedbackStore implements FeedbackStore {
  down = false;
  override async recordAnswer(...args: Parameters<FeedbackStore["recordAnswer"]>) {
    if (this.down) throw new Error("feedback store unreachable");
    return super.recordAnswer(...args);
  }
  override async answer(id: string) {
    if (this.down) throw new Error("feedback store unreachable");
    return super.answer(id);
  }
}

function setup() {
  const metrics = new Metrics();
  const store = new FlakyFeedbackStore();
  const conversations = new Conversations(knowledgeForTests(), new MemoryStore(), silentLogger, {
    maxInputChars: 2000,
    metrics,
  });
  const dispatcher = new Dispatcher({
    conversations,
    sink: new ErrorSink(silentLogger, metrics),
    log: silentLogger,
    feedback: new Feedback({ store, keepText: true, log: silentLogger, metrics }),
  });
  return { dispatcher, adapter: new MockAdapter(), store, metrics };
}

const ask = (text: string) => ({
  eventId: `ev-${++seq}`,
  userId: "mock:U1",
  place: thread,
  input: textInput(text),
});

describe("feedback through the dispatcher (mock adapter)", () => {
  it("adds vote buttons to an answer outside its blocks, and thanks a vote privately once", async () => {
    const { dispatcher, adapter, store } = setup();
    await dispatcher.dispatch(adapter, ask("what license does jax use?"));
    const answer = adapter.posted.at(-1)?.reply;
    expect(answer?.feedback).toEqual({ answerId: expect.any(String), offer: "vote" });
    expect(answer?.blocks.some((b) => b.kind === "choices")).toBe(false);
    const vote = {
      eventId: "vote-1",
      userId: "mock:U1",
      place: thread,
      action: {
        kind: "vote" as const,
        answerId: answer?.feedback?.answerId as string,
        vote: "helpful" as const,
      },
    };
    expect(await dispatcher.feedback(adapter, vote)).toBe("answered");
    expect(await dispatcher.feedback(adapter, vote)).toBe("duplicate");
    expect(adapter.privates.map((p) => toPlainText(p.reply))).toEqual([THANKS_HELPFUL]);
    expect(adapter.posted).toHaveLength(1);
    expect((await store.since(0)).votes).toHaveLength(1);
  });

  it("keeps the question while someone finds the answer unhelpful, and drops it when the vote turns", async () => {
    const { dispatcher, adapter, store } = setup();
    await dispatcher.dispatch(adapter, ask("what license does jax use? ask ann@corp.example"));
    const answerId = adapter.posted.at(-1)?.reply.feedback?.answerId as string;
    const vote = (n: number, v: "helpful" | "not-helpful") =>
      dispatcher.feedback(adapter, {
        eventId: `turn-${n}`,
        userId: "mock:U1",
        place: thread,
        action: { kind: "vote", answerId, vote: v },
      });
    expect((await store.since(0)).texts).toEqual([]);
    await vote(1, "not-helpful");
    expect((await store.since(0)).texts.map((t) => t.text)).toEqual([
      "what license does jax use? ask [email]",
    ]);
    await vote(2, "helpful");
    expect((await store.since(0)).texts).toEqual([]);
  });

  it("with the feedback store down, answers still go out (without buttons) and a vote gets an apology", async () => {
    const { dispatcher, adapter, store, metrics } = setup();
    await dispatcher.dispatch(adapter, ask("what license does jax use?"));
    const answerId = adapter.posted.at(-1)?.reply.feedback?.answerId as string;
    store.down = true;
    await dispatcher.dispatch(adapter, ask("and tensorflow?"));
    const second = adapter.posted.at(-1)?.reply;
    if (!second) throw new Error("no answer posted");
    expect(adapter.posted).toHaveLength(2);
    expect(toPlainText(second)).toMatch(/TensorFlow/);
    expect(second.feedback).toBeUndefined();
    const result = await dispatcher.feedback(adapter, {
      eventId: "vote-2",
      userId: "mock:U1",
      place: thread,
      action: { kind: "vote", answerId, vote: "not-helpful" },
    });
    expect(result).toBe("answered");
    expect(adapter.privates.map((p) => toPlainText(p.reply))).toEqual([FEEDBACK_FAILED]);
    expect((await metrics.render()).body).toMatch(/stackwise_errors_total\{kind="store"\} [1-9]/);
  });

  it("counts a clarification and an unanswered question in /metrics, and keeps their cleaned text", async () => {
    const metrics = new Metrics();
    const store = new MemoryFeedbackStore();
    const feedback = new Feedback({ store, keepText: true, log: silentLogger, metrics });
    const reply = (intent: string) => notice(intent, "…", "public");
    const shown = await feedback.onReply({
      platform: "slack",
      reply: reply("clarify"),
      typed: "medium-ish",
      shown: "public",
    });
    expect(shown.feedback).toBeUndefined();
    await feedback.onReply({
      platform: "slack",
      reply: reply("not-covered"),
      typed: "jax on mars? 555-123-4567",
      shown: "public",
    });
    const body = (await metrics.render()).body;
    expect(body).toMatch(/stackwise_clarifications_total 1/);
    expect(body).toMatch(/stackwise_unanswered_total 1/);
    const { answers, texts } = await store.since(0);
    expect(answers.map((a) => a.unanswered)).toEqual(["clarify", "unanswered"]);
    expect(texts.map((t) => t.text)).toEqual(["medium-ish", "jax on mars? [number]"]);
  });
});
