/**
 * The review an editor reads (`stackwise review` and GET /review): what the bot could not answer,
 * what was voted "Not helpful", how helpful each kind of answer is, and a daily count. Pure:
 * built from a FeedbackSnapshot, rendered by the CLI and the ops server.
 */
import { createHash } from "node:crypto";
import type { FeedbackSnapshot, FeedbackStore } from "../runtime/store/feedback-types.js";

/** Questions the bot could not answer (or had to clarify), grouped by their normalised form. */
export interface UnansweredGroup {
  /** Lower case, punctuation gone, spaces collapsed: the grouping key. */
  normalised: string;
  /** The most frequent cleaned text of the group (first seen on a tie). */
  text: string;
  count: number;
  /** Why, with counts: { clarify: 2, unanswered: 1 }. */
  reasons: Record<string, number>;
  /** The latest time asked, ms since the epoch. */
  lastAt: number;
}

/** An answer voted "Not helpful" by at least one person. */
export interface NotHelpfulAnswer {
  answerId: string;
  at: number;
  platform: string;
  intent: string;
  aspect: string | null;
  technologies: string[];
  notHelpful: number;
  helpful: number;
  /** The cleaned question, when it was kept. */
  question: string | null;
  notes: string[];
}

/** Votes on the answers of one intent. */
export interface IntentShare {
  intent: string;
  answers: number;
  helpful: number;
  notHelpful: number;
  /** helpful / (helpful + notHelpful), or null without votes. */
  share: number | null;
}

/** One UTC day of the chart. */
export interface DayCount {
  /** "YYYY-MM-DD" (UTC). */
  day: string;
  answers: number;
  helpful: number;
  unanswered: number;
}

export interface ReviewReport {
  /** The window: ms since the epoch. */
  from: number;
  to: number;
  days: number;
  unanswered: UnansweredGroup[];
  notHelpful: NotHelpfulAnswer[];
  intents: IntentShare[];
  daily: DayCount[];
}

const DAY_MS = 24 * 3600 * 1000;

/** "What's the  install size of JAX?!" → "what s the install size of jax". */
export function normaliseQuestion(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}[\]]+/gu, " ")
    .trim();
}

/** A stable test-case id for a normalised question: "review-" and 10 hex characters. */
export function questionId(normalised: string): string {
  return `review-${createHash("sha256").update(normalised).digest("hex").slice(0, 10)}`;
}

/**
 * The review of the last `days` UTC days up to `now` (ms; today counts as one): groups sorted
 * by count then recency; not-helpful answers newest first; intents by number of answers; one
 * entry per day of the window, oldest first, empty days included.
 */
