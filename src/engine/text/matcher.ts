import { editDistance, typoBudget } from "./fuzzy.js";
import { hasDigit, stem, tokenize } from "./normalize.js";
import { HEDGES, STOPWORDS } from "./stopwords.js";

/** A user token with the vocabulary stems it may stand for (itself, or what it is a typo of). */
export interface InputToken {
  raw: string;
  stem: string;
  /** vocabulary stem -> true when exact, false when reached through typo tolerance */
  candidates: Map<string, boolean>;
  /** Which clause of the message (split at , ; . ! ? and "but") the word is in. */
  clause: number;
}

export interface Ranked<T> {
  value: T;
  score: number;
  start: number;
}

export interface Match<T> {
  value: T;
  start: number;
  end: number;
  score: number;
  /** Score times the phrase's specificity: orders candidates, while `score` decides if one counts. */
  rank: number;
}

interface Phrase<T> {
  stems: string[];
  value: T;
  weight: number;
  /** 1 for words only this value uses; less for words many values share ("deployment", "cost"). */
  specificity: number;
}

/**
 * The vocabulary every phrase index draws from. It resolves each user token once per turn to
 * the vocabulary stems it could mean, exactly or within a small typo budget.
 */
export class Vocabulary {
  /** @param isWord true for a correctly spelled word of the language: never read as a typo. */
  constructor(private readonly isWord: (raw: string) => boolean = () => false) {}

  private readonly stems = new Set<string>();
  /** How many phrases use each stem: among equally close readings of a typo, the commoner word wins. */
  private readonly uses = new Map<string, number>();
  private byInitial = new Map<string, string[]>();
  private readonly cache = new Map<string, Map<string, boolean>>();
  /** One-word aliases and the name they stand for ("tf" -> "tensorflow"), so terms match either. */
  private readonly synonyms = new Map<string, string>();

  add(phrase: string): string[] {
    const stems = tokenize(phrase).map(stem);
    for (const s of stems) {
      this.stems.add(s);
      this.uses.set(s, (this.uses.get(s) ?? 0) + 1);
    }
    return stems;
  }

  /** Lets a one-word alias also match wherever the dataset wrote the canonical word. */
  synonym(alias: string, canonical: string): void {
    const from = stem(alias);
    const to = stem(canonical);
    if (from !== to) this.synonyms.set(from, to);
  }

  /** Call after the last add(): builds the typo look-up buckets. */
  seal(): void {
    this.byInitial = new Map();
    for (const s of this.stems) {
      const key = s[0] ?? "";
      const list = this.byInitial.get(key) ?? [];
      list.push(s);
      this.byInitial.set(key, list);
    }
  }

  resolve(text: string): InputToken[] {
    const out: InputToken[] = [];
    splitClauses(text).forEach((clause, index) => {
      for (const raw of tokenize(clause)) {
        if (HEDGES.has(raw)) continue;
        const s = stem(raw);
        out.push({ raw, stem: s, candidates: this.candidates(raw, s), clause: index });
      }
    });
    return out;
  }

