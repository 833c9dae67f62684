import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conversations, type TurnOutcome } from "../../src/runtime/conversations.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { createRateLimiter } from "../../src/runtime/rate-limit.js";
import { RedisStore } from "../../src/runtime/store/redis.js";
import { redisReachable } from "../helpers/redis.js";
import { knowledgeForTests, request } from "./support.js";

const REDIS_HOST = "127.0.0.1";
const REDIS_PORT = 6379;
const REDIS_URL = `redis://${REDIS_HOST}:${REDIS_PORT}/15`;

const verdict = (o: TurnOutcome) =>
  o.status === "answered" ? (o.reply.intent === "rate-limited" ? "warn" : "allow") : o.status;

function sharedRateLimitTests(): void {
  describe("rate limit shared over Redis by two bot instances", () => {
    const prefix = `stackwise-test:${process.pid}-${randomUUID().slice(0, 8)}:`;
    const stores: RedisStore[] = [];
    const instance = (limit: { burst: number; perMinute: number }) => {
      const store = new RedisStore({ url: REDIS_URL, keyPrefix: prefix });
      stores.push(store);
      const rateLimiter = createRateLimiter(store, limit);
      expect(rateLimiter?.kind).toBe("shared");
      return new Conversations(knowledgeForTests(), store, silentLogger, {
        maxInputChars: 2000,
        rateLimiter,
      });
    };

    afterAll(async () => {
      for (const s of stores) await s.close();
      const admin = new Redis(REDIS_URL);
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length > 0) await admin.del(...keys);
      await admin.quit();
    });

    it("one bucket per user across instances: the burst, one polite reply, then silence", async () => {
      const a = instance({ burst: 3, perMinute: 1 });
      const b = instance({ burst: 3, perMinute: 1 });
      const user = `slack:T1:${randomUUID()}`;
      const seen: string[] = [];
      for (const conversations of [a, b, a, b, a, b]) {
        seen.push(verdict(await conversations.turn(request("jax license", user))));
      }
      expect(seen).toEqual(["allow", "allow", "allow", "warn", "limited", "limited"]);
      // Someone else still gets answers, from either instance.
      expect(verdict(await b.turn(request("jax license", `slack:T1:${randomUUID()}`)))).toBe("allow");
    });

    it("refills with time (the Redis server's clock) and warns again in a new episode", async () => {
      const a = instance({ burst: 1, perMinute: 600 }); // a token every 100 ms
      const b = instance({ burst: 1, perMinute: 600 });
      const user = `discord:${randomUUID()}`;
      expect(verdict(await a.turn(request("jax license", user)))).toBe("allow");
      expect(verdict(await b.turn(request("jax license", user)))).toBe("warn");
      expect(verdict(await a.turn(request("jax license", user)))).toBe("limited");
      await new Promise((r) => setTimeout(r, 150));
      expect(verdict(await b.turn(request("jax license", user)))).toBe("allow");
      expect(verdict(await a.turn(request("jax license", user)))).toBe("warn");
    });

    it("buckets expire once they would be full again (no key lingers)", async () => {
      const store = new RedisStore({ url: REDIS_URL, keyPrefix: prefix });
      stores.push(store);
      const user = `u-${randomUUID()}`;
      expect(await store.takeToken(user, { burst: 2, perMinute: 60 })).toBe("allow");
      const admin = new Redis(REDIS_URL);
      const ttl = await admin.pttl(`${prefix}rate:${user}`);
      await admin.quit();
      // One token missing at 1/s: full again in 1 s, plus a second of slack.
      expect(ttl).toBeGreaterThan(1000);
      expect(ttl).toBeLessThanOrEqual(2000);
    });

    it("parallel turns from two instances never hand out more than the burst", async () => {
      const a = instance({ burst: 5, perMinute: 1 });
      const b = instance({ burst: 5, perMinute: 1 });
      const user = `slack:T1:${randomUUID()}`;
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).turn(request("jax license", user))),
      );
      const counts = outcomes.map(verdict).reduce<Record<string, number>>((acc, v) => {
        acc[v] = (acc[v] ?? 0) + 1;
        return acc;
      }, {});
      expect(counts).toEqual({ allow: 5, warn: 1, limited: 14 });
    });
  });
}

const redisUp = await redisReachable(REDIS_HOST, REDIS_PORT);
if (redisUp) {
  sharedRateLimitTests();
} else if (process.env.CI === "true") {
  describe("rate limit shared over Redis", () => {
    it("needs a reachable Redis in CI", () => {
      throw new Error(`Redis not reachable at ${REDIS_HOST}:${REDIS_PORT} and CI=true`);
    });
  });
} else {
  describe.skip(`rate limit shared over Redis — SKIPPED: Redis not reachable at ${REDIS_HOST}:${REDIS_PORT} (with CI=true this fails)`, () => {
    it("runs when Redis is reachable", () => {});
  });
}

describe("rate limit when Redis is unreachable", () => {
  let store: RedisStore;
  beforeAll(() => {
    // Port 1: nothing listens, the connection is refused at once.
    store = new RedisStore({ url: "redis://127.0.0.1:1", connectTimeoutMs: 300, maxReconnectDelayMs: 200 });
  });
  afterAll(() => store.close());

  it("fails open: every turn is answered (without state), none is limited", async () => {
    const conversations = new Conversations(knowledgeForTests(), store, silentLogger, {
      maxInputChars: 2000,
      rateLimiter: createRateLimiter(store, { burst: 1, perMinute: 1 }),
    });
    for (let i = 0; i < 3; i++) {
      expect(verdict(await conversations.turn(request("jax license", "u")))).toBe("allow");
    }
  });
});
