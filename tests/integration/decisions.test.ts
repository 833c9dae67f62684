// Issue 13: team decisions in real bot processes (Slack HTTP mode against the fake Web API).
// Twenty members submit within the same second, on SQLite (one process) and on Redis (two
// processes sharing it): all twenty are counted and the final card is right. The time from the
// last submission to the final card is printed, never asserted. A bot killed with SIGKILL
// mid-decision on SQLite carries on with the same decision after a restart.
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { aggregate } from "../../src/engine/team/aggregate.js";
import type { FakeMessage, FakeView } from "../fakes/slack-web-api.js";
import { FakeSlackWebApi } from "../fakes/slack-web-api.js";
import { testKnowledge } from "../helpers/deps.js";
import {
  BotProcess,
  deleteSharedKeys,
  killAll,
  SHARED_REDIS,
  sharedRedisReachable,
  sleep,
  TEST_TIMEOUT_MS,
  tempDir,
  uniqueId,
  visibleText,
} from "./helpers.js";

let api: FakeSlackWebApi;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  api = await new FakeSlackWebApi().start();
  // Slack asks apps to update a message about once a second at most: the fake refuses more.
  api.updatesPerSecond = 1;
  dir = tempDir("stackwise-it-decisions-");
});
afterEach(killAll);
afterAll(async () => {
  await killAll();
  await api?.stop();
  dir?.remove();
});

const seen = (m: FakeMessage) => visibleText(m).replace(/\s+/g, " ");

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
  return Date.now();
}

/** Twenty members' answers: five kinds of member, so the card has picks, agreements and splits. */
function answersOf(i: number): Record<string, string> {
  const kinds: Record<string, string>[] = [
    { workload: "scientific-autodiff", hardware: "google-tpus", scale: "frontier" },
    { workload: "research", hardware: "nvidia-gpus", team: "pytorch-experienced" },
    { workload: "production-serving", deployment: "mobile-edge-iot", support: "enterprise-vendor" },
    { workload: "research", hardware: "google-tpus", budget: "large-training" },
    { hardware: "nvidia-gpus" },
  ];
  return kinds[i % kinds.length] as Record<string, string>;
}

/** Starts a decision in a fresh channel through `bot`; returns the card (as the fake holds it) and the channel. */
async function startDecision(
  bot: BotProcess,
  topic: string,
): Promise<{ card: FakeMessage; channel: string }> {
  const channel = uniqueId("C");
  const mark = api.calls.length;
  await bot.send.command(`decide ${topic}`, { channel, user: "U0" });
  const post = await api.waitForCall("chat.postMessage", (c) => c.body.channel === channel, 10_000, mark);
  return { card: api.messages.get(`${channel}/${post.ts}`) as FakeMessage, channel };
}

/** "Add my answers" clicked by `user` through `bot`: the modal Slack opened for them. */
async function openModal(bot: BotProcess, card: FakeMessage, user: string): Promise<FakeView> {
  const before = api.views.length;
  await bot.send.click(card, "Add my answers", user);
  await until(`a modal for ${user}`, () => api.views.length > before, 10_000);
  return api.views[before] as FakeView;
}