  private candidates(raw: string, s: string): Map<string, boolean> {
    const cached = this.cache.get(raw);
    if (cached) return cached;
    const found = new Map<string, boolean>();
    // Shorthand the dataset spells out ("qs" for "questions") stands for that word.
    const spelled = this.synonyms.get(s) ?? this.synonyms.get(raw);
    if (spelled && this.stems.has(spelled)) found.set(spelled, true);
    if (this.stems.has(s)) found.set(s, true);
    else if (this.stems.has(raw)) found.set(raw, true);
    else if (!STOPWORDS.has(raw) && !hasDigit(raw) && !this.isWord(raw)) {
      const budget = typoBudget(raw.length);
      // Typos rarely hit the first letter; keeping it fixed avoids "most" -> "cost".
      const near: { v: string; cost: number }[] = [];
      for (const v of budget > 0 ? (this.byInitial.get(raw[0] ?? "") ?? []) : []) {
        if (v.length < 4) continue;
        const byRaw = editDistance(raw, v, budget);
        const byStem = editDistance(s, v, budget);
        const cost = Math.min(
          byRaw <= budget ? byRaw : INF,
          // Matched only through the stems ("traning" -> "tran" -> "trax") is a weaker reading.
          byStem <= budget ? byStem + 1 : INF,
          // The typo may sit in an ending the stem dropped: "trainig" is "training" misspelt,
          // "cheeper" "cheaper", "enterprize" "enterprise".
          // One slip only, and never none: "optimizer" is a word of its own, not "optimize" misspelt.
          ...ENDINGS.map((e) =>
            Math.abs(raw.length - v.length - e.length) <= 1 && editDistance(raw, v + e, 1) === 1 ? 1 : INF,
          ),
        );
        if (cost < INF) near.push({ v, cost });
      }
      // The nearest readings only, and among equally near ones the words the dataset uses most:
      // "traning" is "training", not "trading" or "trax".
      const least = Math.min(...near.map((n) => n.cost));
      const closest = near.filter((n) => n.cost === least);
      const most = Math.max(...closest.map((n) => this.uses.get(n.v) ?? 0));
      for (const n of closest) if ((this.uses.get(n.v) ?? 0) * 4 >= most) found.set(n.v, false);
    }
    for (const c of [...found.keys()]) {
      const canonical = this.synonyms.get(c);
      if (canonical && !found.has(canonical)) found.set(canonical, found.get(c) ?? false);
    }
    // Short plurals the stemmer leaves alone ("pis", "tfs"): the singular, when the vocabulary has it.
    if (found.size === 0 && raw.length <= 4 && raw.endsWith("s") && this.stems.has(raw.slice(0, -1)))
      found.set(raw.slice(0, -1), true);
    // A held-down key ("jaxx", "torrch") is a typo even in words too short for the edit budget.
    if (found.size === 0 && /(.)\1/.test(raw)) {
      const collapsed = raw.replace(/(.)\1+/g, "$1");
      if (this.stems.has(collapsed)) found.set(collapsed, false);
    }
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(raw, found);
    return found;
  }
}

const INF = Number.POSITIVE_INFINITY;

/** Endings the stemmer strips, tried back on a stem when matching a misspelt word against it. */
const ENDINGS = ["e", "s", "es", "ing", "ed", "er", "ers", "est", "y", "ies", "ion", "ions"];

/** Indexes of the clauses (as `splitClauses` cuts them) that end with a question mark. */
export function questionClauses(text: string): Set<number> {
  const out = new Set<number>();
  // With a capturing group, split() keeps each separator after its clause.
  const pieces = text.split(/([,;.!?]+(?=\s|$)|\s(?:but|though|however|anyway)\s)/i);
  let index = 0;
  for (let i = 0; i < pieces.length; i += 2) {
    if (!pieces[i]?.trim()) continue;
    if (pieces[i + 1]?.includes("?")) out.add(index);
    index++;
  }
  return out;
}

/** Clauses of a message: punctuation followed by a space (not "2.0" or "tf.keras") and "but" split it. */
export function splitClauses(text: string): string[] {
  return text.split(/[,;.!?]+(?=\s|$)|\s(?:but|though|however|anyway)\s/i).filter((c) => c.trim());
}

/** Finds dataset phrases (terms, aliases, labels) in resolved user tokens. */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();

  constructor(private readonly vocabulary: Vocabulary) {}

  add(phrase: string, value: T, weight = 1): void {
    const stems = this.vocabulary.add(phrase);
    if (stems.length === 0) return;
    this.push({ stems, value, weight, specificity: 1 });
    // "stack overflow" should also meet "stackoverflow", and the other way round.
    if (stems.length === 2) {
      const joined = tokenize(phrase).join("");
      this.vocabulary.add(joined);
      this.push({ stems: [stem(joined)], value, weight, specificity: 1 });
    }
  }

  private push(p: Phrase<T>): void {
    const first = p.stems[0] as string;
    const list = this.byFirst.get(first) ?? [];
    list.push(p);
    this.byFirst.set(first, list);
  }

  /**
   * Words shared by many values of the same group say less about which one is meant: weigh each
   * phrase by how many values of its group use its words (`group` returns null to leave it at 1).
   */
  weighSpecificity(group: (value: T) => string | null): void {
    const users = new Map<string, Set<T>>();
    const all = [...this.byFirst.values()].flat();
    for (const p of all) {
      const g = group(p.value);
      if (g === null) continue;
      for (const s of p.stems) {
        const key = `${g}\u0000${s}`;
        const set = users.get(key) ?? new Set<T>();
        set.add(p.value);
        users.set(key, set);
      }
    }
    for (const p of all) {
      const g = group(p.value);
      if (g === null) continue;
      const per = p.stems.map((s) => 1 / (1 + Math.log2(users.get(`${g}\u0000${s}`)?.size ?? 1)));
      p.specificity = Math.max(...per);
    }
  }

  /** Every phrase occurrence; multi-word phrases may skip one filler word between their words. */
  find(tokens: InputToken[]): Match<T>[] {
    const out: Match<T>[] = [];
    // Every word the message could stand for: a phrase needing any other word cannot match.
    const present = new Set<string>();
    for (const t of tokens) for (const c of t.candidates.keys()) present.add(c);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as InputToken;
      for (const [cand, exact] of token.candidates) {
        for (const phrase of this.byFirst.get(cand) ?? []) {
          if (phrase.stems.length > 1 && !phrase.stems.every((s) => present.has(s))) continue;
          const m = matchAt(tokens, i, phrase, exact);
          if (m) out.push(m);
        }
      }
    }
    return out;
  }
}

