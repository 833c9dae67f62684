import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import { RedisFeedbackStore } from "../../src/runtime/store/feedback-redis.js";
import { SqliteFeedbackStore } from "../../src/runtime/store/feedback-sqlite.js";
import type {
  AnswerRecord,
  FeedbackStore,
  FeedbackStoreOptions,
} from "../../src/runtime/store/feedback-types.js";
import { redisReachable, scan } from "../helpers/redis.js";

const REDIS_URL = "redis://127.0.0.1:6379/15";
const LONG: Partial<FeedbackStoreOptions> = { feedbackTtlSeconds: 3600, reviewTextTtlSeconds: 3600 };

/** A store backend; `clock` moves the memory and SQLite stores' time (Redis keeps real time). */
interface Backend {
  open(options?: Partial<FeedbackStoreOptions>): FeedbackStore;
  /** Makes `seconds` pass: the clock for memory and SQLite, a real wait for Redis. */
  pass(seconds: number): Promise<void>;
  /** Every TTL Redis holds under the test prefix (Redis only). */
  ttls?(): Promise<number[]>;
  cleanup(): Promise<void>;
}

function answer(over: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    id: randomUUID().slice(0, 12),
    at: Date.now(),
    platform: "slack",
    intent: "fact",
    aspect: "license",
    technologies: ["jax"],
    pick: null,
    given: [],
    ...over,
  };
}

function contract(name: string, make: () => Promise<Backend>): void {
  describe(`${name} feedback store`, () => {
    let backend: Backend;
    let store: FeedbackStore;
    const opened: FeedbackStore[] = [];
    const open = (options: Partial<FeedbackStoreOptions> = LONG) => {
      const s = backend.open(options);
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      backend = await make();
      store = open();
    });
    afterAll(async () => {
      for (const s of opened) await s.close();
      await backend?.cleanup();
    });

    it("keeps an answer record and returns it by id; an unknown id is null", async () => {
      const a = answer({ given: ["workload:research", "scale"], pick: "jax", intent: "flow-result" });
      await store.recordAnswer(a);
      expect(await store.answer(a.id)).toEqual(a);
      expect(await store.answer("nope")).toBeNull();
    });

    it("one vote per person per answer: a later vote replaces the earlier one", async () => {
      const a = answer();
      await store.recordAnswer(a);
      await store.recordVote({ answerId: a.id, voter: "v1", vote: "not-helpful", at: a.at + 1 });
      await store.recordVote({ answerId: a.id, voter: "v1", vote: "helpful", at: a.at + 2 });
      await store.recordVote({ answerId: a.id, voter: "v2", vote: "not-helpful", at: a.at + 3 });
      const votes = await store.votesFor(a.id);
      expect(votes.map((v) => [v.voter, v.vote]).sort()).toEqual([
        ["v1", "helpful"],
        ["v2", "not-helpful"],
      ]);
    });

    it("keeps one text per slot, removes it on request, and lists a window with since()", async () => {
      const a = answer({ at: Date.now() });
      await store.recordAnswer(a);
      await store.recordText({ answerId: a.id, slot: "question", kind: "question", text: "q one", at: a.at });
      await store.recordText({ answerId: a.id, slot: "question", kind: "question", text: "q two", at: a.at });
      await store.recordText({ answerId: a.id, slot: "note:v1", kind: "note", text: "wrong", at: a.at });
      await store.recordVote({ answerId: a.id, voter: "v1", vote: "not-helpful", at: a.at });
      let seen = await store.since(a.at - 1000);
      expect(seen.answers.map((x) => x.id)).toContain(a.id);
      expect(seen.votes.filter((v) => v.answerId === a.id)).toHaveLength(1);
      expect(
        seen.texts
          .filter((t) => t.answerId === a.id)
          .map((t) => t.text)
          .sort(),
      ).toEqual(["q two", "wrong"]);
      await store.removeText(a.id, "question");
      seen = await store.since(a.at - 1000);
      expect(seen.texts.filter((t) => t.answerId === a.id).map((t) => t.text)).toEqual(["wrong"]);
      expect((await store.since(a.at + 60_000)).answers.map((x) => x.id)).not.toContain(a.id);
    });

    it("answers and votes expire after FEEDBACK_TTL, texts after REVIEW_TEXT_TTL (short TTLs)", async () => {
      const short = open({ feedbackTtlSeconds: 2, reviewTextTtlSeconds: 1 });
      const a = answer();
      await short.recordAnswer(a);
      await short.recordVote({ answerId: a.id, voter: "v", vote: "not-helpful", at: a.at });
      await short.recordText({
        answerId: a.id,
        slot: "question",
        kind: "question",
        text: "gone soon",
        at: a.at,
      });
      await backend.pass(1.2);
      const mid = await short.since(a.at - 1000);
      expect(mid.texts.filter((t) => t.answerId === a.id)).toEqual([]);
      expect(await short.answer(a.id)).not.toBeNull();
      await backend.pass(1.2);
      expect(await short.answer(a.id)).toBeNull();
      expect(await short.votesFor(a.id)).toEqual([]);
      const late = await short.since(a.at - 1000);
      expect(late.answers.filter((x) => x.id === a.id)).toEqual([]);
      expect(late.votes.filter((v) => v.answerId === a.id)).toEqual([]);
    });

    it("keeps at most maxRecords answers, dropping the oldest", async () => {
      const capped = open({ ...LONG, maxRecords: 3 });
      const base = Date.now();
      const ids: string[] = [];
      // SQLite trims every 100 writes: write enough for a trim to run after the cap is passed.
      for (let i = 0; i < 105; i++) {
        const a = answer({ at: base + i });
        ids.push(a.id);
        await capped.recordAnswer(a);
      }
      const kept = (await capped.since(0)).answers.map((a) => a.id).filter((id) => ids.includes(id));
      // SQLite trims every 100 writes, so it may hold up to that many more between trims.
      expect(kept.length).toBeLessThanOrEqual(name === "sqlite" ? 3 + 100 : 3);
      expect(kept).toContain(ids.at(-1));
      expect(kept).not.toContain(ids[0]);
    });

    if (name === "redis") {
      it("every key it writes has a TTL no longer than its setting", async () => {
        const ttls = (await backend.ttls?.()) ?? [];
        expect(ttls.length).toBeGreaterThan(0);
        for (const ttl of ttls) {
          expect(ttl).toBeGreaterThan(0);
          expect(ttl).toBeLessThanOrEqual(3600);
        }
      });
    }
  });
}

