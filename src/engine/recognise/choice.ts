import type { Flow, FlowQuestion } from "../../dataset/schema.js";
import { stem, tokenize } from "../text/normalize.js";
import { STOPWORDS } from "../text/stopwords.js";
import { NEGATORS, type Understanding } from "../understand.js";

/**
 * A typed answer to the pending flow question, read against that question's options only.
 * Modelled on botbuilder-js `recognizeChoices`: the option's own phrases first (exact, with
 * typos), then a count in the option's range ("8 GPUs"), then the share of an option phrase's
 * words the answer contains ("we retrain a couple of times a year" meets "a few times a year").
 */
export interface ChoiceReading {
  option: string;
  /** 0..1: how much of the option's best phrase the answer holds (1 for a phrase or a count). */
  score: number;
}

/** Words that negate the next word or two, in answers and in option phrases. */
const NEGATION = new Set([...NEGATORS, "nothing", "zero"]);

/** Lowest share of a phrase's words that reads as choosing its option. */
export const MIN_OVERLAP = 0.5;

/** Options of `question` the text reads as, best first (at most two). */
export function recogniseChoice(question: FlowQuestion, u: Understanding, flow: Flow): ChoiceReading[] {
  const exact = u.options.get(question.id);
  // Every word the message could stand for, typos resolved, as the phrases are stemmed.
  const said = new Set<string>();
  // "actually scratch that: ..." corrects; its words answer nothing ("scratch" is not "from scratch").
  const correcting = new Set<number>();
  for (const s of u.spans)
    if (s.kind === "cue" && s.id === "correction") for (let i = s.start; i < s.end; i++) correcting.add(i);
  for (const [i, t] of u.tokens.entries()) {
    if (correcting.has(i)) continue;
    said.add(t.stem);
    for (const c of t.candidates.keys()) said.add(c);
  }
  // Words said under a negation ("nothing existing", "no legacy code"): they meet an option's
  // negative phrase ("no existing code"), never its positive ones ("existing pytorch").
  const negated = new Set<string>();
  const negatedAt = new Set<number>();
  u.tokens.forEach((t, i) => {
    if (!NEGATION.has(t.raw)) return;
    for (let j = i + 1; j < Math.min(i + 3, u.tokens.length); j++) {
      negatedAt.add(j);
      negated.add(u.tokens[j]?.stem ?? "");
    }
  });
  // Words another question's options use ("gpus" for hardware) say less about this one's.
  const foreign = new Set<string>();
  for (const q of flow.questions) {
    if (q.id === question.id) continue;
    for (const o of q.options)
      for (const p of [o.label, ...o.terms]) for (const w of tokenize(p)) foreign.add(stem(w));
  }
  const scored: ChoiceReading[] = question.options.map((o) => {
    if (exact?.id === o.id && !negatedAt.has(exact.start))
      return { option: o.id, score: 1 + exact.score / 100 };
    let best = 0;
    for (const phrase of [o.label, ...o.terms]) {
      const raw = tokenize(phrase);
      const negative = raw.some((w) => NEGATION.has(w));
      const words = raw.filter((w) => !STOPWORDS.has(w) && !NEGATION.has(w)).map(stem);
      if (words.length === 0) continue;
      // A word another question's options also use ("python") counts half: it may answer either.
      const hits = words.reduce((n, w) => {
        if (!said.has(w) || negated.has(w) !== negative) return n;
        return n + (foreign.has(w) ? 0.5 : 1);
      }, 0);
      // More words met, a little surer: "know tensorflow" fully met beats "keras experience" half met.
      if (hits > 0) best = Math.max(best, hits / words.length + hits / 100);
    }
    return { option: o.id, score: best };
  });
  return scored
    .filter((s) => s.score >= MIN_OVERLAP)
    .sort((a, b) => b.score - a.score)
    .slice(0, 2);
}
