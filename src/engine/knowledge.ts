import type {
  Aspect,
  Dataset,
  Fact,
  FlowOption,
  FlowQuestion,
  Need,
  Section,
  Technology,
  TopicFact,
} from "../dataset/schema.js";
import { CUES, type Cue } from "./cues.js";
import { PassageIndex } from "./passages.js";
import { buildFactIndex, type FactIndex } from "./retrieval.js";
import { isEnglishWord } from "./text/analysis.js";
import { oppositePhrases } from "./text/antonyms.js";
import { PhraseIndex, Vocabulary } from "./text/matcher.js";
import { stem, tokenize } from "./text/normalize.js";
import { compileUnits, type UnitTable } from "./text/quantities.js";

/** A dataset plus the look-up tables the engine builds once at start-up (pure, no I/O). */
export interface Knowledge {
  dataset: Dataset;
  vocabulary: Vocabulary;
  /**
   * Every phrase of the dataset and the conversation cues in one index, so a message is scanned
   * once.
   */
  index: PhraseIndex<Entry>;
  tech: Map<string, Technology>;
  aspect: Map<string, Aspect>;
  need: Map<string, Need>;
  section: Map<string, Section>;
  topic: Map<string, TopicFact>;
  question: Map<string, FlowQuestion>;
  option: Map<string, FlowOption>;
  /** key: "tech/aspect" */
  fact: Map<string, Fact>;
  /** Technology ids in dataset order, and each option's weights as a vector in that order. */
  techIds: string[];
  /** Stems that only name a technology ("tensorflow", "torch", "2.0"), never an aspect or need. */
  nameStems: Set<string>;
  /** Only the words of ids and names: aliases like "flax" still mean something to retrieval. */
  idStems: Set<string>;
  /** One-word aliases that are ordinary words too (`technology.everydayAliases`), lower case. */
  everydayAliases: ReadonlySet<string>;
  /** Names other things share (`technology.sharedNames`) and the everyday aliases, lower case. */
  sharedNames: ReadonlySet<string>;
  /**
   * Aliases naming a part of a technology (`technology.components`), as tokenised words joined by
   * a space ("torch compile", "keras"), with the stems that part's statements must hold.
   */
  components: ReadonlyMap<string, { tech: string; stems: string[] }>;
  /** Per broad aspect, the aspects narrowing it and the stems that narrow (`aspect.narrows`). */
  narrowers: ReadonlyMap<string, { id: string; stems: ReadonlySet<string> }[]>;
  /** Words that keep their capital mid-sentence (meta.properNouns). */
  properNouns: ReadonlySet<string>;
  /** Stems of the category's names ("framework", "fw", "library"): the frame of a question, not its subject. */
  nounStems: Set<string>;
  /** Stems of the field's general words (`meta.fieldTerms`): "classifier", "model", "train". */
  fieldStems: Set<string>;
  /** Words beside a name that make it a team's estate (`meta.estateWords`), as tokenised (not stemmed). */
  estateWords: ReadonlySet<string>;
  /** Per technology id, its estate option ("codebase/existing-tensorflow"; `option.estateOf`). */
  estateOption: ReadonlyMap<string, string>;
  facts: FactIndex;
  /** Full-text search over every statement of the source (passages, facts, topics, needs). */
  passages: PassageIndex;
  /** Other senses of the dataset's words (`senses.json`), as stems: see `recognise/senses.ts`. */
  senses: readonly SenseStems[];
  /** The senses each term (stemmed, and as typed) can carry: only those a message holds are weighed. */
  sensesByTerm: ReadonlyMap<string, readonly SenseStems[]>;
  weightVector: Map<string, number[]>;
  /** Per flow question, its options' weight vectors: what-if scoring without string look-ups. */
  flowVectors: { question: string; options: { id: string; weights: number[] }[] }[];
  /**
   * One-word cues the stemmer would blur ("smallest" and "small" share a stem): matched on the
   * word as typed, so "small models" is not a superlative.
   */
  rawCues: Map<string, Cue[]>;
  /**
   * Per need, the flow questions one of whose options shares a term or a unit of count with it
   * ("functional programming" is a need and a team answer; "$50K runs" a need and a budget
   * answer): when a correction changes that answer, the need read with it goes too.
   */
  needQuestions: Map<string, Set<string>>;
  /** Options ("question/option") or needs whose stated range holds this count. */
  byQuantity(unit: string, value: number, kind: "option" | "need"): string[];
  /** Needs and flow options (as "question/option") with any count rule in this unit. */
  countedIn(unit: string): ReadonlySet<string>;
  /** The dataset's unit words ("samples", "GPUs", "of us"), for reading numbers with units. */
  units: UnitTable;
}

