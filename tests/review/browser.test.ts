/**
 * /review in a real browser (headless Chromium through playwright-core): votes and questions
 * are seeded over three days through the real Bolt app and the fake Slack Web API, then the
 * page is opened with the token. Locally the test skips (with the reason) when Chromium is
 * missing; under CI=true it fails instead (.ci/run installs Debian's chromium).
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpsHandler, type OpsServer, startOpsServer } from "../../adapters/http/ops.js";
import { loadReview } from "../../src/feedback/review.js";
import { Metrics } from "../../src/runtime/metrics.js";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import type { FakeMessage } from "../fakes/slack-web-api.js";
import { type Harness, startHarness, userTs } from "../slack/harness.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TOKEN = "browser-test-review-token";
const DAY = 24 * 3600 * 1000;
const SCRIPT = "<script>alert(1)</script>";

/**
 * What is seeded, day by day (the last day is today): questions answered (each one voted
 * Helpful by `helpful` people), and questions the bot cannot answer.
 */
const PLAN = [
  { answered: 3, helpful: 2, unanswered: ["how do I bake bread?", "How do I bake bread"] },
  { answered: 1, helpful: 0, unanswered: [] },
  {
    answered: 2,
    helpful: 1,
    unanswered: ["how do i BAKE bread?!", `does jax run ${SCRIPT} on toasters?`, "how do I bake bread?"],
  },
];

const available = existsSync(CHROMIUM);
const suite = available ? describe : describe.skip;
const title = available
  ? "the /review page in headless Chromium"
  : `the /review page in headless Chromium — SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium; with CI=true this fails)`;

if (!available && process.env.CI === "true") {
  describe("the /review page in headless Chromium", () => {
    it("needs Chromium in CI", () => {
      throw new Error(`Chromium not found at ${CHROMIUM} and CI=true (.ci/run installs it)`);
    });
  });
}

suite(title, () => {
  let h: Harness;
  let ops: OpsServer;
  let browser: Browser;
  let base = "";
  const today = Date.now();
  let clock = today;

  beforeAll(async () => {
    const store = new MemoryFeedbackStore();
    h = await startHarness({ feedbackStore: store, now: () => clock });
    for (const [d, day] of PLAN.entries()) {
      clock = today - (PLAN.length - 1 - d) * DAY;
      for (let i = 0; i < day.answered; i++) {
        const answer = await mention(h, "what license does jax use?");
        for (let v = 0; v < day.helpful && i === 0; v++) await vote(h, answer, "Helpful", `U${v + 10}`);
      }
      for (const q of day.unanswered) await mention(h, slackEscape(q));
    }
    const handler = createOpsHandler({
      store: new MemoryStore(),
      metrics: new Metrics(),
      platforms: { expected: [], running: [] },
      review: { token: TOKEN, load: (days) => loadReview(store, days) },
    });
    ops = await startOpsServer(handler, 0, "127.0.0.1");
    base = `http://127.0.0.1:${ops.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
    await ops?.close();
    await h?.stop();
  });

  it("shows the grouped questions with their counts, the script as text, and runs no script", async () => {
    const context = await browser.newContext({ httpCredentials: { username: "editor", password: TOKEN } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const res = await page.goto(`${base}/review?days=7`);
    expect(res?.status()).toBe(200);
    const rows = await page.$$eval("#unanswered tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent ?? "")),
    );
    expect(rows).toEqual([
      ["4", "how do I bake bread?"],
      ["1", `does jax run ${SCRIPT} on toasters?`],
    ]);
    expect(await page.locator("script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    const intents = await page.$$eval("#intents tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    );
    expect(intents).toEqual([["fact", "6", "3", "0", "100%"]]);
    await context.close();
  });

  it("draws each day's bars with heights proportional to the seeded counts", async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
    const page = await context.newPage();
    await page.goto(`${base}/review?days=3`);
    const bars = await page.$$eval("#chart rect.bar", (rects) =>
      rects.map((r) => ({
        series: r.getAttribute("data-series"),
        count: Number(r.getAttribute("data-count")),
        height: r.getBoundingClientRect().height,
      })),
    );
    const expected = PLAN.flatMap((d) => [d.answered, d.helpful, d.unanswered.length]);
    expect(bars.map((b) => b.count)).toEqual(expected);
    expect(bars.map((b) => b.series)).toEqual(PLAN.flatMap(() => ["answers", "helpful", "unanswered"]));
    const tallest = Math.max(...bars.map((b) => b.height));
    const most = Math.max(...expected);
    expect(tallest).toBeGreaterThan(50);
    for (const bar of bars) expect(bar.height).toBeCloseTo((bar.count / most) * tallest, 1);
    await context.close();
  });

  it("refuses a wrong token (401) and shows nothing of the review", async () => {
    for (const options of [
      { extraHTTPHeaders: { authorization: "Bearer wrong-token" } },
      { httpCredentials: { username: "editor", password: "wrong-token" } },
    ]) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const statuses: number[] = [];
      page.on("response", (r) => {
        if (r.url().endsWith("/review")) statuses.push(r.status());
      });
      // Chromium may end a refused basic-auth challenge with a navigation error instead of a page.
      const res = await page.goto(`${base}/review`).catch(() => null);
      expect(res?.status() ?? statuses.at(-1)).toBe(401);
      expect(statuses.every((s) => s === 401)).toBe(true);
      expect(await page.locator("#unanswered").count()).toBe(0);
      expect(await page.content()).not.toContain("bake bread");
      await context.close();
    }
  });
});

/** Slack escapes &, < and > in message text (https://docs.slack.dev/messaging/formatting-message-text). */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** @Stackwise <text> in #C1: returns the bot's answer in the thread. */
async function mention(h: Harness, text: string): Promise<FakeMessage> {
  const ts = userTs();
  const mark = h.api.calls.length;
  await h.send.event({ type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${text}`, ts });
  const call = await h.api.waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts, 5000, mark);
  return h.api.messages.get(`C1/${call.ts}`) as FakeMessage;
}

async function vote(h: Harness, answer: FakeMessage, label: string, user: string): Promise<void> {
  const mark = h.api.calls.length;
  await h.send.click(answer, label, user);
  await h.api.waitForCall("chat.postEphemeral", () => true, 5000, mark);
}
