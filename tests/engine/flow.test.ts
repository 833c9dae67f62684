import { describe, expect, it } from "vitest";
import { Chat, knowledge, readable } from "./helpers.js";

const heading = (chat: Chat) => (chat.last.title ?? "").toLowerCase();
const questionCount = () => knowledge().dataset.flow.questions.length;

/** Answers every remaining question with the first option whose label matches, else skips. */
function finish(chat: Chat, prefer: RegExp[]) {
  for (let i = 0; i < 20 && chat.last.intent === "flow"; i++) {
    const answer = chat.choices().find((c) => c.role === "answer" && prefer.some((p) => p.test(c.label)));
    chat.click(answer ? answer.id : (chat.choices().find((c) => /skip/i.test(c.label))?.id ?? "flow:cancel"));
  }
  return chat.last;
}

describe("the guided recommendation flow", () => {
  it("asks at least six questions from the data, with buttons and navigation", () => {
    expect(questionCount()).toBeGreaterThanOrEqual(6);
    const chat = new Chat();
    const first = chat.say("recommend");
    expect(first.intent).toBe("flow");
    expect(heading(chat)).toMatch(/question 1 of/);
    const labels = chat.choices().map((c) => c.label.toLowerCase());
    expect(labels.some((l) => /skip|not sure/.test(l))).toBe(true);
    expect(labels).toContain("start over");
    expect(labels).toContain("cancel");
    for (const c of chat.choices()) expect(c.id.length).toBeLessThanOrEqual(90);
  });

  it("runs to a ranked result with reasons, trade-offs, sources and the pivot", () => {
    const chat = new Chat();
    chat.say("help me pick a framework");
    expect(chat.last.intent).toBe("flow");
    const result = finish(chat, [
      /research|prototyp/i,
      /nvidia|gpu/i,
      /single|one machine|small/i,
      /python|new/i,
      /cloud|server|api/i,
      /moderate|medium/i,
      /greenfield|new project|none/i,
      /community/i,
      /occasional/i,
    ]);
    expect(result.intent).toBe("flow-result");
    expect(result.pick).toBe("pytorch");
    const text = readable(result);
    expect(text).toMatch(/recommendation: pytorch 2\.0/);
    expect(text).toMatch(/rank/);
    expect(text).toMatch(/why:/);
    expect(text).toMatch(/trade-offs:/);
    expect(text).toMatch(/what would change the pick/);
    expect(result.sources.length).toBeGreaterThan(0);
    expect(result.technologies).toHaveLength(3);
  });

  it("TPU-centric, frontier-scale, functional-programming team gets JAX", () => {
    const chat = new Chat();
    chat.say("recommend");
    const result = finish(chat, [
      /scien|autodiff|research/i,
      /tpu/i,
      /10b|frontier|massive|very large/i,
      /functional|numpy/i,
      /research|no deploy|cloud/i,
      /large|big|50k/i,
      /numpy|greenfield/i,
      /community/i,
      /weekly/i,
    ]);
    expect(result.pick).toBe("jax");
  });

  it("existing TensorFlow estate shipping to mobile with enterprise support gets TensorFlow", () => {
    const chat = new Chat();
    chat.say("recommend");
    const result = finish(chat, [
      /production|serving|vision/i,
      /edge|mobile/i,
      /single|one machine/i,
      /tensorflow/i,
      /mobile|edge|iot/i,
      /moderate/i,
      /tensorflow/i,
      /enterprise|vendor/i,
      /occasional/i,
    ]);
    expect(result.pick).toBe("tensorflow");
  });

  it("back returns to the previous question and forgets its answer", () => {
    const chat = new Chat();
    chat.say("recommend");
    const firstHeading = heading(chat);
    chat.click(chat.choices().find((c) => c.role === "answer")?.id ?? "");
    expect(heading(chat)).toMatch(/question 2/);
    chat.pick(/^back$/i);
    expect(heading(chat)).toBe(firstHeading);
    expect(chat.state.flow?.answers).toEqual({});
  });

  it("typed answers, 'not sure', 'back', 'start over' and 'cancel' work in free text", () => {
    const chat = new Chat();
    chat.say("recommend");
    chat.say("mostly nlp transformer stuff");
    expect(heading(chat)).toMatch(/question 2/);
    chat.say("not sure");
    expect(heading(chat)).toMatch(/question 3/);
    expect(Object.values(chat.state.flow?.answers ?? {})).toContain("skip");
    chat.say("go back");
    expect(heading(chat)).toMatch(/question 2/);
    chat.say("2");
    expect(heading(chat)).toMatch(/question 3/);
    chat.say("start over");
    expect(heading(chat)).toMatch(/question 1/);
    expect(chat.state.flow?.answers).toEqual({});
    const cancelled = chat.say("cancel");
    expect(cancelled.intent).toBe("flow-cancel");
    expect(chat.state.flow).toBeNull();
  });

  it("a typed answer that means nothing re-asks politely; a side question is answered and the flow waits", () => {
    const chat = new Chat();
    chat.say("recommend");
    const again = chat.say("banana");
    expect(readable(again)).toMatch(/didn.t catch/);
    expect(heading(chat)).toMatch(/question 1/);
    const side = chat.say("what license does jax use?");
    expect(readable(side)).toMatch(/apache/);
    expect(readable(side)).toMatch(/still waiting/);
    expect(chat.state.flow?.current).not.toBeNull();
  });

  it("a click on an already answered question is recognised as stale, not applied twice", () => {
    const chat = new Chat();
    chat.say("recommend");
    const firstAnswer = chat.choices().find((c) => c.role === "answer")?.id ?? "";
    chat.click(firstAnswer);
    const before = JSON.stringify(chat.state);
    const again = chat.click(firstAnswer);
    expect(again.intent).toBe("flow-stale");
    expect(readable(again)).toMatch(/already answered/);
    expect(JSON.stringify(chat.state)).toBe(before);
  });

  it("an unknown button id gets a polite reply", () => {
    const chat = new Chat();
    expect(readable(chat.click("nonsense:1"))).toMatch(/no longer valid/);
  });
});

