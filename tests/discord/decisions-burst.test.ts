/**
 * Twenty members submitting within the same second on Discord (issue 13): the real discord.js
 * client against the fake (its message-edit bucket enforced), decisions in SQLite and in Redis.
 * All twenty count, the final card is right, and the time from the last submission's answer to
 * the final card is printed (never asserted).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { aggregate } from "../../src/engine/team/aggregate.js";
import { RedisDecisionStore } from "../../src/runtime/store/decision-redis.js";
import { SqliteDecisionStore } from "../../src/runtime/store/decision-sqlite.js";
import type { DecisionStore } from "../../src/runtime/store/decision-types.js";
import { type DispatchedInteraction, type Json, type RestCall, visibleText } from "../fakes/discord-fake.js";
import { type Harness, startHarness, testKnowledge } from "../fakes/discord-harness.js";
import { redisReachable } from "../helpers/redis.js";

let h: Harness | undefined;
let store: DecisionStore | undefined;
afterEach(async () => {
  await h?.close();
  await store?.close();
  h = undefined;
  store = undefined;
});

const seen = (message: Json) => visibleText(message).replace(/\s+/g, " ");
const callbackOf = (i: DispatchedInteraction) => (c: RestCall) =>
  c.method === "POST" && c.path.startsWith(`/interactions/${i.id}/`);

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now();
}

function find(message: Json, test: (c: Json) => boolean): Json {
  for (const row of message.components ?? []) for (const c of row.components ?? []) if (test(c)) return c;
  throw new Error("no such component");
}

const KINDS = [
  { workload: "scientific-autodiff", hardware: "google-tpus" },
  { workload: "research", hardware: "nvidia-gpus" },
  { workload: "production-serving", hardware: "edge-devices" },
  { workload: "research", hardware: "google-tpus" },
];
const FIELD = { workload: 0, hardware: 1 } as Record<string, number>;

async function burst(decisionStore: DecisionStore, label: string): Promise<void> {
  store = decisionStore;
  h = await startHarness({ decisionStore });
  const { fake } = h;
  const start = fake.slashCommand("decide", { topic: `Burst on ${label}` });
  await fake.waitForCall(callbackOf(start));
  const card = fake.responseTo(start);
  const members = Array.from({ length: 20 }, (_, i) => fake.user(100 + i));

  // Each member fills the first part of the form; the twenty Submit clicks then go at once.
  const forms: Json[] = [];
  for (const [i, user] of members.entries()) {
    const open = fake.component(
      fake.message(card.id),
      find(card, (c) => /:answer$/.test(c.custom_id ?? "")).custom_id,
      undefined,
      { user },
    );
    await fake.waitForCall(callbackOf(open));
    let form = fake.responseTo(open);
    for (const [q, value] of Object.entries(KINDS[i % KINDS.length] as Record<string, string>)) {
      const select = find(form, (c) => new RegExp(`:q${FIELD[q]}:`).test(c.custom_id ?? ""));
      const pick = fake.component(form, select.custom_id, [value], { user });
      await fake.waitForCall(callbackOf(pick));
      form = fake.message(form.id);
    }
    forms.push(form);
  }
  const started = Date.now();
  const submits = members.map((user, i) =>
    fake.component(forms[i], find(forms[i], (c) => c.label === "Submit").custom_id, undefined, { user }),
  );
  await Promise.all(submits.map((s) => fake.waitForCall(callbackOf(s))));
  const lastSubmitted = Date.now();
  const shown = await until("the card to count 20", () =>
    seen(fake.message(card.id)).includes("20 members have answered"),
  );

  const k = testKnowledge();
  const result = aggregate(
    k,
    members.map((u, i) => ({ member: u.id, answers: KINDS[i % KINDS.length] as Record<string, string> })),
  );
  const top = result.ranking[0];
  if (!top) throw new Error("no ranking");
  expect(seen(fake.message(card.id))).toMatch(
    new RegExp(
      `1\\\\?\\. ${k.tech.get(top.tech)?.name}: ${top.points} Borda points \\(summed score ${top.score}\\)`,
    ),
  );
  await h.decisions?.settled();
  expect(seen(fake.message(card.id))).toContain("20 members have answered");
  const edits = fake.calls.filter(
    (c) => c.method === "PATCH" && c.path === `/channels/${card.channel_id}/messages/${card.id}`,
  );
  console.info(
    `[issue 13] Discord, ${label}: 20 submissions within ${lastSubmitted - started} ms; last submission answered → final card ${shown - lastSubmitted} ms; card edits ${edits.length}; edits refused by the bucket ${fake.rateLimited}`,
  );
}

// Real Redis: skipped without one locally, required under CI=true (the Redis test then fails loudly).
const redisUp = (await redisReachable()) || process.env.CI === "true";

describe("twenty members within one second on Discord (issue 13)", () => {
  it("with decisions in SQLite: 20 counted, the final card right", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stackwise-discord-burst-"));
    try {
      await burst(new SqliteDecisionStore({ path: join(dir, "d.db") }), "SQLite");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const url = "redis://127.0.0.1:6379/15";
  it.runIf(redisUp)(
    "with decisions in Redis: 20 counted, the final card right",
    async () => {
      const prefix = `stackwise-test:${randomUUID().slice(0, 8)}:`;
      try {
        await burst(new RedisDecisionStore({ url, keyPrefix: prefix }), "Redis");
      } finally {
        const client = new Redis(url);
        const keys = await client.keys(`${prefix}*`);
        if (keys.length > 0) await client.del(...keys);
        client.disconnect();
      }
    },
    60_000,
  );
});
