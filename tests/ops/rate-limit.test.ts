import { describe, expect, it } from "vitest";
import { Conversations, RATE_LIMITED_TEXT, type TurnOutcome } from "../../src/runtime/conversations.js";
import { silentLogger } from "../../src/runtime/logger.js";
import {
  createRateLimiter,
  LocalRateLimiter,
  type RateLimiter,
  TokenBuckets,
} from "../../src/runtime/rate-limit.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import { capturingLogger, knowledgeForTests, request } from "./support.js";

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const text = (o: TurnOutcome) => (o.status === "answered" ? JSON.stringify(o.reply.blocks) : o.status);

describe("token buckets (fake clock)", () => {
  it("allows a burst, warns once, then denies until a token refills", () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ burst: 3, perMinute: 60 }, clock.now);
    expect([1, 2, 3].map(() => buckets.take("u"))).toEqual(["allow", "allow", "allow"]);
    expect(buckets.take("u")).toBe("warn");
    expect(buckets.take("u")).toBe("deny");
    clock.advance(999);
    expect(buckets.take("u")).toBe("deny");
    clock.advance(1);
    expect(buckets.take("u")).toBe("allow");
    // Allowed again, so the next refusal is a new episode: one more polite reply.
    expect(buckets.take("u")).toBe("warn");
    expect(buckets.take("u")).toBe("deny");
  });

  it("refills continuously at perMinute, never above the burst", () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ burst: 5, perMinute: 30 }, clock.now);
    for (let i = 0; i < 5; i++) expect(buckets.take("u")).toBe("allow");
    clock.advance(6000); // 30/min = one every 2 s: three tokens
    expect([1, 2, 3, 4].map(() => buckets.take("u"))).toEqual(["allow", "allow", "allow", "warn"]);
    clock.advance(24 * 3600 * 1000); // a day later: a full bucket of 5, not thousands
    const burst = Array.from({ length: 7 }, () => buckets.take("u"));
    expect(burst).toEqual(["allow", "allow", "allow", "allow", "allow", "warn", "deny"]);
  });

  it("keeps one bucket per user", () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 1 }, fakeClock().now);
    expect(buckets.take("alice")).toBe("allow");
    expect(buckets.take("alice")).toBe("warn");
    expect(buckets.take("bob")).toBe("allow");
  });

  it("a clock going backwards refills nothing", () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ burst: 1, perMinute: 60 }, clock.now);
    expect(buckets.take("u")).toBe("allow");
    clock.advance(-60_000);
    expect(buckets.take("u")).toBe("warn");
  });

  it("forgets buckets that refilled completely, so memory follows busy users only", () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ burst: 2, perMinute: 60 }, clock.now, 100);
    for (let i = 0; i < 100; i++) buckets.take(`user-${i}`);
    expect(buckets.size).toBe(100);
    clock.advance(2000);
    buckets.take("busy"); // the 101st bucket triggers a sweep
    expect(buckets.size).toBe(1);
  });

  it("refuses nonsensical limits", () => {
    expect(() => new TokenBuckets({ burst: 0, perMinute: 10 })).toThrow();
    expect(() => new TokenBuckets({ burst: 5, perMinute: 0 })).toThrow();
  });
});

describe("createRateLimiter", () => {
  it("is in-process for memory and SQLite, shared when the store holds buckets, off at 0 per minute", () => {
    const memory = new MemoryStore();
    expect(createRateLimiter(memory, { burst: 2, perMinute: 10 })?.kind).toBe("local");
    expect(createRateLimiter(memory, { burst: 2, perMinute: 0 })).toBeUndefined();
    const withBuckets = Object.assign(new MemoryStore(), { takeToken: async () => "allow" as const });
    expect(createRateLimiter(withBuckets, { burst: 2, perMinute: 10 })?.kind).toBe("shared");
  });
});

