import type { Block } from "../../reply/model.js";
import { aspectLabel, factFor, sentences, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { isNoun, MEASURES } from "../recognise/mentions.js";
import type { Reading } from "../recognise/reading.js";
import { contentWords } from "../text/analysis.js";
import { stem, tokenize } from "../text/normalize.js";

/**
 * "hourly consulting rates for tf and for pytorch?": a comparison table shows each entry's short
 * value ("$150-$12,500+/month"), while the word the question turns on ("consulting") sits in the
 * full statement ("...or consulting firms at $150-$400/hour"). Returns those sentences, one per
 * technology whose value leaves the word out, as a list under the table; null when the question
 * names nothing beyond the aspect itself, or no statement holds it.
 */
export function comparisonDetail(
  k: Knowledge,
  reading: Reading,
  text: string,
  /** "when did pt2 come out? and tf3?": the sentences that hold a year are what was asked. */
  asksDate = false,
): Block | null {
  if (reading.intent !== "compare" || !reading.aspect) return null;
  const aspect = reading.aspect;
  const label = new Set(tokenize(aspectLabel(k, aspect)).map(stem));
  const asked = contentWords(text)
    .filter(
      (w) =>
        isNoun(w) &&
        !k.idStems.has(w.stem) &&
        !label.has(w.stem) &&
        !MEASURES.has(w.stem) &&
        k.passages.specific(w.stem),
    )
    .map((w) => w.stem);
  if (asked.length === 0 && !asksDate) return null;
  const holds = (s: string) =>
    (asksDate && YEAR.test(s)) || tokenize(s).some((word) => asked.includes(stem(word)));
  const items: string[] = [];
  for (const tech of reading.techs) {
    const fact = factFor(k, tech, aspect);
    if (!fact || (fact.value && holds(fact.value))) continue;
    const sentence = sentences(fact.text).find(holds);
    if (sentence) items.push(`${techName(k, tech)}: ${sentence}`);
  }
  return items.length ? { kind: "list", items } : null;
}

/** A year, as the source writes release dates ("2.0 shipped in 2023"). */
const YEAR = /\b(19|20)\d\d\b/;
