import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { authorised, escapeHtml, renderReviewPage } from "../../adapters/http/review-page.js";
import { runReview } from "../../adapters/shell/review.js";
import { Feedback } from "../../src/feedback/feedback.js";
import { buildReview, normaliseQuestion } from "../../src/feedback/review.js";
import { notice } from "../../src/reply/notice.js";
import { loadConfig } from "../../src/runtime/config.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { SqliteFeedbackStore } from "../../src/runtime/store/feedback-sqlite.js";
import type { FeedbackStore } from "../../src/runtime/store/feedback-types.js";

const DAY = 24 * 3600 * 1000;
const dir = mkdtempSync(join(tmpdir(), "stackwise-review-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A reply of `intent` about JAX's license (the review reads only its ids and counters). */
const reply = (intent: string) => ({
  ...notice(intent, "…", "public"),
  technologies: ["jax"],
  aspect: "license",
});

/**
 * Seeds a week through the Feedback service (as the dispatcher calls it), day by day: answers,
 * votes, questions it could not answer, a note. Returns the clock's last moment.
 */
async function seedWeek(store: FeedbackStore, end: number): Promise<number> {
  let now = end - 6 * DAY;
  const f = new Feedback({ store, keepText: true, log: silentLogger, now: () => now });
  const plan = [
    { answers: 2, helpful: 1, unanswered: ["how do I bake bread?"] },
    { answers: 0, helpful: 0, unanswered: [] },
    { answers: 4, helpful: 2, unanswered: ["How do I bake bread", "does jax run on a toaster?"] },
    { answers: 1, helpful: 0, unanswered: [] },
    { answers: 3, helpful: 3, unanswered: ["how do i BAKE bread?!"] },
    { answers: 0, helpful: 0, unanswered: [] },
    { answers: 5, helpful: 1, unanswered: ["<script>alert(1)</script> what is jax?"] },
  ];
  for (const [d, day] of plan.entries()) {
    now = end - (6 - d) * DAY;
    for (let i = 0; i < day.answers; i++) {
      const shown = await f.onReply({
        platform: "slack",
        reply: reply("fact"),
        typed: `what license does jax use ${d}-${i}`,
        shown: "public",
      });
      const answerId = shown.feedback?.answerId as string;
      if (i < day.helpful) await f.vote({ answerId, userId: `slack:T1:U${i}`, vote: "helpful" });
      else if (d === 6 && i === day.answers - 1) {
        await f.vote({ answerId, userId: "slack:T1:U9", vote: "not-helpful" });
        await f.note({ answerId, userId: "slack:T1:U9", text: "Wrong, see bob@example.com" });
      }
    }
    for (const q of day.unanswered)
      await f.onReply({ platform: "discord", reply: reply("off-topic"), typed: q, shown: "public" });
  }
  return now;
}

describe("the review", () => {
  it("groups unanswered questions by normalised form, lists Not helpful answers, shares and days", async () => {
    const store = new SqliteFeedbackStore({ path: ":memory:" });
    const end = Date.UTC(2026, 11, 6, 12);
    await seedWeek(store, end);
    const r = buildReview(await store.since(0), 7, end);
    expect(normaliseQuestion("How do I bake bread?!")).toBe("how do i bake bread");
    expect(r.unanswered.map((g) => [g.text, g.count])).toEqual([
      ["how do I bake bread?", 3],
      ["<script>alert(1)</script> what is jax?", 1],
      ["does jax run on a toaster?", 1],
    ]);
    expect(r.notHelpful).toHaveLength(1);
    expect(r.notHelpful[0]).toMatchObject({
      intent: "fact",
      aspect: "license",
      question: "what license does jax use 6-4",
      notes: ["Wrong, see [email]"],
    });
    expect(r.intents).toEqual([{ intent: "fact", answers: 15, helpful: 7, notHelpful: 1, share: 7 / 8 }]);
    expect(r.daily.map((d) => [d.day, d.answers, d.helpful, d.unanswered])).toEqual([
      ["2026-11-30", 2, 1, 1],
      ["2026-12-01", 0, 0, 0],
      ["2026-12-02", 4, 2, 2],
      ["2026-12-03", 1, 0, 0],
      ["2026-12-04", 3, 3, 1],
      ["2026-12-05", 0, 0, 0],
      ["2026-12-06", 5, 1, 1],
    ]);
    // A shorter window leaves the older days out.
    expect(buildReview(await store.since(0), 2, end).unanswered.map((g) => g.count)).toEqual([1]);
    await store.close();
  });

  it("`stackwise review` prints the three sections, and --jsonl the questions as test cases", async () => {
    const path = join(dir, "cli.db");
    const store = new SqliteFeedbackStore({ path });
    await seedWeek(store, Date.now());
    await store.close();
    const config = loadConfig({ STORE_URL: `sqlite:${path}` });
    const run = async (args: string[]) => {
      const out = new PassThrough();
      const err = new PassThrough();
      let text = "";
      out.on("data", (c: Buffer) => {
        text += c.toString("utf8");
      });
      const code = await runReview(args, config, out, err);
      return { code, text };
    };
    const { code, text } = await run(["--days", "7"]);
    expect(code).toBe(0);
    expect(text).toContain("Questions the bot could not answer or had to clarify: 5 asked, 3 distinct");
    expect(text).toMatch(/3 +\| how do I bake bread\? +\| unanswered ×3/);
    expect(text).toContain('Answers voted "Not helpful": 1');
    expect(text).toContain("note: Wrong, see [email]");
    expect(text).toMatch(/fact +\| 15 +\| 7 +\| 1 +\| 88%/);
    const jsonl = await run(["--jsonl"]);
    const cases = jsonl.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(cases).toHaveLength(3);
    expect(cases[0]).toEqual({
      id: expect.stringMatching(/^review-[0-9a-f]{10}$/),
      q: "how do I bake bread?",
    });
    expect(Object.keys(cases[1]).sort()).toEqual(["id", "q"]);
    expect((await run(["--days", "0"])).code).toBe(2);
  });

  it("the page escapes every text from the store, and the token check takes bearer or basic", () => {
    expect(escapeHtml(`<script>alert("1")</script>&'`)).toBe(
      "&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;&amp;&#39;",
    );
    const page = renderReviewPage(
      buildReview(
        {
          answers: [
            {
              id: "a1",
              at: Date.now(),
              platform: "slack",
              intent: "off-topic",
              aspect: null,
              technologies: [],
              pick: null,
              given: [],
              unanswered: "unanswered",
            },
          ],
          votes: [],
          texts: [
            {
              answerId: "a1",
              slot: "question",
              kind: "question",
              text: "<script>alert(1)</script>",
              at: Date.now(),
            },
          ],
        },
        30,
        Date.now(),
      ),
    );
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const token = "a-review-token-of-some-length";
    expect(authorised(`Bearer ${token}`, token)).toBe(true);
    expect(authorised(`Basic ${Buffer.from(`editor:${token}`).toString("base64")}`, token)).toBe(true);
    expect(authorised("Bearer wrong", token)).toBe(false);
    expect(authorised(`Basic ${Buffer.from("editor:wrong").toString("base64")}`, token)).toBe(false);
    expect(authorised(undefined, token)).toBe(false);
  });
});