describe("recommendations from a description", () => {
  it("enough constraints: recommends directly (research lab on TPUs at scale -> JAX)", () => {
    const chat = new Chat();
    const reply = chat.say(
      "We're a research lab pushing the limits of model scale on Google Cloud TPUs, what should we use?",
    );
    expect(reply.intent).toBe("recommend");
    expect(reply.pick).toBe("jax");
    expect(readable(reply)).toMatch(/what i read from your description/);
  });

  it("fast iteration and easy debugging for NLP -> PyTorch", () => {
    const reply = new Chat().say(
      "Our team wants fast iteration and easy debugging for NLP experiments, what do you suggest?",
    );
    expect(reply.pick).toBe("pytorch");
  });

  it("a TF shop shipping to phones -> TensorFlow", () => {
    const reply = new Chat().say(
      "we have a big existing tensorflow codebase and deploy to android phones, what should we use?",
    );
    expect(reply.pick).toBe("tensorflow");
  });

  it("one answer that leads somewhere gets a pick now, with Refine to sharpen it", () => {
    const reply = new Chat().say("we run on mixed hardware, what do you recommend?");
    expect(reply.intent).toBe("recommend");
    expect(readable(reply)).toMatch(/from 1 answer/);
    expect(readable(reply)).toMatch(/refine with a few questions/);
  });

  it("a tie starts the flow with what it understood filled in, and keeps it for the result", () => {
    const chat = new Chat();
    const reply = chat.say(
      "We're a quant trading shop starting with deep learning. Which framework should we look at?",
    );
    expect(reply.intent).toBe("flow");
    expect(readable(reply)).toMatch(/already have: quantitative finance/);
    const result = chat.say("just give me your pick");
    expect(result.intent).toBe("flow-result");
    expect(readable(result)).toMatch(/1 need you mentioned/);
  });

  it("'refine' after a direct recommendation continues the flow from the answers already given", () => {
    const chat = new Chat();
    chat.say(
      "We're a research lab pushing the limits of model scale on Google Cloud TPUs, what should we use?",
    );
    const answered = Object.keys(chat.state.flow?.answers ?? {});
    chat.pick(/refine/i);
    expect(chat.last.intent).toBe("flow");
    expect(answered).not.toContain(chat.state.flow?.current);
  });
});