/** Best score per value, highest first; `skip` drops matches lying inside words already explained. */
export function rankMatches<T>(matches: Match<T>[], skip?: (m: Match<T>) => boolean): Ranked<T>[] {
  if (matches.length === 0) return [];
  const best = new Map<T, Ranked<T> & { rank: number }>();
  for (const m of matches) {
    if (skip?.(m)) continue;
    const prev = best.get(m.value);
    if (!prev) best.set(m.value, { value: m.value, score: m.score, start: m.start, rank: m.rank });
    else {
      // A second, separate mention adds a little confidence.
      prev.score = Math.max(prev.score, m.score) + 0.25 * Math.min(prev.score, m.score);
      prev.rank = Math.max(prev.rank, m.rank) + 0.25 * Math.min(prev.rank, m.rank);
      prev.start = Math.min(prev.start, m.start);
    }
  }
  return [...best.values()]
    .sort((a, b) => b.rank - a.rank || b.score - a.score || a.start - b.start)
    .map(({ value, score, start }) => ({ value, score, start }));
}
function matchAt<T>(
  tokens: InputToken[],
  start: number,
  phrase: Phrase<T>,
  firstExact: boolean,
): Match<T> | null {
  // Phrases of filler words only ("how much is") must match as written and count for little.
  const filler = phrase.stems.every((s) => STOPWORDS.has(s));
  let score = tokenScore(phrase.stems[0] as string, firstExact);
  let pos = start;
  let gaps = 0;
  let freeSkip = !filler;
  for (let k = 1; k < phrase.stems.length; k++) {
    const want = phrase.stems[k] as string;
    // One small word inside a phrase is free ("cheapest for big training"); another word costs the gap.
    const between = tokens[pos + 1];
    if (freeSkip && between && STOPWORDS.has(between.raw) && !between.candidates.has(want)) {
      freeSkip = false;
      pos++;
    }
    let next = tokens[pos + 1];
    let exact = next?.candidates.get(want);
    if (exact === undefined && gaps === 0 && !filler) {
      next = tokens[pos + 2];
      exact = next?.candidates.get(want);
      if (exact !== undefined) {
        gaps++;
        pos++;
      }
    }
    if (exact === undefined) return null;
    pos++;
    score += tokenScore(want, exact);
  }
  // A question frame at the very start ("who uses ...", "how much is ...") says what is asked.
  if (filler) {
    const frame = start === 0 ? FILLER_SCORE * 2 : FILLER_SCORE;
    return { value: phrase.value, start, end: pos + 1, score: frame, rank: frame };
  }
  // Longer phrases are more specific; a gap costs a little.
  score = (score + (phrase.stems.length - 1) * 2 - gaps) * phrase.weight;
  return { value: phrase.value, start, end: pos + 1, score, rank: score * phrase.specificity };
}

/** Just enough to count when nothing better is said. */
const FILLER_SCORE = 3;

function tokenScore(s: string, exact: boolean): number {
  const base = Math.min(s.length, 8);
  return exact ? base : base * 0.7;
}
