import type { Knowledge, SenseStems } from "../knowledge.js";
import { isEnglishWord } from "../text/analysis.js";
import { STOPWORDS } from "../text/stopwords.js";
import type { Understanding } from "../understand.js";

/** A message read as using one of the dataset's words in another sense (`senses.json`). */
export interface OtherSenseReading {
  /** The sense's id and label ("flax-plant", "flax the plant and its seeds"). */
  id: string;
  label: string;
  /** The word that carries the sense, as typed ("flax"). */
  term: string;
  /** The message's words that belong to that sense ("seeds", "healthy"), as typed. */
  evidence: string[];
  /** How many separate signs of the field the message holds besides them. */
  field: number;
}

/**
 * The other sense a message uses one of the dataset's words in, or null when the field's sense
 * holds. A simplified Lesk: each sense of `senses.json` is a gloss (its word list); the sense wins
 * when the message holds more of its words than signs of the field. A sign of the field is a
 * phrase the dataset matched (a technology, an aspect, a need, a flow option, a topic), a word of
 * the field or the category, or a counted quantity, that is not itself the term or a word of the
 * sense. So "are flax seeds good for you" (seeds, against nothing) is the plant, while "flax vs
 * haiku for a transformer model" (no word of the plant) and "does flax need seeds for prng keys"
 * (seeds, against "prng keys") stay the library: a tie keeps the field's sense.
 */
export function otherSenseOf(k: Knowledge, u: Understanding): OtherSenseReading | null {
  let best: OtherSenseReading | null = null;
  const held = new Set<SenseStems>();
  for (const t of u.tokens)
    for (const sense of k.sensesByTerm.get(t.stem) ?? k.sensesByTerm.get(t.raw) ?? []) held.add(sense);
  for (const sense of held) {
    const termAt = u.tokens.flatMap((t, i) => (isTerm(sense, t) ? [i] : []));
    const [first] = termAt;
    if (first === undefined) continue;
    const own = new Set(termAt);
    const evidence = new Map<string, string>();
    for (const [i, t] of u.tokens.entries()) {
      if (own.has(i) || STOPWORDS.has(t.raw) || !sense.words.has(t.stem)) continue;
      own.add(i);
      if (!evidence.has(t.stem)) evidence.set(t.stem, t.raw);
    }
    if (evidence.size === 0) continue;
    const field = fieldSigns(k, u, own);
    if (evidence.size <= field) continue;
    if (best && evidence.size - field <= best.evidence.length - best.field) continue;
    best = {
      id: sense.id,
      label: sense.label,
      term: u.tokens[first]?.raw ?? "",
      evidence: [...evidence.values()],
      field,
    };
  }
  return best;
}

function isTerm(sense: SenseStems, t: { raw: string; stem: string }): boolean {
  return sense.terms.has(t.stem) || sense.terms.has(t.raw);
}

/**
 * Signs of the field outside the positions `own` (the term and the sense's words): each phrase
 * the dataset matched once, however many readings it has, each word of the field or category
 * outside those phrases, and each counted quantity.
 */
function fieldSigns(k: Knowledge, u: Understanding, own: ReadonlySet<number>): number {
  const spans = u.spans.filter((s) => s.kind !== "cue");
  const inPhrase = new Set<number>();
  for (const s of spans) for (let i = s.start; i < s.end; i++) inPhrase.add(i);
  // A phrase inside a longer one ("stars" of "github stars") is part of that one sign.
  const outermost = spans.filter(
    (s) => !spans.some((o) => o.start <= s.start && s.end <= o.end && o.end - o.start > s.end - s.start),
  );
  const phrases = new Set<string>();
  for (const s of outermost) {
    for (let i = s.start; i < s.end; i++) if (!own.has(i)) phrases.add(`${s.start}:${s.end}`);
  }
  let words = 0;
  for (const [i, t] of u.tokens.entries()) {
    if (own.has(i) || inPhrase.has(i)) continue;
    if (k.fieldStems.has(t.stem) || k.nounStems.has(t.stem)) words++;
  }
  // "4.5 stars on yelp": a count of the sense's own word is no sign of the field.
  const counted = u.quantities.filter((q) => {
    for (let i = q.start; i < q.end; i++) if (own.has(i)) return false;
    return true;
  }).length;
  return phrases.size + words + counted;
}

/**
 * The dataset's words a message names when they are only everyday words ("cluster", "build",
 * "mobile", "paper"), each matched as a phrase of its own: no technology, no other framework, no
 * word of the field or category, no phrase of two or more words, no counted quantity. Empty
 * when the message names anything stronger, or nothing. Such words are evidence of the field only
 * as weak as their everyday senses are common.
 */
export function everydayWordsOnly(k: Knowledge, u: Understanding): string[] {
  const spans = u.spans.filter((s) => s.kind !== "cue");
  if (u.quantities.length > 0 || u.tokens.some((t) => k.fieldStems.has(t.stem) || k.nounStems.has(t.stem)))
    return [];
  const words = new Set<string>();
  for (const s of spans) {
    const raw = u.tokens[s.start]?.raw ?? "";
    if (s.kind === "tech" || s.kind === "other" || s.end - s.start !== 1 || !isEnglishWord(raw)) return [];
    words.add(raw);
  }
  return [...words];
}