export function buildReview(snapshot: FeedbackSnapshot, days: number, now: number): ReviewReport {
  const from = windowStart(days, now);
  const answers = snapshot.answers.filter((a) => a.at >= from && a.at <= now);
  const byId = new Map(snapshot.answers.map((a) => [a.id, a]));
  const votes = snapshot.votes.filter((v) => v.at >= from && byId.has(v.answerId));
  const texts = snapshot.texts.filter((t) => t.at >= from && byId.has(t.answerId));

  type Group = UnansweredGroup & { texts: Map<string, number> };
  const groups = new Map<string, Group>();
  for (const t of texts) {
    const answer = byId.get(t.answerId);
    if (t.kind !== "question" || !answer?.unanswered) continue;
    const key = normaliseQuestion(t.text);
    if (!key) continue;
    const g: Group = groups.get(key) ?? {
      normalised: key,
      text: t.text,
      count: 0,
      reasons: {},
      lastAt: 0,
      texts: new Map(),
    };
    g.count += 1;
    g.reasons[answer.unanswered] = (g.reasons[answer.unanswered] ?? 0) + 1;
    g.lastAt = Math.max(g.lastAt, answer.at);
    g.texts.set(t.text, (g.texts.get(t.text) ?? 0) + 1);
    groups.set(key, g);
  }
  const unanswered = [...groups.values()]
    .map(({ texts: seen, ...g }) => ({ ...g, text: mostFrequent(seen) ?? g.text }))
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);

  const tally = new Map<string, { helpful: number; notHelpful: number }>();
  for (const v of votes) {
    const t = tally.get(v.answerId) ?? { helpful: 0, notHelpful: 0 };
    if (v.vote === "helpful") t.helpful += 1;
    else t.notHelpful += 1;
    tally.set(v.answerId, t);
  }
  const notHelpful: NotHelpfulAnswer[] = [];
  for (const [answerId, t] of tally) {
    const a = byId.get(answerId);
    if (!a || t.notHelpful === 0) continue;
    const mine = texts.filter((x) => x.answerId === answerId);
    notHelpful.push({
      answerId,
      at: a.at,
      platform: a.platform,
      intent: a.intent,
      aspect: a.aspect,
      technologies: a.technologies,
      notHelpful: t.notHelpful,
      helpful: t.helpful,
      question: mine.find((x) => x.kind === "question")?.text ?? null,
      notes: mine.filter((x) => x.kind === "note").map((x) => x.text),
    });
  }
  notHelpful.sort((a, b) => b.at - a.at);

  const intents = new Map<string, IntentShare>();
  for (const a of answers) {
    if (a.unanswered) continue;
    const s = intents.get(a.intent) ?? {
      intent: a.intent,
      answers: 0,
      helpful: 0,
      notHelpful: 0,
      share: null,
    };
    s.answers += 1;
    const t = tally.get(a.id);
    s.helpful += t?.helpful ?? 0;
    s.notHelpful += t?.notHelpful ?? 0;
    intents.set(a.intent, s);
  }
  const shares = [...intents.values()]
    .map((s) => ({
      ...s,
      share: s.helpful + s.notHelpful > 0 ? s.helpful / (s.helpful + s.notHelpful) : null,
    }))
    .sort((a, b) => b.answers - a.answers || a.intent.localeCompare(b.intent));

  const daily: DayCount[] = [];
  const index = new Map<string, DayCount>();
  for (let i = 0; i < days; i++) {
    const d = { day: dayOf(from + i * DAY_MS), answers: 0, helpful: 0, unanswered: 0 };
    index.set(d.day, d);
    daily.push(d);
  }
  for (const a of answers) {
    const d = index.get(dayOf(a.at));
    if (!d) continue;
    if (a.unanswered) d.unanswered += 1;
    else d.answers += 1;
  }
  for (const v of votes) {
    const d = index.get(dayOf(v.at));
    if (d && v.vote === "helpful") d.helpful += 1;
  }
  return { from, to: now, days, unanswered, notHelpful, intents: shares, daily };
}

/** A section of the review as a plain table, shown alike by the CLI and the page. */
export interface ReviewTable {
  headers: string[];
  rows: string[][];
  /** Columns holding numbers (right-aligned on the page). */
  numeric: number[];
}

/** "unanswered ×3, clarify" */
const reasonsText = (reasons: Record<string, number>) =>
  Object.entries(reasons)
    .map(([why, n]) => (n > 1 ? `${why} ×${n}` : why))
    .join(", ");

/** The unanswered questions: count, question, why, last asked. */
export function unansweredTable(r: ReviewReport): ReviewTable {
  return {
    headers: ["count", "question", "why", "last asked"],
    rows: r.unanswered.map((g) => [String(g.count), g.text, reasonsText(g.reasons), minuteOf(g.lastAt)]),
    numeric: [0],
  };
}

/** Helpful votes per intent: answers, helpful, not helpful, the share helpful. */
export function intentsTable(r: ReviewReport): ReviewTable {
  return {
    headers: ["intent", "answers", "helpful", "not helpful", "share helpful"],
    rows: r.intents.map((s) => [
      s.intent,
      String(s.answers),
      String(s.helpful),
      String(s.notHelpful),
      s.share === null ? "-" : `${Math.round(s.share * 100)}%`,
    ]),
    numeric: [1, 2, 3, 4],
  };
}

/** The totals of the window: answers, votes, helpful votes, questions not answered. */
export function reviewTotals(r: ReviewReport): {
  answers: number;
  votes: number;
  helpful: number;
  asked: number;
} {
  return {
    answers: r.daily.reduce((n, d) => n + d.answers, 0),
    votes: r.intents.reduce((n, s) => n + s.helpful + s.notHelpful, 0),
    helpful: r.intents.reduce((n, s) => n + s.helpful, 0),
    asked: r.unanswered.reduce((n, g) => n + g.count, 0),
  };
}

/** Where a window of `days` whole UTC days ending today starts (ms): today and the days-1 before it. */
export function windowStart(days: number, now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
}

/** The review of the last `days` days, read from `store` (rejects when the store does). */
export async function loadReview(
  store: FeedbackStore,
  days: number,
  now = Date.now(),
): Promise<ReviewReport> {
  return buildReview(await store.since(windowStart(days, now)), days, now);
}

/** "YYYY-MM-DD" of a moment, in UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:MM" of a moment, in UTC. */
export function minuteOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const [text, c] of counts) if (c > n) [best, n] = [text, c];
  return best;
}
