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
    expect(readable(reply)).toMatch(/jax is not in my dataset/);
  });
});
