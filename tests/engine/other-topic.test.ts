import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/load.js";
import { compile } from "../../src/engine/knowledge.js";
import { ask, Chat, readable } from "./helpers.js";

/** The engine holds no topic knowledge: a dataset on message brokers works the same way. */
const brokers = compile(loadDataset("tests/fixtures/brokers"));

describe("a second dataset on another topic", () => {
  it("answers a fact with its figure and source", () => {
    const reply = ask("what licence is rabbit under?", brokers);
    expect(reply.technologies).toEqual(["rabbitmq"]);
    expect(readable(reply)).toMatch(/mpl 2\.0/);
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it("tolerates typos in its own vocabulary", () => {
    expect(ask("rabitmq latncy", brokers).technologies).toEqual(["rabbitmq"]);
  });

  it("compares with a verdict computed from its numbers", () => {
    const reply = ask("kafka vs rabbit throughput", brokers);
    expect(reply.intent).toBe("compare");
    expect(reply.pick).toBe("kafka");
    expect(ask("which has the lowest latency", brokers).pick).toBe("nats");
  });

  it("answers 'best for' from its own needs", () => {
    expect(ask("best for event sourcing?", brokers).pick).toBe("kafka");
  });

  it("runs its own two-question flow to a result", () => {
    const chat = new Chat(brokers);
    chat.say("recommend");
    expect(chat.last.intent).toBe("flow");
    chat.pick(/queue/i);
    const result = chat.pick(/sub-millisecond/i);
    expect(result.intent).toBe("flow-result");
    expect(result.technologies).toHaveLength(3);
  });

  it("knows nothing of the frameworks dataset", () => {
    const reply = ask("how does jax compare?", brokers);
    expect(reply.technologies).toEqual([]);
    expect(readable(reply)).toMatch(/doesn.t cover jax: it is not in my dataset/i);
  });
});

/** The same behaviours as on the frameworks dataset, with no word of code changed. */
describe("a second dataset: the generic behaviours", () => {
  it("thanks get one line", () => {
    const reply = ask("great, ty", brokers);
    expect(reply.intent).toBe("social");
    expect(reply.technologies).toEqual([]);
  });

  it("an everyday word that is also an alias names nothing when the rest is about something else", () => {
    const pet = ask("my rabbit keeps chewing the carrots, is that healthy?", brokers);
    expect(pet.technologies).toEqual([]);
    expect(readable(pet)).toMatch(/doesn't cover "carrots"/);
    // With a word of the topic beside it, the alias means the technology again.
    expect(ask("rabbit latency?", brokers).technologies).toEqual(["rabbitmq"]);
  });

  it("a comparison or a recommendation of things outside the dataset is declined briefly", () => {
    for (const q of [
      "what's the difference between a latte and a flat white",
      "recommend a good sci-fi novel",
    ]) {
      const reply = ask(q, brokers);
      expect(reply.technologies).toEqual([]);
      expect(reply.intent).toBe("not-covered");
      expect(readable(reply).length).toBeLessThan(300);
    }
  });

  it("two questions in one message get a section each", () => {
    const reply = ask("kafka vs rabbit: throughput and latency?", brokers);
    expect(reply.intent).toBe("multi-part");
    expect(reply.blocks.filter((b) => b.kind === "heading")).toHaveLength(2);
  });

  it("a word the dataset names nowhere is said plainly", () => {
    expect(readable(ask("does kafka run on a raspberry toaster", brokers))).toMatch(
      /doesn't cover .*"toaster"/,
    );
  });

  it("its own units: '5 ms' answers the latency question", () => {
    const chat = new Chat(brokers);
    chat.say("recommend");
    chat.pick(/queue/i);
    chat.say("we can wait 20 ms, no rush");
    expect(chat.last.intent).toBe("flow-result");
    expect(chat.state.lastRecommendation?.answers.latency).toBe("relaxed");
  });

  it("'what would flip this?' answers from its own result", () => {
    const chat = new Chat(brokers);
    chat.say("recommend");
    chat.pick(/queue/i);
    chat.pick(/sub-millisecond/i);
    expect(chat.say("what would flip this?").intent).toBe("what-would-change");
  });
});
