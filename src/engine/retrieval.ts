import type { Dataset } from "../dataset/schema.js";
import type { InputToken } from "./text/matcher.js";
import { stem, tokenize } from "./text/normalize.js";
import { STOPWORDS } from "./text/stopwords.js";

/**
 * Retrieval over the facts' own words, for questions no aspect vocabulary anticipated
 * ("does jane street use jax?", "what's flax?"): the fact sharing the rarest words wins.
 */
export interface FactIndex {
  /**
   * per fact: tech, aspect, the set of stems it contains, the stems it only mentions to deny them
   * ("names no mobile route"), and the abbreviations its words spell
   */
  docs: { tech: string; aspect: string; stems: Set<string>; denied: Set<string>; initialisms: Set<string> }[];
  idf: Map<string, number>;
}

export function buildFactIndex(dataset: Dataset, nameStems: Set<string>): FactIndex {
  const docs = dataset.facts
    .filter((f) => f.status !== "unknown")
    .map((f) => {
      // Each piece (value, text, items) tokenised once; denials and initials stay within a piece.
      const pieces = [f.value ?? "", f.text, ...(f.items ?? [])].map(tokenize);
      const stems = new Set(
        pieces
          .flat()
          .filter((w) => !STOPWORDS.has(w))
          .map(stem)
          .filter((s) => !nameStems.has(s)),
      );
      return {
        tech: f.tech,
        aspect: f.aspect,
        stems,
        denied: denied(pieces),
        initialisms: initialisms(pieces),
      };
    });
  const df = new Map<string, number>();
  for (const d of docs) for (const s of d.stems) df.set(s, (df.get(s) ?? 0) + 1);
  const idf = new Map([...df].map(([s, n]) => [s, Math.log(docs.length / n)] as const));
  return { docs, idf };
}

/** Words of fact prose that deny what follows them ("no mobile route", "without a GPU"). */
const DENIALS = new Set([
  "no",
  "not",
  "without",
  "lack",
  "lacks",
  "never",
  "none",
  "neither",
  "nor",
  "cannot",
]);
/** How many words after a denial it reaches. */
const DENIAL_REACH = 4;

/** Stems a fact mentions only right after a denial: it says it does not have them. */
function denied(pieces: string[][]): Set<string> {
  const said = new Set<string>();
  const deniedOnly = new Set<string>();
  for (const piece of pieces) {
    let reach = 0;
    for (const word of piece) {
      if (DENIALS.has(word)) {
        reach = DENIAL_REACH;
        continue;
      }
      const s = stem(word);
      if (reach > 0) deniedOnly.add(s);
      else said.add(s);
      reach = Math.max(0, reach - 1);
    }
  }
  for (const s of said) deniedOnly.delete(s);
  return deniedOnly;
}

/**
 * The initials of 2 to 4 consecutive words ("long-term support" -> "lts", "total cost of ownership"
 * -> "tco"), so an abbreviation a user types can meet the words a fact spells out.
 */
function initialisms(pieces: string[][]): Set<string> {
  const out = new Set<string>();
  for (const piece of pieces) {
    const words = piece.filter((w) => !STOPWORDS.has(w));
    for (let i = 0; i < words.length; i++) {
      let initials = "";
      for (let n = 0; n < 4 && i + n < words.length; n++) {
        initials += (words[i + n] as string)[0];
        if (n > 0) out.add(initials);
      }
    }
  }
  return out;
}

export interface Retrieved {
  aspect: string;
  score: number;
}

/** The aspect whose facts (about `techs`, or any) best match the question's words, if any does well. */
export function retrieveAspect(
  index: FactIndex,
  tokens: InputToken[],
  techs: string[],
  nameStems: Set<string>,
  minScore = MIN_RETRIEVAL_SCORE,
  /** Distinct question words a fact must share: with no technology named, one word is chance ("what year is it"). */
  minWords = 1,
): Retrieved | null {
  const query = queryStems(tokens, nameStems);
  if (query.size === 0) return null;
  const byAspect = new Map<string, number>();
  for (const doc of index.docs) {
    if (techs.length && !techs.includes(doc.tech)) continue;
    let score = 0;
    let words = 0;
    for (const s of query)
      if (doc.stems.has(s)) {
        score += index.idf.get(s) ?? 0;
        words++;
      }
    if (words >= minWords && score > (byAspect.get(doc.aspect) ?? 0)) byAspect.set(doc.aspect, score);
  }
  let best: Retrieved | null = null;
  for (const [aspect, score] of byAspect) if (!best || score > best.score) best = { aspect, score };
  // One word found in a handful of facts is enough; common words alone are not.
  return best && best.score >= minScore ? best : null;
}

/**
 * How well one technology's fact on `aspect` matches the question's words (the same measure as
 * `retrieveAspect`): to tell whether another of its facts holds more of what was asked.
 */
export function factMatch(
  index: FactIndex,
  tokens: InputToken[],
  tech: string,
  aspect: string,
  nameStems: Set<string>,
): { score: number; stems: Set<string> } {
  const doc = index.docs.find((d) => d.tech === tech && d.aspect === aspect);
  const stems = new Set<string>();
  let score = 0;
  if (doc)
    for (const s of queryStems(tokens, nameStems))
      if (doc.stems.has(s)) {
        score += index.idf.get(s) ?? 0;
        stems.add(s);
      }
  return { score, stems };
}

/** True for a stem only a handful of facts hold ("transformer"), not one many share ("training"). */
export function rareInFacts(index: FactIndex, s: string): boolean {
  return (index.idf.get(s) ?? 0) >= Math.log(index.docs.length / RARE_FACTS);
}

/** A stem held by at most this many facts is rare. */
const RARE_FACTS = 4;

export const MIN_RETRIEVAL_SCORE = 2.5;
/** With no technology named, retrieval must be surer: off-topic chatter shares a word by chance. */
export const MIN_OPEN_RETRIEVAL_SCORE = 7;

/** The question's stems a fact can be matched by. */
function queryStems(tokens: InputToken[], nameStems: Set<string>): Set<string> {
  const query = new Set<string>();
  for (const t of tokens) {
    // Short words ("big", "run") are too vague to pick a fact by.
    if (STOPWORDS.has(t.raw) || nameStems.has(t.stem) || t.raw.length < 4) continue;
    query.add(t.stem);
    for (const c of t.candidates.keys()) if (!nameStems.has(c)) query.add(c);
  }
  return query;
}
