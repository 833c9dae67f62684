import { describe, expect, it } from "vitest";
import { Conversations } from "../../src/runtime/conversations.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { instrumentStore, Metrics } from "../../src/runtime/metrics.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";
import { capturingLogger, knowledgeForTests, request } from "./support.js";

/** A memory store that records which keys were saved. */
function recordingStore(): { store: ConversationStore; saved: string[]; loaded: string[] } {
  const inner = new MemoryStore();
  const saved: string[] = [];
  const loaded: string[] = [];
  const store: ConversationStore = {
    kind: "memory",
    load: (key) => {
      loaded.push(key);
      return inner.load(key);
    },
    save: (key, state, version) => {
      saved.push(key);
      return inner.save(key, state, version);
    },
    claimEvent: (id) => inner.claimEvent(id),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { store, saved, loaded };
}

describe("input length limit (MAX_INPUT_CHARS)", () => {
  it("answers over-long input with a clear reply; the engine and the store never see it", async () => {
    const { store, saved, loaded } = recordingStore();
    const conversations = new Conversations(knowledgeForTests(), store, silentLogger, {
      maxInputChars: 2000,
    });
    const long = request(`what license does jax use? ${"x".repeat(2000)}`);
    const outcome = await conversations.turn(long);
    expect(outcome.status).toBe("answered");
    if (outcome.status !== "answered") return;
    expect(outcome.reply.intent).toBe("too-long");
    expect(JSON.stringify(outcome.reply.blocks)).toContain("I read up to 2,000");
    expect(saved).toEqual([]);
    expect(loaded).toEqual([]);

    const atLimit = request(`what license does jax use?${" ".repeat(2000 - 26)}`);
    expect(atLimit.input.kind === "text" && atLimit.input.text.length).toBe(2000);
    const ok = await conversations.turn(atLimit);
    expect(ok.status === "answered" && ok.reply.intent).not.toBe("too-long");
    expect(saved).toEqual([atLimit.key]);
  });
});

describe("turn log line", () => {
  it("one info line per turn with platform, intent and latency, and never the message text", async () => {
    const { log, lines } = capturingLogger("info");
    const conversations = new Conversations(knowledgeForTests(), new MemoryStore(), log, {
      maxInputChars: 2000,
    });
    await conversations.turn(request("what license does jax use? my-private-words"));
    const turns = lines().filter((l) => l.msg === "turn");
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ level: 30, platform: "test", intent: expect.any(String) });
    expect(typeof turns[0]?.latencyMs).toBe("number");
    expect(JSON.stringify(lines())).not.toContain("my-private-words");
  });
});

describe("graceful drain", () => {
  it("waits for turns in flight, bounded by a timeout", async () => {
    const inner = new MemoryStore();
    let delay = 300;
    const slow: ConversationStore = Object.assign(Object.create(inner) as MemoryStore, {
      load: async (key: string) => {
        await new Promise((r) => setTimeout(r, delay));
        return inner.load(key);
      },
    });
    const conversations = new Conversations(knowledgeForTests(), slow, silentLogger, { maxInputChars: 2000 });
    expect(await conversations.drain(10)).toBe(true);

    let finished = false;
    const turn = conversations.turn(request("jax license")).then(() => {
      finished = true;
    });
    expect(conversations.inFlight).toBe(1);
    expect(await conversations.drain(5000)).toBe(true);
    expect(finished).toBe(true);
    expect(conversations.inFlight).toBe(0);
    await turn;

    delay = 2000;
    const stuck = conversations.turn(request("jax license"));
    const started = Date.now();
    expect(await conversations.drain(100)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    await stuck;
  });
});

describe("metrics from turns", () => {
  it("counts turns by platform and intent, their latency, active flows and store operations", async () => {
    const metrics = new Metrics();
    const store = instrumentStore(new MemoryStore(), metrics);
    const conversations = new Conversations(knowledgeForTests(), store, silentLogger, {
      maxInputChars: 2000,
      metrics,
    });
    const thread = request("recommend");
    await conversations.turn(thread);
    let text = (await metrics.render()).body;
    expect(text).toMatch(/^stackwise_turns_total\{platform="test",intent="flow"\} 1$/m);
    expect(text).toMatch(/^stackwise_turn_duration_seconds_count\{platform="test"\} 1$/m);
    expect(text).toMatch(/^stackwise_active_flows 1$/m);
    expect(text).toMatch(
      /^stackwise_store_operation_duration_seconds_count\{store="memory",operation="load",outcome="ok"\} 1$/m,
    );
    expect(text).toMatch(
      /^stackwise_store_operation_duration_seconds_count\{store="memory",operation="save",outcome="ok"\} 1$/m,
    );

    // A second flow elsewhere, then the first one is cancelled.
    await conversations.turn(request("recommend"));
    expect((await metrics.render()).body).toMatch(/^stackwise_active_flows 2$/m);
    await conversations.turn({ ...thread, input: request("cancel").input });
    text = (await metrics.render()).body;
    expect(text).toMatch(/^stackwise_active_flows 1$/m);
    expect(text).toMatch(/^stackwise_turns_total\{platform="test",intent="flow-cancel"\} 1$/m);
  });

  it("counts store errors and turns that threw", async () => {
    const metrics = new Metrics();
    const failing: ConversationStore = {
      kind: "broken",
      load: async () => {
        throw new Error("down");
      },
      save: async () => {
        throw new Error("down");
      },
      claimEvent: async () => {
        throw new Error("down");
      },
      ping: async () => false,
      close: async () => {},
    };
    const conversations = new Conversations(
      knowledgeForTests(),
      instrumentStore(failing, metrics),
      silentLogger,
      { maxInputChars: 2000, metrics },
    );
    const outcome = await conversations.turn(request("jax license", undefined, { eventId: "E1" }));
    expect(outcome.status).toBe("answered");
    const text = (await metrics.render()).body;
    expect(text).toMatch(/^stackwise_errors_total\{kind="store"\} 2$/m);
    expect(text).toMatch(/outcome="error"/);

    // A turn that throws (here: posting the answer failed) reaches the caller, whose error sink
    // counts it once (tests/platform/dispatch.test.ts); it is not counted twice here.
    const posting = conversations.open(
      { platform: "test", input: request("jax license").input },
      async () => {
        throw new Error("chat.postMessage failed");
      },
    );
    await expect(posting).rejects.toThrow("chat.postMessage failed");
    expect((await metrics.render()).body).not.toMatch(/^stackwise_errors_total\{kind="turn"\}/m);
  });
});

describe("a bug inside the engine", () => {
  it("costs one polite answer; the error is logged with its stack and counted", async () => {
    const broken = knowledgeForTests();
    // Our own object, broken on purpose: the dataset's technologies can no longer be read.
    Object.defineProperty(broken, "tech", {
      get() {
        throw new Error("broken on purpose");
      },
    });
    const { log, lines } = capturingLogger();
    const metrics = new Metrics();
    const conversations = new Conversations(broken, new MemoryStore(), log, { maxInputChars: 2000, metrics });
    const outcome = await conversations.turn(request("jax vs pytorch"));
    expect(outcome.status === "answered" && outcome.reply.intent).toBe("error");
    const line = lines().find((l) => l.msg === "the engine failed on a turn");
    expect(JSON.stringify(line?.err)).toContain("broken on purpose");
    expect((await metrics.render()).body).toMatch(/stackwise_errors_total\{[^}]*engine[^}]*\} 1/);
  });
});
