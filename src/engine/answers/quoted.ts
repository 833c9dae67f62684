import type { Block } from "../../reply/model.js";
import { replyStrings } from "../../reply/plain-text.js";
import type { TurnResult } from "../act.js";
import { compose } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { type Doc, searchTerms } from "../passages.js";
import { figures, sameValue } from "../text/figures.js";
import type { Understanding } from "../understand.js";
import { passageReply } from "./passage.js";

/** Replies made of the source's statements, to which the statement behind a quoted figure can be added. */
const QUOTABLE = new Set([
  "fact",
  "compare",
  "best-for",
  "passage",
  "profile",
  "multi-part",
  "topic",
  "not-covered",
  "off-topic",
]);
/** Replies that found nothing to say: the statements behind the quoted figures replace them. */
const EMPTY = new Set(["not-covered", "off-topic"]);
/** A figure stated in more documents than this says little about which statement is meant. */
const SPECIFIC = 6;
/** At most this many statements are added, so the reply stays chat-sized. */
const MAX_ADDED = 2;

/**
 * "jax tpu at $8/hr for 100 hrs is $800 right?", "jax does 45k img/s and tf only 5k?": a figure
 * quoted from the source points at the statement that holds it, whatever words came with it.
 * When the reply holds none of a quoted figure, the statement stating it is added, cited.
 * Only figures a handful of statements give count (a bare "2" or "8" points nowhere), and never a
 * count of the team's own ("12 engineers").
 */
export function withQuotedFigures(
  k: Knowledge,
  u: Understanding,
  text: string,
  result: TurnResult,
): TurnResult {
  const reply = result.reply;
  if (!QUOTABLE.has(reply.intent)) return result;
  const own = new Set(u.quantities.filter((q) => q.unit === "people").map((q) => q.value));
  const quoted = figures(text).filter((f) => (f.marked || f.value >= 10) && !own.has(f.value));
  if (quoted.length === 0) return result;
  const said = figures(replyStrings(reply)).map((f) => f.value);
  const question = new Set(searchTerms(text));
  const added = new Map<string, { doc: Doc; raws: string[] }>();
  const found = new Set<number>();
  for (const f of quoted) {
    if (said.some((v) => sameValue(v, f.value))) continue;
    const docs = k.passages.stating(f.value);
    if (docs.length === 0 || docs.length > SPECIFIC) continue;
    const doc = closest(docs, question, u.techs);
    const entry = added.get(doc.id);
    if (entry) {
      if (!entry.raws.includes(f.raw)) entry.raws.push(f.raw);
    } else if (added.size < MAX_ADDED) added.set(doc.id, { doc, raws: [f.raw] });
    else continue;
    found.add(f.value);
  }
  if (added.size === 0) return result;
  // "top says 500+ teams, bottom says 10,000+ leaders, which number": figures the source states
  // are what the question is about, even when none of its words is ours.
  // Two figures at least: one alone ("who won the 2022 world cup") is as likely anything else's.
  if (EMPTY.has(reply.intent) && reply.sources.length === 0) {
    if (found.size < 2) return result;
    const hits = [...added.values()].map(({ doc }) => ({ doc, score: 1, matched: new Set<string>() }));
    return { ...result, reply: passageReply(k, hits, [], u.techs) };
  }
  const blocks: Block[] = [...added.values()].map(({ doc, raws }) => ({
    kind: "paragraph",
    text: `Where the page gives ${raws.join(" and ")}: ${doc.text}`,
  }));
  const at = reply.blocks.findIndex((b) => b.kind === "choices");
  const merged = [...reply.blocks];
  merged.splice(at < 0 ? merged.length : at, 0, ...blocks);
  const cited = compose(
    k,
    reply.intent,
    {},
    [],
    [...reply.sources.map((s) => s.id), ...[...added.values()].flatMap((a) => a.doc.sources)],
  ).sources;
  const technologies = [
    ...new Set([...reply.technologies, ...[...added.values()].flatMap((a) => a.doc.technologies)]),
  ];
  return { ...result, reply: { ...reply, technologies, blocks: merged, sources: cited } };
}

/** The statement about the asked technologies sharing the most words with the question. */
function closest(docs: Doc[], question: Set<string>, techs: string[]): Doc {
  const score = (d: Doc) =>
    (techs.length && d.technologies.some((t) => techs.includes(t)) ? 100 : 0) +
    searchTerms(`${d.text} ${d.terms}`).filter((s) => question.has(s)).length;
  return [...docs].sort((a, b) => score(b) - score(a))[0] as Doc;
}
