import type { Knowledge } from "../knowledge.js";
import type { Hit } from "../passages.js";
import type { ContentWord } from "../text/analysis.js";
import { STOPWORDS } from "../text/stopwords.js";
import type { Understanding } from "../understand.js";

/** Choosing among the source's statements that hold a question's words (the passage search's hits). */

/**
 * A statement inside the section of a topic the message names ("the example code") holds the
 * topic's words too: "which optimizer does the example code use" is answered from the code
 * sample's statements, not from any statement that says "optimizer".
 */
export function withinTopic(k: Knowledge, u: Understanding, hit: Hit): Hit {
  const matched = new Set(hit.matched);
  for (const span of u.spans) {
    if (span.kind !== "topic") continue;
    const sections = k.topic.get(span.id)?.sources ?? [];
    if (!hit.doc.sources.some((src) => sections.includes(src))) continue;
    for (let i = span.start; i < span.end; i++) {
      const t = u.tokens[i];
      if (t) matched.add(t.stem);
    }
  }
  return { ...hit, matched };
}

/** How many of the question's content words the chosen hits hold. */
export function matchedWords(hits: Hit[], content: ContentWord[]): number {
  return content.filter((w) => hits.some((h) => h.matched.has(w.stem))).length;
}

/** The fewest hits (one or two) that cover the most content weight. */
export function chooseHits(
  hits: Hit[],
  content: ContentWord[],
  weight: (w: ContentWord) => number,
  /** Documents near the top of the search: only these may complete the first one. */
  near?: ReadonlySet<string>,
): { hits: Hit[]; covered: number } {
  const cover = (chosen: Hit[]) =>
    sum(content.filter((w) => chosen.some((h) => h.matched.has(w.stem))).map(weight));
  // The statement holding most of the question first (search order breaks ties), then a second
  // only when it holds something the first does not.
  const ranked = hits.map((h, i) => ({ h, i, c: cover([h]) })).sort((a, b) => b.c - a.c || a.i - b.i);
  const first = ranked[0]?.h;
  if (!first) return { hits: [], covered: 0 };
  const one = cover([first]);
  // Two statements holding the question equally both answer it (the code sample's training step
  // and its settings both name the optimizer): show both rather than guess.
  // The pair is shown, but only what the first holds is weighed against the reading.
  const tied = ranked[1] && ranked[1].c === one ? ranked[1].h : undefined;
  if (tied) return { hits: [first, tied], covered: one };
  const second = ranked.slice(1).find((r) => (!near || near.has(r.h.doc.id)) && cover([first, r.h]) > one)?.h;
  if (second) return { hits: [first, second], covered: cover([first, second]) };
  return { hits: [first], covered: one };
}

/**
 * "consulting hourly rates for pytorch vs tensorflow": statements chosen for a question about
 * several technologies answer for each of them. A technology none of the hits is about gets its
 * own closest statement, when one holds every word the chosen hits share with the question.
 */
export function forEachTech(k: Knowledge, u: Understanding, hits: Hit[]): Hit[] {
  const techs = u.techs;
  if (techs.length < 2 || hits.length === 0) return hits;
  // The question's words besides the names ("tensoflow" too, however it was misspelt).
  const named = new Set<number>();
  for (const s of u.spans) if (s.kind === "tech") for (let i = s.start; i < s.end; i++) named.add(i);
  const query = u.tokens.filter((t, i) => !named.has(i) && !STOPWORDS.has(t.raw)).map((t) => t.stem);
  const shared = [...new Set(hits.flatMap((h) => [...h.matched]))].filter((s) => query.includes(s));
  const out = [...hits];
  for (const tech of techs) {
    if (out.some((h) => h.doc.technologies.includes(tech))) continue;
    const own = k.passages
      .find(query, [tech], 10)
      .find((h) => h.doc.technologies.includes(tech) && shared.every((s) => h.matched.has(s)));
    if (own) out.push(own);
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
