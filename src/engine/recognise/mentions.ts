import type { Knowledge } from "../knowledge.js";
import { type ContentWord, contentWords } from "../text/analysis.js";
import type { Understanding } from "../understand.js";

/**
 * How a message relates to the dataset beyond its readings: whether it asks for a choice among
 * the technologies, whether it names anything of the dataset at all, and which of its words the
 * source never mentions. `decide` uses these to tell a question about the topic from a message
 * about something else that happens to share a word with it.
 */

export const isNoun = (w: ContentWord) => w.pos === "NOUN" || w.pos === "PROPN" || w.pos === "X";

/**
 * Words that say what kind of figure is wanted ("how many hours", "question count"), not what
 * it is about. Language-level: units and measures of any topic.
 */
export const MEASURES = new Set(
  "hour minut second day week month year time count number amount rate percent percentag figur stat size much many long type kind sort".split(
    " ",
  ),
);

/**
 * The source has this word about these technologies (any, when none is named): in a passage,
 * a fact or a topic, as typed or as the dataset word it is a typo of. A word known only from
 * the dataset's own term lists ("h100") is not: no statement of the source holds it.
 */
export function knows(k: Knowledge, u: Understanding, w: ContentWord, techs: string[]): boolean {
  if (k.passages.knows(w.stem, techs)) return true;
  const token = u.tokens.find((t) => t.raw === w.word);
  return [...(token?.candidates.keys() ?? [])].some((c) => c !== w.stem && k.passages.knows(c, techs));
}

/**
 * True when the message asks for a choice among the technologies in its own words ("which",
 * "best", "recommend", "compare"). "Which optimizer does the example use", "which companies use
 * it": a "which" before any other noun asks about that thing, not for a pick.
 */
export function namesChoice(k: Knowledge, u: Understanding, text: string): boolean {
  if (["best", "recommend", "compare", "description"].some((c) => u.cues.has(c as never))) return true;
  return u.cues.has("which") && !whichAsksOther(k, u, text);
}

/** Words after "which" that still ask for one of the technologies ("which one", "which of them"). */
const CHOICE_AFTER = new Set(["one", "ones", "of", "is", "are", "should", "would", "will", "to"]);

/** "which optimizer", "what hourly price": the word after which/what is a noun of something else. */
export function whichAsksOther(k: Knowledge, u: Understanding, text: string): boolean {
  const i = u.tokens.findIndex((t) => t.raw === "which" || t.raw === "what");
  const next = u.tokens[i + 1];
  if (i < 0 || !next) return false;
  if (k.nounStems.has(next.stem) || CHOICE_AFTER.has(next.raw)) return false;
  if (u.spans.some((s) => s.kind === "tech" && s.start === i + 1)) return false;
  const word = contentWords(text).find((w) => w.word === next.raw);
  return word !== undefined && isNoun(word);
}

/** True when the message names a technology, an aspect, a need, a topic or the category itself. */
export function namesDataset(k: Knowledge, u: Understanding): boolean {
  return (
    u.techs.length > 0 ||
    u.spans.some((s) => s.kind === "aspect" || s.kind === "need" || s.kind === "topic") ||
    u.tokens.some((t) => k.nounStems.has(t.stem))
  );
}

/**
 * How the technologies are named when nothing else of the dataset is (no aspect, need, topic,
 * flow answer or category word): "everyday" when only by one-word everyday aliases ("torch",
 * "flax"), "name" otherwise; "no" when something else of the dataset is named too, or no
 * technology at all.
 */
export function namedInPassing(k: Knowledge, u: Understanding): "no" | "everyday" | "name" {
  const named = u.spans.filter((s) => s.kind === "tech");
  if (named.length === 0) return "no";
  if (
    u.spans.some((s) => s.kind !== "tech" && s.kind !== "cue") ||
    u.tokens.some((t) => k.nounStems.has(t.stem))
  )
    return "no";
  const everyday = named.every(
    (s) => s.end - s.start === 1 && k.everydayAliases.has(u.tokens[s.start]?.raw ?? ""),
  );
  return everyday ? "everyday" : "name";
}

/** A description from which nothing was read: no flow answer, no need. */
export const isEmpty = (r: { answers: Record<string, string>; needs: string[] }) =>
  Object.keys(r.answers).length === 0 && r.needs.length === 0;

/** The message's nouns that the source holds nowhere, about any technology ("seeds", "novel"). */
export function unknownNouns(k: Knowledge, u: Understanding, text: string): string[] {
  return contentWords(text)
    .filter((w) => isNoun(w) && !k.idStems.has(w.stem) && !k.nounStems.has(w.stem) && !MEASURES.has(w.stem))
    .filter((w) => !k.everydayAliases.has(w.word) && !knows(k, u, w, []))
    .map((w) => w.word);
}
