/**
 * `stackwise review [--days N] [--jsonl]`: the editors' review in the terminal, read from the
 * feedback store STORE_URL names. --jsonl prints the unanswered questions as test cases in the
 * format of shared/eval/qa-public.jsonl (`{"id","q"}`), without expectations: an editor adds them.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  type Config,
  createFeedbackStore,
  dayOf as day,
  intentsTable,
  loadReview,
  minuteOf as minute,
  questionId,
  type ReviewReport,
  type ReviewTable,
  reviewTotals,
  textTable,
  unansweredTable,
} from "../../src/index.js";

/** --days: whole days, 1 to 365 (default 30). */
export const daysSchema = z.coerce.number().int().min(1).max(365).default(30);

/** Runs the command; returns the exit code (2 for bad arguments, with a message on `err`). */
export async function runReview(
  args: string[],
  config: Config,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let values: { days?: string; jsonl?: boolean };
  try {
    values = parseArgs({
      args,
      options: { days: { type: "string" }, jsonl: { type: "boolean" } },
    }).values;
  } catch (e) {
    err.write(`${(e as Error).message}\nUsage: stackwise review [--days N] [--jsonl]\n`);
    return 2;
  }
  const days = daysSchema.safeParse(values.days);
  if (!days.success) {
    err.write("--days: expected a whole number of days from 1 to 365\n");
    return 2;
  }
  const store = await createFeedbackStore(config.STORE_URL, { stateDir: config.STATE_DIR });
  try {
    const report = await loadReview(store, days.data);
    out.write(values.jsonl ? reviewJsonl(report) : reviewText(report));
  } finally {
    await store.close();
  }
  return 0;
}

/** One test case per unanswered question group: `{"id":"review-…","q":"…"}`, most asked first. */
export function reviewJsonl(report: ReviewReport): string {
  return report.unanswered
    .map((g) => `${JSON.stringify({ id: questionId(g.normalised), q: g.text })}\n`)
    .join("");
}

/** A table indented under its heading, or "(none)". */
function section(t: ReviewTable, maxCell?: number): string {
  if (t.rows.length === 0) return "  (none)";
  return textTable(t.headers, t.rows, maxCell)
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

/** The report as plain text, three sections. */
export function reviewText(r: ReviewReport): string {
  const { answers, votes, helpful, asked } = reviewTotals(r);
  const lines = [
    `Stackwise review: the last ${r.days} days (${day(r.from)} to ${day(r.to)}, UTC)`,
    `${answers} answers, ${votes} votes (${helpful} helpful), ${asked} questions not answered`,
    "",
    `Questions the bot could not answer or had to clarify: ${asked} asked, ${r.unanswered.length} distinct`,
    section(unansweredTable(r), 60),
    "",
    `Answers voted "Not helpful": ${r.notHelpful.length}`,
  ];
  if (r.notHelpful.length === 0) lines.push("  (none)");
  // One entry per answer over a few lines: eight columns would not fit a terminal.
  for (const a of r.notHelpful) {
    const about = [a.intent, a.aspect ? `aspect ${a.aspect}` : "", a.technologies.join(", ")].filter(Boolean);
    lines.push(
      `  ${minute(a.at)}  ${about.join(" · ")}  (${a.notHelpful} not helpful, ${a.helpful} helpful; ${a.platform})`,
    );
    if (a.question) lines.push(`      question: ${a.question}`);
    for (const note of a.notes) lines.push(`      note: ${note}`);
  }
  lines.push("", "Helpful votes per intent", section(intentsTable(r)));
  return `${lines.join("\n")}\n`;
}
