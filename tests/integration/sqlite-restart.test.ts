// Issue 5: a real bot process on SQLite survives SIGKILL mid-flow, and two simultaneous clicks on
// one question advance the flow once.
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeSlackWebApi, type RecordedCall } from "../fakes/slack-web-api.js";
import {
  BotProcess,
  callText,
  firstAnswer,
  hasActions,
  killAll,
  questionNumber,
  TEST_TIMEOUT_MS,
  ThreadView,
  tempDir,
  uniqueId,
  visibleText,
} from "./helpers.js";

let api: FakeSlackWebApi;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
  api = await new FakeSlackWebApi().start();
  dir = tempDir("stackwise-it-sqlite-");
});
afterEach(killAll);
afterAll(async () => {
  await killAll();
  await api?.stop();
  dir?.remove();
});

describe("a bot process on SQLite (issue 5)", () => {
  it(
    "continues a guided flow at the right question after SIGKILL and a restart on the same file",
    async () => {
      const options = { api, storeUrl: `sqlite:${join(dir.path, "s.db")}`, stateDir: dir.path };
      const channel = uniqueId("C");
      let bot = await BotProcess.start(options);

      const { thread, question: q1 } = await ThreadView.startRecommendation(api, bot, channel);
      expect(questionNumber(q1)).toBe(1);
      const q2 = await thread.answer(bot, q1);
      expect(questionNumber(q2)).toBe(2);
      const q3 = await thread.answer(bot, q2);
      expect(questionNumber(q3)).toBe(3);

      await bot.kill("SIGKILL");
      expect(bot.alive).toBe(false);
      bot = await BotProcess.start(options);

      // The button on the last question posted before the crash, sent to the new process.
      const q4 = await thread.answer(bot, q3);
      expect(questionNumber(q4)).toBe(4);
      expect(hasActions(q3)).toBe(false);

      const result = await thread.finish([bot], q4);
      expect(questionNumber(result)).toBeNull();
      expect(visibleText(result)).toContain("Sources");
      expect(visibleText(result)).not.toMatch(/something went wrong|already answered/i);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "advances once when two clicks on the same button arrive at once; the other clicker is told",
    async () => {
      const bot = await BotProcess.start({
        api,
        storeUrl: `sqlite:${join(dir.path, "race.db")}`,
        stateDir: dir.path,
      });
      const channel = uniqueId("C");
      const { thread, question: q1 } = await ThreadView.startRecommendation(api, bot, channel);
      const choice = firstAnswer(q1);
      if (!choice) throw new Error("no answer offered");
      const snapshot = structuredClone(q1);

      const mark = api.calls.length;
      const [a, b] = await Promise.all([
        bot.send.click(snapshot, choice.id, "U1"),
        bot.send.click(snapshot, choice.id, "U2"),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const q2 = await thread.nextPost(mark);
      const notice = await api.waitForCall(
        "chat.postEphemeral",
        (c) => c.body.channel === channel,
        10_000,
        mark,
      );
      await api.settle(300);

      expect(questionNumber(q2)).toBe(2);
      expect(thread.postsSince(mark)).toHaveLength(1);
      expect(callText(notice)).toMatch(/already answered/i);
      expect(notice.body.thread_ts).toBe(thread.rootTs);
      expect(["U1", "U2"]).toContain(notice.body.user);

      // Nothing lost: the flow goes on from question 2.
      const q3 = await thread.answer(bot, q2);
      expect(questionNumber(q3)).toBe(3);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "killed between saving an answer and posting the next question: a click on the old question posts it, once (issue 12)",
    async () => {
      const options = { api, storeUrl: `sqlite:${join(dir.path, "kill.db")}`, stateDir: dir.path };
      const channel = uniqueId("C");
      let bot = await BotProcess.start(options);
      const { thread, question: q1 } = await ThreadView.startRecommendation(api, bot, channel);
      const choice = firstAnswer(q1);
      if (!choice) throw new Error("no answer offered");
      const stale = structuredClone(q1);

      // Slack holds the post of question 2: the answer is saved, the post is on its way, and
      // the process dies right then.
      const isQ2 = (c: RecordedCall) =>
        c.method === "chat.postMessage" && c.body.channel === channel && /Question 2 of/.test(callText(c));
      api.hold(isQ2);
      let mark = api.calls.length;
      await bot.send.click(q1, choice.id);
      await api.waitForCall("chat.postMessage", isQ2, 10_000, mark);
      await bot.kill("SIGKILL");
      api.release();
      expect(thread.postsSince(mark).filter((c) => c.ts)).toHaveLength(0);

      bot = await BotProcess.start(options);
      // Clicking the old question again shows question 2 in the thread, with its buttons.
      mark = api.calls.length;
      await bot.send.click(stale, choice.id, "U2");
      const q2 = await thread.nextPost(mark);
      expect(questionNumber(q2)).toBe(2);
      expect(hasActions(q2)).toBe(true);
      // Once: another click on the old question is answered privately.
      mark = api.calls.length;
      await bot.send.click(stale, choice.id, "U3");
      const notice = await api.waitForCall(
        "chat.postEphemeral",
        (c) => c.body.channel === channel,
        10_000,
        mark,
      );
      expect(callText(notice)).toMatch(/already answered/i);
      await api.settle(300);
      expect(thread.postsSince(mark)).toHaveLength(0);
      // And the flow goes on from there.
      const q3 = await thread.answer(bot, q2);
      expect(questionNumber(q3)).toBe(3);
    },
    TEST_TIMEOUT_MS,
  );
});
