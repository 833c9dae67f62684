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
  loadReview,
  minuteOf as minute,
  questionId,
  type ReviewReport,
  textTable,
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

const percent = (share: number | null) => (share === null ? "-" : `${Math.round(share * 100)}%`);
const reasons = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([why, n]) => (n > 1 ? `${why} ×${n}` : why))
    .join(", ");

/** The report as plain text, three sections. */
export function reviewText(r: ReviewReport): string {
  const answers = r.daily.reduce((n, d) => n + d.answers, 0);
  const asked = r.unanswered.reduce((n, g) => n + g.count, 0);
  const votes = r.intents.reduce((n, s) => n + s.helpful + s.notHelpful, 0);
  const helpful = r.intents.reduce((n, s) => n + s.helpful, 0);
  const lines = [
    `Stackwise review: the last ${r.days} days (${day(r.from)} to ${day(r.to)}, UTC)`,
    `${answers} answers, ${votes} votes (${helpful} helpful), ${asked} questions not answered`,
    "",
    `Questions the bot could not answer or had to clarify: ${asked} asked, ${r.unanswered.length} distinct`,
  ];
  lines.push(
    r.unanswered.length === 0
      ? "  (none)"
      : indent(
          textTable(
            ["count", "question", "why", "last asked"],
            r.unanswered.map((g) => [String(g.count), g.text, reasons(g.reasons), minute(g.lastAt)]),
            60,
          ),
        ),
  );
  lines.push("", `Answers voted "Not helpful": ${r.notHelpful.length}`);
  if (r.notHelpful.length === 0) lines.push("  (none)");
  for (const a of r.notHelpful) {
    const about = [a.intent, a.aspect ? `aspect ${a.aspect}` : "", a.technologies.join(", ")].filter(Boolean);
    lines.push(
      `  ${minute(a.at)}  ${about.join(" · ")}  (${a.notHelpful} not helpful, ${a.helpful} helpful; ${a.platform})`,
    );
    if (a.question) lines.push(`      question: ${a.question}`);
    for (const note of a.notes) lines.push(`      note: ${note}`);
  }
  lines.push("", "Helpful votes per intent");
  lines.push(
    r.intents.length === 0
      ? "  (none)"
      : indent(
          textTable(
            ["intent", "answers", "helpful", "not helpful", "share helpful"],
            r.intents.map((s) => [
              s.intent,
              String(s.answers),
              String(s.helpful),
              String(s.notHelpful),
              percent(s.share),
            ]),
          ),
        ),
  );
  return `${lines.join("\n")}\n`;
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
