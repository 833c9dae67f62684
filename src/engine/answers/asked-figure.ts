import type { Knowledge } from "../knowledge.js";
import { type Hit, searchTerms } from "../passages.js";
import { questionFrame } from "../recognise/frame.js";
import { isNoun, MEASURES } from "../recognise/mentions.js";
import { type ContentWord, contentWords } from "../text/analysis.js";
import type { Understanding } from "../understand.js";
import { chooseHits, withinTopic } from "./hits.js";

/**
 * Questions that ask for a kind of figure (a price, a date): whether a reply gives one, and the
 * statements of the source that state one beside the thing the question names.
 */

/**
 * The kind of figure a question asks for ("a date", "a price") when the answer's
 * text holds none of that kind; null when it holds one or none was asked. A price answered "free"
 * or "no cost" is answered.
 */
export function missingFigure(u: Understanding, replyText: string): AskedFigure | null {
  const asked = askedFigure(u);
  if (asked === DATE_ASKED && !DATE.test(replyText)) return asked;
  if (asked === PRICE_ASKED && !PRICE.test(replyText) && !/\bfree\b|no cost|open[- ]source/.test(replyText))
    return asked;
  return null;
}

/** The kind of figure the question's frame asks for, whatever the reply says. */
export function askedFigure(u: Understanding): AskedFigure | null {
  const frame = questionFrame(u);
  return frame === "when" ? DATE_ASKED : frame === "money" ? PRICE_ASKED : null;
}

/** True when the reply names every model code of the question ("v3", "p3.2xlarge"). */
export function namesAll(text: string, replyText: string): boolean {
  const said = new Set(searchTerms(replyText));
  return contentWords(text)
    .filter((w) => isNoun(w) && /\d/.test(w.word))
    .every((w) => said.has(w.stem));
}

/** A kind of figure a question asks for: how the reply names it, and how a text states one. */
export interface AskedFigure {
  what: string;
  pattern: RegExp;
}
const DATE = /\b(19|20)\d\d\b/;
const PRICE = /\$\s?\d/;
const DATE_ASKED: AskedFigure = { what: "a date", pattern: DATE };
const PRICE_ASKED: AskedFigure = { what: "a price", pattern: PRICE };

/**
 * "what hourly price do they use for a p3.2xlarge", "tpu v3-8 rate in the jax estimate?": the
 * statements that give the asked kind of figure beside the thing the question names (a word that
 * points at a handful of statements). Empty when the question names nothing that specific.
 */
export function statedFigure(
  k: Knowledge,
  u: Understanding,
  text: string,
  figure: AskedFigure,
  techs: string[],
  /** How much a content word says about what is asked (decide.ts's weigher). */
  weight: (w: ContentWord) => number,
): Hit[] {
  const words = contentWords(text).filter((w) => !k.idStems.has(w.stem) && !MEASURES.has(w.stem));
  // "h100 hourly price on aws?": a thing the source never names has no stated price, whatever
  // else the question shares with a statement that gives one.
  if (words.some((w) => isNoun(w) && !k.passages.knows(w.stem) && !k.nounStems.has(w.stem))) return [];
  const named = words.filter((w) => k.passages.knows(w.stem) && k.passages.specific(w.stem));
  if (named.length === 0) return [];
  // Each thing named by a model code or a rare noun ("h100", "p3.2xlarge") must be in the answer.
  const things = words.filter((w) => isNoun(w) && (/\d/.test(w.word) || k.passages.specific(w.stem)));
  const hits = k.passages
    .find(
      words.map((w) => w.stem),
      techs,
      30,
    )
    .filter((h) => figure.pattern.test(h.doc.text) && named.some((w) => h.matched.has(w.stem)))
    .map((h) => withinTopic(k, u, h));
  const chosen = chooseHits(hits, words, weight).hits;
  return things.every((w) => chosen.some((h) => h.matched.has(w.stem))) ? chosen : [];
}
