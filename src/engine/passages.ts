import MiniSearch from "minisearch";
import type { Dataset } from "../dataset/schema.js";
import { figures } from "./text/figures.js";
import { stem, tokenize } from "./text/normalize.js";
import { STOPWORDS } from "./text/stopwords.js";

/**
 * Everything the dataset says, as searchable documents: the passages (every statement of the
 * source), the facts, the topic entries and the needs. Searched with minisearch (BM25+, typo
 * tolerant), so a question no aspect vocabulary anticipated still finds the statement it asks
 * about, and a question about something the source never mentions finds nothing close.
 */
export interface Doc {
  /** "passage:<id>", "fact:<tech>/<aspect>", "topic:<id>" or "need:<id>". */
  id: string;
  kind: "passage" | "fact" | "topic" | "need";
  /** Technology ids the document is about (empty: the whole page). */
  technologies: string[];
  /** Section ids it cites. */
  sources: string[];
  text: string;
  /** Words users type for it that the text does not contain. */
  terms: string;
  /**
   * The same terms one by one (passages, topics, needs): which words an editor listed on their
   * own, and, for passages, the phrases looked up as written.
   */
  termList?: string[];
  /** The editor's note on a flaw of the source, for passages that have one. */
  note?: string;
}

export interface Hit {
  doc: Doc;
  score: number;
  /** Query stems the document contains. */
  matched: Set<string>;
}

/** The stems a text contributes to search: the matcher's words, stemmed, minus stopwords. */
export function searchTerms(text: string): string[] {
  return tokenize(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

export class PassageIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly docs = new Map<string, Doc>();
  /** Per stem, the documents that use it: what the source has words for, and how commonly. */
  private readonly users = new Map<string, Doc[]>();
  /**
   * Stems the documents' statements use, and the editor's one-word terms ("inductor"); not a word
   * found only inside a longer term ("game" of "game playing").
   */
  private readonly stems = new Set<string>();
  /** Per phrase of an editor's terms (two or more stems, stopwords out), the documents listing it. */
  private readonly phrases = new Map<string, Doc[]>();
  /** Stems of names the statements write capitalised mid-sentence ("Tesla", "PayPal", "Anthropic"). */
  private readonly names = new Set<string>();
  /** Per figure value ("45k" and "45,000" alike), the documents that state it. */
  private readonly figures = new Map<number, Doc[]>();

  constructor(dataset: Dataset) {
    this.search = new MiniSearch<Doc>({
      fields: ["text", "terms"],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => (STOPWORDS.has(term) ? null : stem(term)),
      searchOptions: { boost: { terms: 1.5 } },
    });
    const docs = documents(dataset);
    const lower = new Set<string>();
    for (const d of docs) {
      this.docs.set(d.id, d);
      for (const term of d.kind === "passage" ? (d.termList ?? []) : []) {
        const key = searchTerms(term).join(" ");
        if (!key.includes(" ")) continue;
        listed(this.phrases, key, d);
      }
      // A capital after a word (not a sentence start) marks a name, if the word is never written
      // in lower case ("Tesla", "PayPal"; not "Community Size" of a table heading).
      for (const m of d.text.matchAll(/(?<=[\p{L}\d,;:)] )([A-Z][\p{L}-]+)/gu))
        for (const s of searchTerms(m[1] ?? "")) this.names.add(s);
      for (const m of d.text.matchAll(/(?<![\p{L}])([a-z][\p{L}-]+)/gu))
        for (const s of searchTerms(m[1] ?? "")) lower.add(s);
      for (const value of new Set(figures(d.text).map((f) => f.value))) {
        listed(this.figures, value, d);
      }
      for (const s of new Set(searchTerms(`${d.text} ${d.terms}`))) {
        listed(this.users, s, d);
      }
      for (const s of searchTerms(d.text)) this.stems.add(s);
      for (const term of d.termList ?? []) {
        const words = searchTerms(term);
        if (words.length === 1 && words[0]) this.stems.add(words[0]);
      }
    }
    for (const s of lower) this.names.delete(s);
    this.search.addAll(docs);
  }

  get(id: string): Doc | undefined {
    return this.docs.get(id);
  }

  /**
   * True when some document uses this stem; with `techs`, a document about one of them (a word
   * the source uses only elsewhere says nothing about these technologies).
   */
  knows(s: string, techs: string[] = []): boolean {
    const docs = this.users.get(s);
    if (!docs) return false;
    return techs.length === 0 || docs.some((d) => d.technologies.some((t) => techs.includes(t)));
  }

  /**
   * True when a statement uses this stem, or an editor lists it as a term on its own: "game" is
   * only in "game playing", a term for reinforcement learning, and the source says nothing about
   * games. What tells a word of the field from an everyday one that a phrase borrows.
   */
  states(s: string): boolean {
    return this.stems.has(s);
  }

  /**
   * Documents whose editor's terms hold a phrase of the question as written ("learning rate",
   * "batch size"): stems in order, stopwords out. Longest phrase first; with `techs`, documents
   * about other technologies are left out.
   */
  phraseHits(stems: string[], techs: string[] = []): { docs: Doc[]; phrase: string[] } | null {
    const words = stems.filter((s) => !STOPWORDS.has(s));
    for (let n = Math.min(4, words.length); n >= 2; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const phrase = words.slice(i, i + n);
        const docs = (this.phrases.get(phrase.join(" ")) ?? []).filter(
          (d) =>
            techs.length === 0 ||
            d.technologies.length === 0 ||
            techs.some((t) => d.technologies.includes(t)),
        );
        if (docs.length) return { docs, phrase };
      }
    }
    return null;
  }

  /** True when the statements write this stem as a name ("tesla", "paypal"). */
  isName(s: string): boolean {
    return this.names.has(s);
  }

  /** Documents stating this figure ("$8/hour" for 8), whatever they are about. */
  stating(value: number): Doc[] {
    return this.figures.get(value) ?? [];
  }

  /** Documents using this stem, whatever they are about. */
  using(s: string): Doc[] {
    return this.users.get(s) ?? [];
  }

  /**
   * How much a word says about which statement is meant, from 0 to 1: 1 for a word few
   * documents use (or none), little for one most of them use ("framework", "model").
   */
  rarity(s: string): number {
    const df = this.users.get(s)?.length;
    if (!df) return 1;
    return Math.log(this.docs.size / df) / Math.log(this.docs.size);
  }

  /** True for a word that points at a handful of statements (rarity 0.7: about 4 documents of 400). */
  specific(s: string): boolean {
    return this.rarity(s) >= 0.7;
  }

  /**
   * Documents matching the query stems, best first. With `techs`, documents about other
   * technologies are left out (page-level ones stay).
   */
  find(stems: string[], techs: string[] = [], limit = 5): Hit[] {
    if (stems.length === 0) return [];
    const results = this.search.search(stems.join(" "), {
      combineWith: "OR",
      fuzzy: (term) => (term.length >= 6 && !this.users.has(term) ? 1 : false),
      filter: (r) => {
        const doc = this.docs.get(r.id as string);
        return (
          Boolean(doc) &&
          (techs.length === 0 ||
            doc?.technologies.length === 0 ||
            techs.some((t) => doc?.technologies.includes(t)))
        );
      },
    });
    return results.slice(0, limit).map((r) => ({
      doc: this.docs.get(r.id as string) as Doc,
      score: r.score,
      matched: new Set(r.queryTerms),
    }));
  }
}