/** What an indexed phrase names. */
/** A sense of `senses.json` with its terms and words stemmed as the matcher stems tokens. */
export interface SenseStems {
  id: string;
  label: string;
  terms: ReadonlySet<string>;
  words: ReadonlySet<string>;
}

export type Kind = "tech" | "aspect" | "need" | "option" | "other" | "topic" | "cue";
export interface Entry {
  kind: Kind;
  id: string;
}

/** An empty set, shared. */
const NONE: ReadonlySet<string> = new Set();

export const optionKey = (questionId: string, optionId: string) => `${questionId}/${optionId}`;

/** Words of names and one-word aliases; words of longer aliases ("pytorch mobile") keep their meaning. */
function nameStems(dataset: Dataset): Set<string> {
  const out = new Set<string>();
  for (const t of dataset.technologies) {
    for (const phrase of [t.id, t.name, ...t.aliases]) {
      const words = tokenize(phrase);
      if (phrase === t.name || phrase === t.id || words.length === 1) for (const w of words) out.add(stem(w));
    }
  }
  return out;
}

/** Weight of an item's label ("Data transfer") as a term of its fact's aspect. */
const ITEM_LABEL_WEIGHT = 0.9;

export function compile(dataset: Dataset): Knowledge {
  const senses: SenseStems[] = dataset.senses.map((s) => ({
    id: s.id,
    label: s.label,
    terms: new Set(s.terms.flatMap((t) => [...tokenize(t), ...tokenize(t).map(stem)])),
    words: new Set(s.words.flatMap(tokenize).map(stem)),
  }));
  const sensesByTerm = new Map<string, SenseStems[]>();
  for (const sense of senses)
    for (const term of sense.terms) sensesByTerm.set(term, [...(sensesByTerm.get(term) ?? []), sense]);
  const vocabulary = new Vocabulary(isEnglishWord);
  const index = new PhraseIndex<Entry>(vocabulary);
  // One object per (kind, id), so matches of the same thing group by identity.
  const entries = new Map<string, Entry>();
  const add = (kind: Kind, phrase: string, id: string, weight = 1) => {
    const key = `${kind}:${id}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = { kind, id };
      entries.set(key, entry);
    }
    index.add(phrase, entry, weight);
  };

  for (const t of dataset.technologies) {
    // Names count a little more than aliases: "keras" alone is a weaker signal than "tensorflow".
    for (const phrase of [t.id, t.name]) add("tech", phrase, t.id, 1.2);
    for (const alias of t.aliases) add("tech", alias, t.id);
  }
  for (const t of dataset.technologies) {
    for (const alias of t.aliases)
      if (tokenize(alias).length === 1) vocabulary.synonym(tokenize(alias)[0] as string, t.id);
  }
  for (const [short, word] of Object.entries(dataset.meta.abbreviations)) vocabulary.synonym(short, word);
  for (const a of dataset.aspects)
    for (const term of [a.label, ...a.terms]) {
      add("aspect", term, a.id);
      // "how small can the model get" asks for the figure "how big" names.
      for (const opposite of oppositePhrases(tokenize(term))) add("aspect", opposite, a.id);
    }
  // "how much is monitoring/logging in the pt breakdown": the labels of a fact's items ("Monitoring
  // and logging: $200-$500") name its aspect, a little below the aspect's own terms.
  for (const f of dataset.facts)
    for (const item of f.items ?? []) {
      const label =
        item
          .split(":")[0]
          ?.replace(/\([^)]*\)/g, " ")
          .trim() ?? "";
      // Line items only: a label of a few words before a figure, not a sentence before a remark.
      const figure = /\d/.test(item.slice(item.indexOf(":")));
      const words = tokenize(label).length;
      if (item.includes(":") && figure && words >= 2 && words <= 4)
        add("aspect", label, f.aspect, ITEM_LABEL_WEIGHT);
    }
  for (const n of dataset.needs) for (const term of [n.label, ...n.terms]) add("need", term, n.id);
  for (const q of dataset.flow.questions) {
    for (const o of q.options)
      for (const term of [o.label, ...o.terms]) add("option", term, optionKey(q.id, o.id));
  }
  for (const name of dataset.meta.otherTechnologies) add("other", name, name);
  for (const t of dataset.topic) for (const term of [t.label, ...t.terms]) add("topic", term, t.id);
  // The category's own noun joins the cues: "what framework" asks which one, "that framework" points back.
  for (const noun of [dataset.meta.noun, ...dataset.meta.nounTerms]) {
    add("cue", `what ${noun}`, "which");
    add("cue", `that ${noun}`, "pronoun");
  }
  const rawCues = new Map<string, Cue[]>();
  for (const [cue, phrases] of Object.entries(CUES) as [Cue, readonly string[]][]) {
    for (const phrase of phrases) {
      const [word, ...more] = tokenize(phrase);
      if (word && more.length === 0 && /(?:est|er)$/.test(word) && stem(word) !== word) {
        rawCues.set(word, [...(rawCues.get(word) ?? []), cue]);
      } else add("cue", phrase, cue);
    }
  }
  vocabulary.seal();
  // Only what is chosen between (aspects, needs, options, topics) is weighed; names and cues are not.
  index.weighSpecificity((e) =>
    e.kind === "aspect" || e.kind === "need" || e.kind === "topic"
      ? e.kind
      : e.kind === "option"
        ? "option"
        : null,
  );

  // Needs and options with a count rule, by unit: built once, asked on every counted phrase.
  const countedIn = new Map<string, Set<string>>();
  const counts = (id: string, quantities: { unit: string }[] | undefined) => {
    for (const q of quantities ?? []) countedIn.set(q.unit, (countedIn.get(q.unit) ?? new Set()).add(id));
  };
  for (const n of dataset.needs) counts(n.id, n.quantities);
  for (const q of dataset.flow.questions)
    for (const o of q.options) counts(optionKey(q.id, o.id), o.quantities);
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x] as const));
  const option = new Map<string, FlowOption>();
  for (const q of dataset.flow.questions) for (const o of q.options) option.set(optionKey(q.id, o.id), o);

  const names = nameStems(dataset);
  const ids = new Set(dataset.technologies.flatMap((t) => [t.id, t.name].flatMap(tokenize).map(stem)));
  return {
    dataset,
    vocabulary,
    index,
    rawCues,
    tech: byId(dataset.technologies),
    aspect: byId(dataset.aspects),
    need: byId(dataset.needs),
    section: byId(dataset.meta.sections),
    topic: byId(dataset.topic),
    question: byId(dataset.flow.questions),
    option,
    fact: new Map(dataset.facts.map((f) => [`${f.tech}/${f.aspect}`, f] as const)),
    techIds: dataset.technologies.map((t) => t.id),
    nameStems: names,
    idStems: ids,
    properNouns: new Set(dataset.meta.properNouns),
    everydayAliases: new Set(
      dataset.technologies.flatMap((t) => t.everydayAliases.map((a) => a.toLowerCase())),
    ),
    narrowers: narrowersOf(dataset),
    components: new Map(
      dataset.technologies.flatMap((t) =>
        t.components.map((c) => {
          // "tf serving": what its statements say is "serving"; the technology's own name is implied.
          const stems = tokenize(c).map(stem);
          const own = stems.filter((s) => !names.has(s) || stems.length === 1);
          return [tokenize(c).join(" "), { tech: t.id, stems: own.length ? own : stems }] as const;
        }),
      ),
    ),
    sharedNames: new Set(
      dataset.technologies.flatMap((t) =>
        [...t.everydayAliases, ...t.sharedNames].map((a) => a.toLowerCase()),
      ),
    ),
    // One-word names only: "ml" of "ml framework" is a qualifier, not the category ("% of ml papers").
    nounStems: new Set(
      [dataset.meta.noun, ...dataset.meta.nounTerms]
        .map(tokenize)
        .filter((words) => words.length === 1)
        .flat()
        .map(stem),
    ),
    fieldStems: fieldStems(dataset.meta.fieldTerms),
    estateWords: new Set(dataset.meta.estateWords.flatMap(tokenize)),
    estateOption: new Map(
      dataset.flow.questions.flatMap((q) =>
        q.options.flatMap((o) => (o.estateOf ? [[o.estateOf, optionKey(q.id, o.id)] as const] : [])),
      ),
    ),
    senses,
    sensesByTerm,
    facts: buildFactIndex(dataset, ids),
    passages: new PassageIndex(dataset),
    units: compileUnits(dataset.meta.units),
    needQuestions: linkNeedsToQuestions(dataset),
    countedIn: (unit) => countedIn.get(unit) ?? NONE,
    byQuantity: (unit, value, kind) => {
      const within = (
        qs: { unit: string; min?: number | undefined; max?: number | undefined }[] | undefined,
      ) =>
        (qs ?? []).some(
          (q) =>
            q.unit === unit &&
            (q.min === undefined || value >= q.min) &&
            (q.max === undefined || value <= q.max),
        );
      return kind === "need"
        ? dataset.needs.filter((n) => within(n.quantities)).map((n) => n.id)
        : dataset.flow.questions.flatMap((q) =>
            q.options.filter((o) => within(o.quantities)).map((o) => optionKey(q.id, o.id)),
          );
    },
    flowVectors: dataset.flow.questions.map((q) => ({
      question: q.id,
      options: q.options.map((o) => ({
        id: o.id,
        weights: dataset.technologies.map((t) => o.weights[t.id] ?? 0),
      })),
    })),
    weightVector: new Map(
      [...option].map(([key, o]) => [key, dataset.technologies.map((t) => o.weights[t.id] ?? 0)]),
    ),
  };
}

/** See `Knowledge.needQuestions`: terms compared as tokenised, units of count by id. */
function linkNeedsToQuestions(dataset: Dataset): Map<string, Set<string>> {
  const key = (term: string) => tokenize(term).join(" ");
  const out = new Map<string, Set<string>>();
  for (const n of dataset.needs) {
    const terms = new Set(n.terms.map(key));
    const units = new Set((n.quantities ?? []).map((q) => q.unit));
    const questions = new Set<string>();
    for (const q of dataset.flow.questions)
      for (const o of q.options)
        if (o.terms.some((t) => terms.has(key(t))) || (o.quantities ?? []).some((x) => units.has(x.unit)))
          questions.add(q.id);
    out.set(n.id, questions);
  }
  return out;
}

/** `aspect.narrows`, grouped by the broad aspect. */
function narrowersOf(dataset: Dataset): Map<string, { id: string; stems: ReadonlySet<string> }[]> {
  const out = new Map<string, { id: string; stems: ReadonlySet<string> }[]>();
  for (const a of dataset.aspects) {
    if (!a.narrows) continue;
    const list = out.get(a.narrows.aspect) ?? [];
    list.push({ id: a.id, stems: new Set(a.narrows.words.flatMap((w) => tokenize(w).map(stem))) });
    out.set(a.narrows.aspect, list);
  }
  return out;
}

/**
 * The stems of the field's words, with the verb each "-ion" noun is made from: "segment mris"
 * and "detect defects" name the same work as "segmentation" and "detection". English morphology,
 * not domain knowledge: the words themselves come from `meta.fieldTerms`.
 */
function fieldStems(terms: string[]): Set<string> {
  const words = terms.flatMap(tokenize);
  const verbs = words.flatMap((w) => {
    const m = /^([a-z]{4,}?)(?:ation|ion)$/.exec(w);
    return m?.[1] ? [m[1]] : [];
  });
  return new Set([...words, ...verbs].map(stem));
}
