import type { Knowledge } from "../engine/knowledge.js";

/** One autocomplete choice: what the user sees and what is sent back. */
export interface Suggestion {
  name: string;
  value: string;
}

interface Candidate {
  name: string;
  /** Words that find it: the label, the id, aliases. */
  terms: string[];
  /** Lower sorts first when nothing better separates two candidates. */
  order: number;
}

/** The most choices a platform shows (Discord's autocomplete limit). */
export const MAX_SUGGESTIONS = 25;

/**
 * Autocomplete ranking, best first: the name starts with what was typed, then a term does, then
 * a word of the name does, then the name or a term contains it. Nothing typed: by `order`.
 * At most `max` choices.
 */
export function rank(candidates: Candidate[], typed: string, max = MAX_SUGGESTIONS): Suggestion[] {
  const q = typed.trim().toLowerCase();
  const score = (c: Candidate): number => {
    if (!q) return 0;
    const name = c.name.toLowerCase();
    const terms = c.terms.map((t) => t.toLowerCase());
    if (name.startsWith(q)) return 0;
    if (terms.some((t) => t.startsWith(q))) return 1;
    if (name.split(/[\s/(),-]+/).some((w) => w.startsWith(q))) return 2;
    if (name.includes(q) || terms.some((t) => t.includes(q))) return 3;
    return -1;
  };
  return candidates
    .map((c) => ({ c, s: score(c) }))
    .filter((r) => r.s >= 0)
    .sort((a, b) => a.s - b.s || a.c.order - b.c.order)
    .slice(0, max)
    .map(({ c }) => ({ name: c.name, value: c.name }));
}

/** Technologies of the dataset matching what was typed (names, ids and aliases). */
export function suggestTechnologies(k: Knowledge, typed: string): Suggestion[] {
  return rank(
    k.dataset.technologies.map((t, i) => ({ name: t.name, terms: [t.id, ...t.aliases], order: i })),
    typed,
  );
}

/**
 * Aspects matching what was typed (labels, ids and the words users use for them). With nothing
 * typed, the most asked first: those asked in this process (`asked`, most first), then the
 * dataset's summary aspects, then the rest in dataset order.
 */
export function suggestAspects(k: Knowledge, typed: string, asked: readonly string[] = []): Suggestion[] {
  const summary = k.dataset.meta.summaryAspects;
  const n = k.dataset.aspects.length;
  const order = (id: string, i: number) => {
    const a = asked.indexOf(id);
    if (a >= 0) return a;
    const s = summary.indexOf(id);
    return s >= 0 ? n + s : 2 * n + i;
  };
  return rank(
    k.dataset.aspects.map((a, i) => ({ name: a.label, terms: [a.id, ...a.terms], order: order(a.id, i) })),
    typed,
  );
}