/** Adds a document to the list kept under a key. */
function listed<K>(map: Map<K, Doc[]>, key: K, doc: Doc): void {
  const list = map.get(key);
  if (list) list.push(doc);
  else map.set(key, [doc]);
}

function documents(d: Dataset): Doc[] {
  const out: Doc[] = [];
  for (const p of d.passages) {
    out.push({
      id: `passage:${p.id}`,
      kind: "passage",
      technologies: p.technologies,
      sources: [p.section],
      text: p.text,
      terms: p.terms.join(" "),
      termList: p.terms,
      ...(p.note ? { note: p.note } : {}),
    });
  }
  for (const f of d.facts) {
    if (f.status === "unknown") continue;
    out.push({
      id: `fact:${f.tech}/${f.aspect}`,
      kind: "fact",
      technologies: [f.tech],
      sources: [f.source],
      // Shown as written when quoted: the items as a list in one sentence, never run together.
      // The value is left out where the text already states it ("$800-$3,500/month The page estimates $800-...").
      text: [
        f.value && !f.text.includes(f.value) ? f.value : "",
        f.text,
        f.items?.length ? `${f.items.join("; ")}.` : "",
      ]
        .filter(Boolean)
        .join(" "),
      terms: "",
    });
  }
  for (const t of d.topic) {
    out.push({
      id: `topic:${t.id}`,
      kind: "topic",
      technologies: t.pick ? [t.pick] : [],
      sources: t.sources,
      text: [t.text, ...(t.items ?? [])].join(" "),
      terms: [t.label, ...t.terms].join(" "),
      termList: t.terms,
    });
  }
  for (const n of d.needs) {
    out.push({
      id: `need:${n.id}`,
      kind: "need",
      technologies: [n.pick],
      sources: n.sources,
      text: n.reason,
      terms: [n.label, ...n.terms].join(" "),
      termList: n.terms,
    });
  }
  return out;
}
