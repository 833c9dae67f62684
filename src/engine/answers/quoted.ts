import type { Block } from "../../reply/model.js";
import { replyStrings } from "../../reply/plain-text.js";
import type { TurnResult } from "../act.js";
import { listNames, sourcesOf } from "../compose.js";
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
/** Replies that give the source's overall verdict, with no aspect: a statement named outright replaces them. */
const VERDICTS = new Set(["topic", "compare"]);
/** Replies that found nothing to say: the statements behind the quoted figures replace them. */
const EMPTY = new Set(["not-covered", "off-topic"]);
/** A figure stated in more documents than this says little about which statement is meant. */
const SPECIFIC = 6;
/** At most this many statements are added, so the reply stays chat-sized. */
const MAX_ADDED = 2;

/**
 * "jax tpu at $8/hr for 100 hrs is $800 right?", "does tesla use pytorch?": a figure or a name
 * quoted from the source points at the statement that holds it, whatever words came with it.
 * When the reply holds none of it, the statement is added, cited. Only figures and names a
 * handful of statements give count (a bare "2" or "8" points nowhere), and never a count of the
 * team's own ("12 engineers").
 */
export function withQuoted(k: Knowledge, u: Understanding, text: string, result: TurnResult): TurnResult {
  const reply = result.reply;
  if (!QUOTABLE.has(reply.intent)) return result;
  const own = new Set(u.quantities.filter((q) => q.unit === "people").map((q) => q.value));
  const shown = replyStrings(reply);
  const said = figures(shown).map((f) => f.value);
  const quotes: Quote[] = [
    ...figures(text)
      .filter((f) => (f.marked || f.value >= 10) && !own.has(f.value))
      .filter((f) => !said.some((v) => sameValue(v, f.value)))
      .map((f) => ({ key: `figure:${f.value}`, raw: f.raw, docs: k.passages.stating(f.value), name: false })),
    ...u.tokens
      .filter((t) => k.passages.isName(t.stem) && !k.nameStems.has(t.stem) && !k.idStems.has(t.stem))
      .filter((t) => !shown.toLowerCase().includes(t.raw))
      .map((t) => ({ key: `name:${t.stem}`, raw: t.raw, docs: k.passages.using(t.stem), name: true })),
    // A reply saying the source does not cover the question stays one ("pytorch lightning vs keras").
    ...(EMPTY.has(reply.intent) ? [] : componentQuotes(k, u, shown)),
  ];
  if (quotes.length === 0) return result;
  const question = new Set(searchTerms(text));
  const added = new Map<string, { doc: Doc; raws: string[]; names: string[] }>();
  const found = new Set<string>();
  const add = (q: Quote, doc: Doc) => {
    // A name as the statement writes it ("PayPal"), a figure as the question did ("$8").
    const raw = q.name ? (asWritten(doc.text, q.raw) ?? q.raw) : q.raw;
    const entry = added.get(doc.id) ?? (added.size < MAX_ADDED ? { doc, raws: [], names: [] } : null);
    if (!entry) return;
    const list = q.name ? entry.names : entry.raws;
    if (!list.includes(raw)) list.push(raw);
    added.set(doc.id, entry);
    found.add(q.key);
  };
  for (const q of quotes) {
    if (q.docs.length === 0 || (q.docs.length > SPECIFIC && !q.component)) continue;
    // "is anthropic a jax shop or a pytorch shop": a name asked of several, the statement of each.
    const each =
      q.name && u.techs.length >= 2
        ? u.techs.map((t) => q.docs.filter((d) => d.technologies.includes(t)))
        : [];
    const docs = each.filter((list) => list.length > 0).map((list) => closest(list, question, u.techs));
    for (const doc of docs.length >= 2 ? docs : [closest(q.docs, question, u.techs)]) add(q, doc);
  }
  if (added.size === 0) return result;
  // "top says 500+ teams, bottom says 10,000+ leaders, which number": figures the source states
  // are what the question is about, even when none of its words is ours.
  // Two at least: one alone ("who won the 2022 world cup") is as likely anything else's.
  const hits = () => [...added.values()].map(({ doc }) => ({ doc, score: 1, matched: new Set<string>() }));
  if (EMPTY.has(reply.intent) && reply.sources.length === 0) {
    if (found.size < 2) return result;
    return { ...result, reply: passageReply(k, hits(), [], u.techs) };
  }
  // "paypal fraud detection runs on which framework": a bare verdict on the field gives way to the
  // statement naming what was asked about.
  // A part of a technology ("keras") adds its statement; it replaces no verdict.
  const named = quotes.some((q) => q.name && !q.component && found.has(q.key));
  if (named && VERDICTS.has(reply.intent) && reply.aspect === null) {
    const passages = passageReply(k, hits(), [], []);
    // "is anthropic a pytorch shop or a jax shop?": named for each asked, the answer is "both".
    const each = namedForEach(k, u, [...added.values()]);
    if (each) passages.blocks.unshift({ kind: "paragraph", text: each });
    return { ...result, reply: passages };
  }
  const blocks: Block[] = [...added.values()].map(({ doc, raws, names }) => ({
    kind: "paragraph",
    text: `Where the page ${[raws.length ? `gives ${listNames(raws)}` : "", names.length ? `names ${listNames(names)}` : ""].filter(Boolean).join(" and ")}: ${doc.text}`,
  }));
  const at = reply.blocks.findIndex((b) => b.kind === "choices");
  const merged = [...reply.blocks];
  merged.splice(at < 0 ? merged.length : at, 0, ...blocks);
  const cited = sourcesOf(k, [
    ...reply.sources.map((s) => s.id),
    ...[...added.values()].flatMap((a) => a.doc.sources),
  ]);
  const technologies = [
    ...new Set([...reply.technologies, ...[...added.values()].flatMap((a) => a.doc.technologies)]),
  ];
  return { ...result, reply: { ...reply, technologies, blocks: merged, sources: cited } };
}

