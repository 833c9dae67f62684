import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConversationState, initialState } from "../../src/engine/state.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import { RedisStore } from "../../src/runtime/store/redis.js";
import { SqliteStore } from "../../src/runtime/store/sqlite.js";
import type { ConversationStore, StoreOptions } from "../../src/runtime/store/types.js";
import { redisReachable } from "../helpers/redis.js";

const REDIS_HOST = "127.0.0.1";
const REDIS_PORT = 6379;
const REDIS_DB = 15;

/** One storage location; every store it opens sees the same data when `shared` is true. */
interface Backend {
  open(options?: Partial<StoreOptions>): ConversationStore;
  cleanup(): Promise<void>;
}

const LONG: StoreOptions = { ttlSeconds: 3600, eventTtlSeconds: 3600 };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A mid-flow conversation, with text that JSON round-trips must keep exactly. */
function sampleState(step = 0): ConversationState {
  return {
    version: 1,
    focus: { technologies: ["pytorch", "jax"], aspect: "memory" },
    flow: {
      answers: {
        scale: "multi-gpu",
        deploy: "mobile",
        note: `step ${step}: “quotes” ünïcödé 日本語 🚀 \u2028 \\ "`,
      },
      history: ["scale", "deploy", "note"],
      current: "team",
    },
    lastRecommendation: {
      ranking: [
        { tech: "pytorch", score: 0.875 },
        { tech: "jax", score: -1e-7 },
        { tech: "tensorflow", score: 12345678901 },
      ],
      answers: { nested: JSON.stringify({ deep: [1, { x: null }] }) },
    },
  };
}