describe("Conversations with a rate limit", () => {
  const make = (limiter: RateLimiter, log = silentLogger) =>
    new Conversations(knowledgeForTests(), new MemoryStore(), log, {
      maxInputChars: 2000,
      rateLimiter: limiter,
    });

  it("answers the burst, says so once politely, then stays silent until the bucket refills", async () => {
    const clock = fakeClock();
    const conversations = make(new LocalRateLimiter({ burst: 2, perMinute: 6 }, clock.now));
    const user = "slack:T1:U1";
    const first = await conversations.turn(request("jax license", user));
    const second = await conversations.turn(request("tf vs jax", user));
    expect(first.status).toBe("answered");
    expect(second.status).toBe("answered");
    const third = await conversations.turn(request("pytorch memory", user));
    expect(third.status).toBe("answered");
    if (third.status !== "answered") throw new Error("unreachable");
    expect(third.reply.intent).toBe("rate-limited");
    expect(text(third)).toContain("You're sending messages faster than I can answer");
    expect(RATE_LIMITED_TEXT).toMatch(/^You're sending messages faster than I can answer/);
    for (let i = 0; i < 5; i++) {
      expect(await conversations.turn(request("and tensorflow?", user))).toEqual({ status: "limited" });
    }
    // Other people, and requests without a user id (the terminal chat), are not affected.
    expect((await conversations.turn(request("jax license", "slack:T1:U2"))).status).toBe("answered");
    expect((await conversations.turn(request("jax license"))).status).toBe("answered");
    clock.advance(10_000); // 6 per minute: one token
    const later = await conversations.turn(request("jax license", user));
    expect(later.status === "answered" && later.reply.intent).not.toBe("rate-limited");
    expect(later.status).toBe("answered");
  });

  it("a redelivered event costs no token (duplicates are filtered first)", async () => {
    const conversations = make(new LocalRateLimiter({ burst: 1, perMinute: 1 }, fakeClock().now));
    const req = request("jax license", "u", { eventId: "Ev1" });
    expect((await conversations.turn(req)).status).toBe("answered");
    expect((await conversations.turn(req)).status).toBe("duplicate");
    expect((await conversations.turn(req)).status).toBe("duplicate");
    const next = await conversations.turn(request("jax license", "u"));
    expect(next.status === "answered" && next.reply.intent).toBe("rate-limited");
  });

  it("open() publishes nothing for a silenced user", async () => {
    const conversations = make(new LocalRateLimiter({ burst: 1, perMinute: 1 }, fakeClock().now));
    const published: string[] = [];
    const publish = async (reply: { intent: string }) => {
      published.push(reply.intent);
      return `thread-${published.length}`;
    };
    const req = { platform: "test", input: request("recommend").input, userId: "u" };
    expect((await conversations.open(req, publish)).status).toBe("answered");
    expect((await conversations.open(req, publish)).status).toBe("answered");
    expect(await conversations.open(req, publish)).toEqual({ status: "limited" });
    expect(published).toEqual(["flow", "rate-limited"]);
  });

  it("fails open when the limiter's store fails, and logs it once", async () => {
    const { log, lines } = capturingLogger("info");
    let broken = true;
    const limiter: RateLimiter = {
      kind: "shared",
      take: async () => {
        if (broken) throw new Error("connection refused");
        return "allow";
      },
    };
    const conversations = make(limiter, log);
    for (let i = 0; i < 4; i++) {
      const outcome = await conversations.turn(request("jax license", "u"));
      expect(outcome.status === "answered" && outcome.reply.intent).not.toBe("rate-limited");
      expect(outcome.status).toBe("answered");
    }
    const warnings = lines().filter((l) => l.msg === "rate limiter unavailable; allowing every turn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe(40);
    broken = false;
    await conversations.turn(request("jax license", "u"));
    await conversations.turn(request("jax license", "u"));
    expect(lines().filter((l) => l.msg === "rate limiter available again")).toHaveLength(1);
  });
});