/**
 * "The page names Anthropic for both PyTorch 2.0 and JAX." when a name asked of two or more
 * technologies stands in a statement about each of them; null otherwise.
 */
function namedForEach(k: Knowledge, u: Understanding, added: { doc: Doc; names: string[] }[]): string | null {
  if (u.techs.length < 2) return null;
  for (const name of new Set(added.flatMap((a) => a.names))) {
    const about = u.techs.filter((t) =>
      added.some((a) => a.names.includes(name) && a.doc.technologies.includes(t)),
    );
    if (about.length < u.techs.length) continue;
    const names = listNames(about.map((t) => k.tech.get(t)?.name ?? t));
    return `The page names ${name} for ${about.length === 2 ? "both " : "all of "}${names}.`;
  }
  return null;
}

/** A figure or a name of the question, and the statements holding it. */
interface Quote {
  key: string;
  raw: string;
  docs: Doc[];
  /** A name ("tesla"), shown as the statement writes it; else a figure, shown as asked. */
  name: boolean;
  /** A part of a technology ("keras"): its closest statement answers, however many name it. */
  component?: boolean;
}

/**
 * "what role does keras 3 play in tf 3.0", "whats tfx": a part of a technology named as the
 * subject, when the reply never names it. Its statements are those holding all its words.
 */
function componentQuotes(k: Knowledge, u: Understanding, shown: string): Quote[] {
  const said = new Set(searchTerms(shown));
  const out: Quote[] = [];
  for (const span of u.spans) {
    if (span.kind !== "tech") continue;
    const raw = u.tokens
      .slice(span.start, span.end)
      .map((t) => t.raw)
      .join(" ");
    const part = k.components.get(raw);
    if (!part || part.stems.every((s) => said.has(s)) || out.some((q) => q.key === `name:${raw}`)) continue;
    const docs = k.passages
      .using(part.stems[0] ?? "")
      .filter((d) => part.stems.every((s) => k.passages.using(s).includes(d)));
    out.push({ key: `name:${raw}`, raw, docs, name: true, component: true });
  }
  return out;
}

/** The statement about the asked technologies sharing the most words with the question. */
function closest(docs: Doc[], question: Set<string>, techs: string[]): Doc {
  const score = (d: Doc) =>
    (techs.length && d.technologies.some((t) => techs.includes(t)) ? 100 : 0) +
    searchTerms(`${d.text} ${d.terms}`).filter((s) => question.has(s)).length;
  return [...docs].sort((a, b) => score(b) - score(a))[0] as Doc;
}

/** The word as the statement writes it ("PayPal" for "paypal"), if it does. */
function asWritten(text: string, word: string): string | undefined {
  const at = text.toLowerCase().indexOf(word.toLowerCase());
  return at < 0 ? undefined : text.slice(at, at + word.length);
}