contract("memory", async () => {
  let offset = 0;
  const now = () => Date.now() + offset;
  return {
    open: (options) => new MemoryFeedbackStore({ ...LONG, ...options }, now),
    pass: async (s) => {
      offset += s * 1000;
    },
    cleanup: async () => {},
  };
});

contract("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-feedback-"));
  let offset = 0;
  const now = () => Date.now() + offset;
  let n = 0;
  return {
    // Each store its own file, so the capped one's trims leave the others alone.
    open: (options) => new SqliteFeedbackStore({ ...LONG, ...options, path: join(dir, `f${n++}.db`), now }),
    pass: async (s) => {
      offset += s * 1000;
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const redisUp = await redisReachable();
if (redisUp) {
  contract("redis", async () => {
    const prefix = `stackwise-test:${process.pid}-${randomUUID().slice(0, 8)}:fb:`;
    let n = 0;
    return {
      open: (options) =>
        new RedisFeedbackStore({ ...LONG, ...options, url: REDIS_URL, keyPrefix: `${prefix}${n++}:` }),
      pass: (s) => new Promise((resolve) => setTimeout(resolve, s * 1000)),
      ttls: async () => {
        const client = new Redis(REDIS_URL);
        try {
          const keys = await scan(client, `${prefix}*`);
          return Promise.all(keys.map((k) => client.ttl(k)));
        } finally {
          client.disconnect();
        }
      },
      cleanup: async () => {
        const client = new Redis(REDIS_URL);
        try {
          const keys = await scan(client, `${prefix}*`);
          if (keys.length > 0) await client.del(...keys);
        } finally {
          client.disconnect();
        }
      },
    };
  });
} else if (process.env.CI === "true") {
  describe("redis feedback store", () => {
    it("needs a reachable Redis in CI", () => {
      throw new Error("Redis not reachable at 127.0.0.1:6379 and CI=true");
    });
  });
} else {
  describe.skip("redis feedback store — SKIPPED: Redis not reachable at 127.0.0.1:6379 (with CI=true this fails)", () => {
    it("runs when Redis is reachable", () => {});
  });
}