/** Runs the twenty-member burst through `bots` (round robin) and returns the milliseconds to the final card. */
async function burst(bots: BotProcess[], label: string): Promise<void> {
  const { card } = await startDecision(bots[0] as BotProcess, `Burst on ${label}`);
  const users = Array.from({ length: 20 }, (_, i) => `U${String(i + 1).padStart(2, "0")}`);
  const views: FakeView[] = [];
  for (const [i, user] of users.entries())
    views.push(await openModal(bots[i % bots.length] as BotProcess, card, user));
  const rateLimitedBefore = api.rateLimited;

  const started = Date.now();
  const responses = await Promise.all(
    users.map((user, i) =>
      (bots[i % bots.length] as BotProcess).send.submitView(views[i] as FakeView, user, answersOf(i)),
    ),
  );
  const lastSubmitted = Date.now();
  expect(responses.every((r) => r.status === 200)).toBe(true);
  const shown = await until("the card to count 20", () =>
    seen(card).includes("20 members have answered"),
  ).catch((err: unknown) => {
    throw new Error(
      `${String(err)}\ncard: ${seen(card).slice(0, 200)}\nrate limited: ${api.rateLimited}\nlogs: ${bots
        .map((b) => b.logs)
        .join("\n")
        .slice(-3000)}`,
    );
  });

  // The final card is the team's result over the same answers, as aggregate() computes it.
  const k = testKnowledge();
  const result = aggregate(
    k,
    users.map((member, i) => ({ member, answers: answersOf(i) })),
  );
  const top = result.ranking[0];
  if (!top) throw new Error("no ranking");
  expect(seen(card)).toContain(
    `1. ${k.tech.get(top.tech)?.name}: ${top.points} Borda points (summed score ${top.score})`,
  );
  expect(seen(card)).toContain("u20: too few answers");
  // No edit beyond Slack's pace was refused: the edits were coalesced.
  expect(api.rateLimited).toBe(rateLimitedBefore);
  await api.settle(1500);
  expect(seen(card)).toContain("20 members have answered");
  console.info(
    `[issue 13] ${label}: 20 submissions sent within ${lastSubmitted - started} ms; last submission answered → final card ${shown - lastSubmitted} ms; card edits ${card.updates}`,
  );
}

describe("team decisions in real bot processes (issue 13)", () => {
  it(
    "20 members submitting within the same second on SQLite: 20 counted, the final card right",
    async () => {
      const bot = await BotProcess.start({
        api,
        storeUrl: `sqlite:${join(dir.path, "burst.db")}`,
        stateDir: dir.path,
      });
      await burst([bot], "SQLite, one process");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "a decision survives SIGKILL and a restart on the same SQLite file",
    async () => {
      const options = { api, storeUrl: `sqlite:${join(dir.path, "restart.db")}`, stateDir: dir.path };
      let bot = await BotProcess.start(options);
      const { card } = await startDecision(bot, "Survives a restart");
      for (const [i, user] of ["U1", "U2"].entries()) {
        const view = await openModal(bot, card, user);
        await bot.send.submitView(view, user, answersOf(i));
      }
      await until("two answers", () => seen(card).includes("2 members have answered"));
      await bot.kill("SIGKILL");
      bot = await BotProcess.start(options);

      const view = await openModal(bot, card, "U3");
      await bot.send.submitView(view, "U3", answersOf(2));
      await until("three answers", () => seen(card).includes("3 members have answered"));
      await bot.send.click(card, "Close", "U0");
      const record = await api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === card.ts, 10_000);
      expect(visibleText(record.body)).toContain("Took part: u1, u2 and u3 (3).");
    },
    TEST_TIMEOUT_MS,
  );
});

const redisUp = await sharedRedisReachable();
if (redisUp) {
  describe("team decisions on a shared Redis (issue 13)", () => {
    it(
      "20 members submitting within the same second through two processes: 20 counted, the final card right",
      async () => {
        const storeUrl = `redis://${SHARED_REDIS.host}:${SHARED_REDIS.port}/${SHARED_REDIS.db}`;
        const bots = await Promise.all([
          BotProcess.start({ api, storeUrl, stateDir: dir.path }),
          BotProcess.start({ api, storeUrl, stateDir: dir.path }),
        ]);
        // Two processes each keep to about one edit a second: the fake allows the two of them.
        api.updatesPerSecond = 2;
        try {
          await burst(bots, "Redis, two processes");
        } finally {
          api.updatesPerSecond = 1;
          await deleteSharedKeys("stackwise:decision*");
        }
      },
      TEST_TIMEOUT_MS,
    );
  });
} else if (process.env.CI === "true") {
  describe("team decisions on a shared Redis (issue 13)", () => {
    it("needs a reachable Redis in CI", () => {
      throw new Error(`Redis not reachable at ${SHARED_REDIS.host}:${SHARED_REDIS.port} and CI=true`);
    });
  });
} else {
  describe.skip("team decisions on a shared Redis — SKIPPED: Redis not reachable (with CI=true this fails)", () => {
    it("runs when Redis is reachable", () => {});
  });
}
