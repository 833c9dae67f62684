import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDecision, submit } from "../../src/platform/decisions/decision.js";
import { cleanTopic } from "../../src/platform/decisions/topic.js";
import { MemoryDecisionStore } from "../../src/runtime/store/decision-memory.js";
import { RedisDecisionStore } from "../../src/runtime/store/decision-redis.js";
import { SqliteDecisionStore } from "../../src/runtime/store/decision-sqlite.js";
import type {
  Decision,
  DecisionStore,
  DecisionStoreOptions,
} from "../../src/runtime/store/decision-types.js";
import { redisReachable } from "../helpers/redis.js";

const REDIS_URL = "redis://127.0.0.1:6379/15";

function decision(channelKey = "x:C1"): Decision {
  return newDecision({
    platform: "x",
    channelKey,
    topic: "Which one for “the” new project 🚀",
    startedBy: "U1",
    starterName: "alice",
    anonymous: false,
    now: Date.now(),
  });
}

interface Backend {
  open(options?: Partial<DecisionStoreOptions>): DecisionStore;
  cleanup(): Promise<void>;
}

function contract(name: string, makeBackend: () => Backend): void {
  describe(`${name} decision store`, () => {
    let backend: Backend;
    let store: DecisionStore;
    beforeAll(() => {
      backend = makeBackend();
      store = backend.open();
    });
    afterAll(async () => {
      await store.close();
      await backend.cleanup();
    });

    it("saves with a version check: a stale save is refused and the first one wins", async () => {
      const d = decision();
      expect(await store.save(d, 0)).toBe(1);
      expect(await store.save(d, 0)).toBeNull();
      const loaded = await store.load(d.id);
      expect(loaded).toEqual({ decision: d, version: 1 });
      const a = submit(d, {
        user: "U2",
        name: "bob",
        answers: { workload: "research" },
        submissionId: "s1",
        now: 1,
      });
      const b = submit(d, { user: "U3", name: "carol", answers: {}, submissionId: "s2", now: 1 });
      const results = await Promise.all([store.save(a.decision, 1), store.save(b.decision, 1)]);
      expect(results.filter((v) => v === 2)).toHaveLength(1);
      expect(results.filter((v) => v === null)).toHaveLength(1);
    });

    it("finds a decision by its thread, and lists closed ones of a channel, newest first", async () => {
      const channel = `x:C-${randomUUID()}`;
      const first = { ...decision(channel), threadKey: `${channel}:t1` };
      const second = { ...decision(channel), threadKey: `${channel}:t2` };
      expect(await store.save(first, 0)).toBe(1);
      expect(await store.save(second, 0)).toBe(1);
      expect(await store.byThread(`${channel}:t2`)).toBe(second.id);
      expect(await store.recent(channel, 10)).toEqual([]);
      await store.save({ ...first, status: "closed", closedAt: 1000, closedBy: "U1" }, 1);
      await store.save({ ...second, status: "closed", closedAt: 2000, closedBy: "U1" }, 1);
      const recent = await store.recent(channel, 10);
      expect(recent.map((r) => r.id)).toEqual([second.id, first.id]);
      expect(recent[0]).toMatchObject({ topic: second.topic, threadKey: `${channel}:t2` });
      expect(await store.recent(channel, 1)).toHaveLength(1);
    });

    it("open decisions expire after the decision TTL; closed records live for the record TTL", async () => {
      const short = backend.open({ ttlSeconds: 1, recordTtlSeconds: 3600 });
      try {
        const open = decision();
        const closed = { ...decision(), status: "closed" as const, closedAt: Date.now() };
        await short.save(open, 0);
        await short.save(closed, 0);
        await new Promise((r) => setTimeout(r, 1300));
        expect(await short.load(open.id)).toBeNull();
        expect((await short.load(closed.id))?.decision.status).toBe("closed");
      } finally {
        await short.close();
      }
    });
  });
}

contract("memory", () => {
  // One memory store is one location: open() hands out the same instance's data only for the
  // lifetimes given, so each open() is a fresh store.
  return {
    open: (o) => new MemoryDecisionStore({ ttlSeconds: 3600, recordTtlSeconds: 3600, ...o }),
    cleanup: async () => {},
  };
});

contract("sqlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-decisions-"));
  return {
    open: (o) =>
      new SqliteDecisionStore({ path: join(dir, "s.db"), ttlSeconds: 3600, recordTtlSeconds: 3600, ...o }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const redisUp = await redisReachable();
if (redisUp) {
  contract("redis", () => {
    const prefix = `stackwise-test:${process.pid}-${randomUUID().slice(0, 8)}:`;
    return {
      open: (o) =>
        new RedisDecisionStore({
          url: REDIS_URL,
          keyPrefix: prefix,
          ttlSeconds: 3600,
          recordTtlSeconds: 3600,
          ...o,
        }),
      cleanup: async () => {
        const client = new Redis(REDIS_URL);
        const keys = await client.keys(`${prefix}*`);
        if (keys.length > 0) await client.del(...keys);
        client.disconnect();
      },
    };
  });
} else if (process.env.CI === "true") {
  describe("redis decision store", () => {
    it("needs a reachable Redis in CI", () => {
      throw new Error("Redis not reachable at 127.0.0.1:6379 and CI=true");
    });
  });
} else {
  describe.skip("redis decision store — SKIPPED: Redis not reachable (with CI=true this fails)", () => {
    it("runs when Redis is reachable", () => {});
  });
}

describe("a damaged decision record", () => {
  it("reads as absent, never as a crash", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stackwise-decisions-bad-"));
    const path = join(dir, "bad.db");
    const store = new SqliteDecisionStore({ path });
    try {
      const d = decision();
      await store.save(d, 0);
      const raw = new Database(path);
      raw.prepare("UPDATE decisions SET json = ? WHERE id = ?").run('{"version":1,"members":"nope"}', d.id);
      raw.close();
      expect(await store.load(d.id)).toBeNull();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a decision's topic as stored", () => {
  it("loses mentions, links, e-mail addresses and token-like strings, and keeps 200 characters at most", () => {
    const raw =
      "<@U123> <!here> @everyone pick for https://example.com/x see <https://a.b|label> mail bob@example.com key xoxb-1234-5678-abcdefgh and sk9f8a7s6d5f4g3h2j1k0l9z8x7c6v";
    const clean = cleanTopic(raw);
    expect(clean).toBe("pick for see mail key and");
    expect(cleanTopic("a".repeat(500))).toHaveLength(200);
    expect(cleanTopic(`${"a".repeat(199)}🚀🚀`).endsWith("…")).toBe(true);
  });

  it("a retried submission counts once; a resubmission replaces the member's answers", () => {
    const d = decision();
    const once = submit(d, {
      user: "U2",
      name: "bob",
      answers: { workload: "research" },
      submissionId: "e1",
      now: 1,
    });
    expect(once.outcome).toBe("added");
    expect(
      submit(once.decision, { user: "U2", name: "bob", answers: {}, submissionId: "e1", now: 2 }).outcome,
    ).toBe("duplicate");
    const again = submit(once.decision, {
      user: "U2",
      name: "bob",
      answers: { workload: "computer-vision" },
      submissionId: "e2",
      now: 3,
    });
    expect(again.outcome).toBe("replaced");
    expect(again.decision.members).toHaveLength(1);
    expect(again.decision.members[0]?.answers).toEqual({ workload: "computer-vision" });
  });
});