/** The behaviour every ConversationStore must have, run against each implementation. */
function contract(name: string, shared: boolean, makeBackend: () => Promise<Backend>): void {
  describe(`${name} store contract`, () => {
    let backend: Backend;
    let store: ConversationStore;
    const opened: ConversationStore[] = [];
    const open = (options: Partial<StoreOptions> = LONG): ConversationStore => {
      const s = backend.open(options);
      opened.push(s);
      return s;
    };
    const key = () => `thread-${randomUUID()}`;

    beforeAll(async () => {
      backend = await makeBackend();
      store = open();
    });

    afterAll(async () => {
      for (const s of opened) await s.close();
      await backend?.cleanup();
    });

    it("loads a missing conversation as null", async () => {
      expect(await store.load(key())).toBeNull();
    });

    it("saves a new conversation with expected version 0 as version 1, then 2, 3", async () => {
      const k = key();
      expect(await store.save(k, initialState(), 0)).toBe(1);
      expect(await store.save(k, sampleState(1), 1)).toBe(2);
      expect(await store.save(k, sampleState(2), 2)).toBe(3);
      expect(await store.load(k)).toEqual({ state: sampleState(2), version: 3 });
    });

    it("loads what was saved", async () => {
      const k = key();
      await store.save(k, sampleState(), 0);
      expect(await store.load(k)).toEqual({ state: sampleState(), version: 1 });
    });

    it("round-trips state JSON exactly (unicode, nesting, numbers)", async () => {
      const k = key();
      await store.save(k, sampleState(7), 0);
      const loaded = await store.load(k);
      expect(JSON.stringify(loaded?.state)).toBe(JSON.stringify(sampleState(7)));
    });

    it("refuses a save with a stale version and keeps the state", async () => {
      const k = key();
      await store.save(k, sampleState(1), 0);
      await store.save(k, sampleState(2), 1);
      expect(await store.save(k, sampleState(99), 1)).toBeNull();
      expect(await store.save(k, sampleState(99), 0)).toBeNull();
      expect(await store.save(k, sampleState(99), 5)).toBeNull();
      expect(await store.load(k)).toEqual({ state: sampleState(2), version: 2 });
    });

    it("refuses a save with a version > 0 for a conversation that does not exist", async () => {
      const k = key();
      expect(await store.save(k, sampleState(), 1)).toBeNull();
      expect(await store.load(k)).toBeNull();
    });

    it("lets exactly one of two concurrent saves with the same expected version win", async () => {
      for (const expected of [0, 1]) {
        const k = key();
        if (expected === 1) await store.save(k, sampleState(0), 0);
        const results = await Promise.all([
          store.save(k, sampleState(10), expected),
          store.save(k, sampleState(20), expected),
        ]);
        expect(results.filter((r) => r === expected + 1)).toHaveLength(1);
        expect(results.filter((r) => r === null)).toHaveLength(1);
        const winner = results[0] !== null ? 10 : 20;
        expect(await store.load(k)).toEqual({ state: sampleState(winner), version: expected + 1 });
      }
    });

    it("claims an event id once; a duplicate delivery is refused", async () => {
      const id = `event-${randomUUID()}`;
      expect(await store.claimEvent(id)).toBe(true);
      expect(await store.claimEvent(id)).toBe(false);
      expect(await store.claimEvent(`${id}-other`)).toBe(true);
    });

    it("lets exactly one of many concurrent claims of the same event win", async () => {
      const id = `event-${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => store.claimEvent(id)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("expires idle conversations and event ids after the TTL; a save extends the expiry", async () => {
      const short = open({ ttlSeconds: 1, eventTtlSeconds: 1 });
      const idle = key();
      const touched = key();
      const id = `event-${randomUUID()}`;
      expect(await short.save(idle, sampleState(), 0)).toBe(1);
      expect(await short.save(touched, sampleState(1), 0)).toBe(1);
      expect(await short.claimEvent(id)).toBe(true);
      await sleep(700);
      expect(await short.save(touched, sampleState(2), 1)).toBe(2);
      expect(await short.load(idle)).not.toBeNull();
      await sleep(600);
      // idle: 1.3 s since its only save; touched: 0.6 s since its last save.
      expect(await short.load(idle)).toBeNull();
      expect(await short.load(touched)).toEqual({ state: sampleState(2), version: 2 });
      expect(await short.claimEvent(id)).toBe(true);
      // An expired conversation counts as absent: a new one starts at version 0 again.
      expect(await short.save(idle, initialState(), 1)).toBeNull();
      expect(await short.save(idle, initialState(), 0)).toBe(1);
      expect(await short.load(idle)).toEqual({ state: initialState(), version: 1 });
    });

    it("answers ping", async () => {
      expect(await store.ping()).toBe(true);
    });

    it("closes, and closing twice is harmless", async () => {
      const s = backend.open(LONG);
      expect(await s.ping()).toBe(true);
      await s.close();
      await s.close();
      expect(await s.ping()).toBe(false);
    });

    // Memory stores share nothing between instances; the others must behave like one store.
    if (!shared) return;
    describe("across two instances on the same storage", () => {
      it("sees saves and refuses stale ones made through the other instance", async () => {
        const a = store;
        const b = open();
        const k = key();
        expect(await a.save(k, sampleState(1), 0)).toBe(1);
        expect(await b.load(k)).toEqual({ state: sampleState(1), version: 1 });
        expect(await b.save(k, sampleState(2), 1)).toBe(2);
        expect(await a.save(k, sampleState(3), 1)).toBeNull();
        expect(await a.load(k)).toEqual({ state: sampleState(2), version: 2 });
      });

      it("lets exactly one of two concurrent saves win", async () => {
        const a = store;
        const b = open();
        for (let round = 0; round < 20; round++) {
          const k = key();
          const results = await Promise.all([a.save(k, sampleState(1), 0), b.save(k, sampleState(2), 0)]);
          expect(results.filter((r) => r === 1)).toHaveLength(1);
          const next = await Promise.all([a.save(k, sampleState(3), 1), b.save(k, sampleState(4), 1)]);
          expect(next.filter((r) => r === 2)).toHaveLength(1);
          expect(next.filter((r) => r === null)).toHaveLength(1);
        }
      });

      it("claims an event once across instances", async () => {
        const b = open();
        const id = `event-${randomUUID()}`;
        const results = await Promise.all([store.claimEvent(id), b.claimEvent(id)]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await b.claimEvent(id)).toBe(false);
        expect(await store.claimEvent(id)).toBe(false);
      });
    });
  });
}

contract("memory", false, async () => ({
  open: (options) => new MemoryStore({ ...LONG, ...options }),
  cleanup: async () => {},
}));

contract("sqlite", true, async () => {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-store-"));
  const path = join(dir, "nested", "stackwise.db");
  return {
    open: (options) => new SqliteStore({ ...LONG, ...options, path }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const redisUp = await redisReachable(REDIS_HOST, REDIS_PORT);
if (redisUp) {
  contract("redis", true, async () => {
    const prefix = `stackwise-test:${process.pid}-${randomUUID().slice(0, 8)}:`;
    const url = `redis://${REDIS_HOST}:${REDIS_PORT}/${REDIS_DB}`;
    return {
      open: (options) => new RedisStore({ ...LONG, ...options, url, keyPrefix: prefix }),
      cleanup: async () => deleteByPrefix(url, prefix),
    };
  });
} else if (process.env.CI === "true") {
  describe("redis store contract", () => {
    it("needs a reachable Redis in CI", () => {
      throw new Error(`Redis not reachable at ${REDIS_HOST}:${REDIS_PORT} and CI=true`);
    });
  });
} else {
  describe.skip(`redis store contract — SKIPPED: Redis not reachable at ${REDIS_HOST}:${REDIS_PORT} (with CI=true this fails)`, () => {
    it("runs when Redis is reachable", () => {});
  });
}

async function deleteByPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
