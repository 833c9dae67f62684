// Issue 5: two bot processes sharing one Redis behave as one bot: a flow started on one continues on
// the other, a retried event is answered once, and simultaneous clicks advance the flow once.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeSlackWebApi } from "../fakes/slack-web-api.js";
import {
  BotProcess,
  callText,
  deleteSharedKeys,
  firstAnswer,
  killAll,
  questionNumber,
  SHARED_REDIS,
  sharedRedisReachable,
  TEST_TIMEOUT_MS,
  ThreadView,
  tempDir,
  uniqueId,
  visibleText,
} from "./helpers.js";

const redisUp = await sharedRedisReachable();
const where = `${SHARED_REDIS.host}:${SHARED_REDIS.port}`;

if (redisUp) {
  describe("two bot processes sharing one Redis (issue 5)", () => {
    /** In every channel id and event id of this run, so its keys are its own and easy to delete. */
    const run = uniqueId("R");
    const storeUrl = `redis://${where}/${SHARED_REDIS.db}`;
    let api: FakeSlackWebApi;
    let dir: ReturnType<typeof tempDir>;
    let a: BotProcess;
    let b: BotProcess;

    beforeAll(async () => {
      api = await new FakeSlackWebApi().start();
      dir = tempDir("stackwise-it-redis-");
      [a, b] = await Promise.all([
        BotProcess.start({ api, storeUrl, stateDir: dir.path }),
        BotProcess.start({ api, storeUrl, stateDir: dir.path }),
      ]);
    }, TEST_TIMEOUT_MS);
    afterEach(() => {
      // A test that killed an instance leaves the others unusable for the next ones: fail loudly.
      if (!a.alive || !b.alive) throw new Error(`an instance died:\n${a.logs}\n${b.logs}`);
    });
    afterAll(async () => {
      await killAll();
      await api?.stop();
      dir?.remove();
      await deleteSharedKeys(`stackwise:*${run}*`);
    }, TEST_TIMEOUT_MS);

    const channel = () => `C${run}${uniqueId("")}`;
    /** Users of this run: the per-user rate-limit buckets live in the shared Redis too. */
    const user = (name: string) => `U${run}${name}`;

    it("continues a flow started through instance A with a click sent to B, and finishes it across both", async () => {
      const { thread, question: q1 } = await ThreadView.startRecommendation(api, a, channel(), user("F"));
      expect(questionNumber(q1)).toBe(1);
      const q2 = await thread.answer(b, q1);
      expect(questionNumber(q2)).toBe(2);
      const q3 = await thread.answer(a, q2);
      expect(questionNumber(q3)).toBe(3);
      const result = await thread.finish([b, a], q3);
      expect(questionNumber(result)).toBeNull();
      expect(visibleText(result)).toContain("Sources");
      expect(visibleText(result)).not.toMatch(/something went wrong|already answered/i);
    });

    it("answers a retried event (same event_id, x-slack-retry-num: 1) sent to A and to B exactly once", async () => {
      const chan = channel();
      const ts = `1690000000.${String(Date.now() % 1e6).padStart(6, "0")}`;
      const event = {
        type: "app_mention",
        channel: chan,
        user: user("E"),
        text: "<@UBOT> what license does jax use?",
        ts,
      };
      const eventId = `Ev${run}${randomUUID().slice(0, 8)}`;
      const mark = api.calls.length;
      const [first, retry] = await Promise.all([
        a.send.event(event, eventId),
        b.send.event(event, eventId, { retryNum: 1 }),
      ]);
      expect([first.status, retry.status]).toEqual([200, 200]);
      const answer = await api.waitForCall("chat.postMessage", (c) => c.body.channel === chan, 10_000, mark);
      expect(callText(answer)).toContain("Apache");
      await api.settle(500);
      const posts = api.calls.slice(mark).filter((c) => c.body.channel === chan && /^chat\./.test(c.method));
      expect(posts).toHaveLength(1);
    });

    it("advances once when the same click reaches A and B at once; the other clicker is told", async () => {
      const { thread, question: q1 } = await ThreadView.startRecommendation(api, a, channel(), user("A"));
      const choice = firstAnswer(q1);
      if (!choice) throw new Error("no answer offered");
      const snapshot = structuredClone(q1);
      const mark = api.calls.length;
      const [ra, rb] = await Promise.all([
        a.send.click(snapshot, choice.id, user("A")),
        b.send.click(snapshot, choice.id, user("B")),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const q2 = await thread.nextPost(mark);
      const notice = await api.waitForCall(
        "chat.postEphemeral",
        (c) => c.body.channel === thread.channel,
        10_000,
        mark,
      );
      await api.settle(500);
      expect(questionNumber(q2)).toBe(2);
      expect(thread.postsSince(mark)).toHaveLength(1);
      expect(callText(notice)).toMatch(/already answered/i);
      expect(notice.body.thread_ts).toBe(thread.rootTs);
      expect([user("A"), user("B")]).toContain(notice.body.user);
      // Nothing lost: the next question takes its answer, through either instance.
      const q3 = await thread.answer(b, q2);
      expect(questionNumber(q3)).toBe(3);
    });
  });
} else if (process.env.CI === "true") {
  describe("two bot processes sharing one Redis (issue 5)", () => {
    it("needs a reachable Redis in CI", () => {
      throw new Error(`Redis not reachable at ${where} and CI=true`);
    });
  });
} else {
  describe.skip(`two bot processes sharing one Redis — SKIPPED: Redis not reachable at ${where} (with CI=true this fails)`, () => {
    it("runs when Redis is reachable", () => {});
  });
}
