import { z } from "zod";

/**
 * The shape every Stackwise dataset must have. The engine reads nothing else, so any topic
 * (frameworks, databases, queues...) written in this shape works without code changes.
 * Ids are kebab-case so they can travel inside platform payloads (button values, custom ids).
 */

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a kebab-case id");
const text = z.string().trim().min(1);
/** Words and phrases users type for a thing; matched case-insensitively and with typo tolerance. */
const terms = z.array(z.string().trim().min(1)).min(1);
/** Section ids of the source document a statement comes from. */
const sources = z.array(id).min(1);

export const sectionSchema = z.object({
  id,
  /** The heading as the source document prints it. */
  title: text,
});

/**
 * What kind of flaw an editorial note records, so a reply can say so before the details: the
 * page contradicts itself (`inconsistent`), sets side by side figures that measure different
 * things (`incomparable`), labels something wrongly (`mislabel`), prints something that cannot
 * be right (`error`), leaves something out (`missing`), gives a figure it never explains
 * (`unexplained`), states what could not be checked (`unverified`); or the note records an
 * editors' decision rather than a flaw of the page (`editorial`).
 */
export const noteKindSchema = z.enum([
  "inconsistent",
  "incomparable",
  "mislabel",
  "error",
  "missing",
  "unexplained",
  "unverified",
  "editorial",
]);

export const editorialNoteSchema = z.object({
  id,
  kind: noteKindSchema,
  section: id,
  problem: text,
  action: text,
  /**
   * Aspect, need and topic ids the flaw concerns: a doubt that reads one of them ("jax tco is the
   * exact same as tf? sus") meets this note, whatever words it uses.
   */
  about: z.array(id).default([]),
});

/**
 * A unit users count in ("200k samples", "8 GPUs", "$60k a run"): the words that name it after a
 * number. The reader never guesses a unit from the number alone.
 */
export const unitSchema = z.object({
  id,
  words: z.array(z.string().trim().min(1)),
  /** Counted only with a scale ("7B params", not "3 models"). */
  needsScale: z.boolean().default(false),
  /**
   * The largest count a user's own situation holds in this unit: "8-10m devs" quotes a
   * community's size, not a team's, and stays a bare figure.
   */
  max: z.number().positive().optional(),
  /** How a reply writes an amount in this unit, "#" standing for the number ("$#", "# GPU-hours"). */
  format: z.string().includes("#").optional(),
  note: text.optional(),
});

export const metaSchema = z.object({
  id,
  topic: text,
  /** How a user would name the category ("framework", "database"). */
  noun: text,
  /** Other words users use for the category ("fw", "library", "tool"): never the subject of a question. */
  nounTerms: z.array(text).default([]),
  /**
   * Words of the field in general ("classifier", "neural network", "training"): a project
   * described in them is one the category serves, even when no constraint of the flow is named.
   */
  fieldTerms: z.array(text).default([]),
  /**
   * Chat shorthand and the word it stands for ("qs": "questions", "hrs": "hours"): read as that
   * word wherever it is typed. One word each way.
   */
  abbreviations: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().regex(/^[a-z]+$/)).default({}),
  /** Units that flow options and needs can state ranges in; "usd" and "usd-month" are read from "$" too. */
  units: z.array(unitSchema).default([]),
  /**
   * Words that, right beside a technology's name, make it what a team already runs ("years",
   * "prod", "infra", "codebase", "our"): the name then answers that technology's estate option.
   */
  estateWords: z.array(text).default([]),
  /** Words that keep their capital mid-sentence ("training on Google TPUs"). */
  properNouns: z.array(text).default([]),
  sourceDocument: z.object({ path: text, title: text }),
  sections: z.array(sectionSchema).min(1),
  editorialNotes: z.array(editorialNoteSchema),
  /** Well-known names outside the dataset, so the bot can say "not covered" instead of guessing. */
  otherTechnologies: z.array(text),
  /** Aspects shown when a user names a technology and nothing else ("tell me about X"). */
  profileAspects: z.array(id).min(1),
  /** Rows of an overall comparison table ("X vs Y" with no aspect). */
  summaryAspects: z.array(id).min(1),
  /** Aspect quoted as the winner's downside in a recommendation ("weaknesses"), if the dataset has one. */
  tradeoffAspect: id.optional(),
  /**
   * Topic holding the source's own overall advice ("what's the bottom line recommendation?"): asked
   * about with no team described, it is answered as the source's verdict, not with the guided questions.
   */
  adviceTopic: id.optional(),
  /**
   * Sections where the source says when to choose what: a need citing one of them is one of the
   * source's own reasons to pick its technology ("what would it take for X to win?").
   */
  decisionSections: z.array(id).default([]),
  /**
   * The sections where the source gives its own verdict (its recommendation, its analysis): a need
   * citing one is a trigger the source names, and weighs more in a recommendation than others.
   */
  triggerSections: z.array(id).default([]),
  /**
   * Needs the source names as enough on their own to leave its default pick (the Recommendation's
   * "select JAX when ... or ... or ...", the Analysis's "should choose JAX"): stated in a
   * description, each counts even when the same words also answered a flow question. A condition
   * the source names only beside others ("and your team has strong functional programming
   * expertise") is not one.
   */
  standaloneTriggers: z.array(id).default([]),
});

export const technologySchema = z.object({
  id,
  name: text,
  /** Other names users type: short forms, old names, companion libraries. */
  aliases: z.array(text),
  /**
   * Aliases that are ordinary words too ("torch" a flashlight, "flax" a plant): alone, with
   * nothing else of the topic in the message, they do not name the technology.
   */
  everydayAliases: z.array(text).default([]),
  /**
   * Names other things share (JAX the city and the game character, "tf" of "wtf" or a transfer
   * function): a message naming the technology only by these, among things the source never
   * mentions and no word of the field, is about something else.
   */
  sharedNames: z.array(text).default([]),
  /**
   * Aliases that name a part of the technology (one of its libraries, tools or APIs: "keras",
   * "tfx", "torch.compile") rather than the whole: a question naming one asks about that part, so
   * its answer must name it too.
   */
  components: z.array(text).default([]),
});

export const aspectSchema = z.object({
  id,
  label: text,
  group: id,
  /**
   * Question frames this aspect answers besides "what is the figure": "who" (organisations and
   * people), "when" (dates), "how" (a mechanism), "money" (prices and costs). A question in such a
   * frame is read as an aspect that answers it, or from the passages.
   */
  frames: z.array(z.enum(["who", "when", "how", "money"])).default([]),
  terms,
  /**
   * A broader aspect this one narrows, and the words that narrow it: "more expensive to train"
   * reads the cost aspect, and "train" beside it in the same clause makes it the training cost.
   */
  narrows: z.object({ aspect: id, words: z.array(text).min(1) }).optional(),
  /** When facts carry numbers, which way is better; absent when figures are not comparable. */
  better: z.enum(["higher", "lower"]).optional(),
  /**
   * The source's own call on this aspect, if it makes one: `pick` beats all the others; `order`
   * ranks the technologies it names (a comparison among them has a winner); neither: a split call.
   */
  verdict: z
    .object({
      pick: id.nullable(),
      text,
      sources,
      /** Best first, for technologies the source ranks on this aspect; any pair within it has a winner. */
      order: z.array(id).optional(),
    })
    .optional(),
});

export const numberSchema = z.object({
  low: z.number(),
  high: z.number(),
  /** Canonical unit shared by every fact of the aspect, so values compare. */
  unit: text,
});

export const factSchema = z.object({
  tech: id,
  aspect: id,
  /** The figure exactly as the source gives it (ranges stay ranges, units kept); absent for prose facts. */
  value: z.string().trim().min(1).optional(),
  /** A sentence or two in our own words. */
  text,
  items: z.array(text).optional(),
  number: numberSchema.optional(),
  source: id,
  /** Present when the source does not state this directly and we inferred it from other sections. */
  derived: z.object({ from: sources, note: text }).optional(),
  /** "unknown" when the source's value is unusable; the text then says why. */
  status: z.enum(["known", "unknown"]).default("known"),
});

/** A count the option or need stands for, so "300 GPUs" or "$100K per run" can select it. */
export const quantitySchema = z
  .object({ unit: id, min: z.number().optional(), max: z.number().optional() })
  .refine((q) => q.min !== undefined || q.max !== undefined, "give min, max or both");

export const needSchema = z.object({
  id,
  label: text,
  terms,
  pick: id,
  reason: text,
  /** What each other technology offers instead. */
  others: z.record(z.string(), text),
  sources,
  quantities: z.array(quantitySchema).optional(),
});

export const flowOptionSchema = z.object({
  id,
  label: text,
  terms,
  /** Points per technology; positive favours it. */
  weights: z.record(z.string(), z.number()),
  rationale: text,
  sources,
  quantities: z.array(quantitySchema).optional(),
  /**
   * The technology whose existing use this option is: its name beside one of `meta.estateWords`
   * ("6 yrs of tensorflow in prod", "our torch stack") answers this option.
   */
  estateOf: id.optional(),
});

export const flowQuestionSchema = z.object({
  id,
  prompt: text,
  /** Short name used in summaries ("hardware"). */
  topic: text,
  options: z.array(flowOptionSchema).min(2),
});

export const flowSchema = z.object({
  /** Starting points before any answer: the source's default pick. */
  prior: z.object({ weights: z.record(z.string(), z.number()), rationale: text, sources }),
  questions: z.array(flowQuestionSchema).min(1),
  /** Answers a free-text description must give before we recommend without asking more. */
  minAnswersToRecommend: z.number().int().min(1),
  /** With fewer answers, still recommend when the leader is this many points ahead. */
  confidentLead: z.number().positive().default(3),
});

export const topicFactSchema = z.object({
  id,
  label: text,
  terms,
  text,
  items: z.array(text).optional(),
  pick: id.nullable().optional(),
  /** Technologies the entry is about without being a pick (the code sample is JAX code). */
  technologies: z.array(id).default([]),
  sources,
});

/**
 * One statement of the source page in our own words, so every statement can be found, quoted
 * and cited even when no aspect was written for it (a code sample's learning rate, a price inside
 * a cost estimate). Figures stay exactly as the source gives them.
 */
export const passageSchema = z.object({
  id,
  section: id,
  /** Technology ids the statement is about; empty for page-level statements. */
  technologies: z.array(id),
  text,
  /** Words users may type for this that the text does not contain (abbreviations, synonyms). */
  terms: z.array(z.string().trim().min(1)).default([]),
  /** The editor's note where the source is flawed, inconsistent or compares unlike things. */
  note: text.optional(),
});

/**
 * Another sense of a word the dataset uses (Jacksonville for "jax", the plant for "flax", an
 * electrical transformer): the sense's own vocabulary, so a message whose words fit that sense
 * better than the field is read as about it (Lesk's gloss overlap, with an editor's word list as
 * the gloss).
 */
export const senseSchema = z.object({
  id,
  /** What the word means in this sense, as a reply names it ("Jacksonville, Florida"). */
  label: text,
  /** The words, as typed, that can carry this sense ("jax", "torch", "stars"). */
  terms: z.array(text).min(1),
  /**
   * Words that go with this sense and almost never with the field ("airport", "seeds", "voltage").
   * A word a question about the field could use beside the term ("build", "patch", "production")
   * does not belong here: it would turn that question away.
   */
  words: z.array(text).min(3),
});

export const datasetSchema = z.object({
  meta: metaSchema,
  technologies: z.array(technologySchema).min(2),
  aspects: z.array(aspectSchema).min(1),
  facts: z.array(factSchema).min(1),
  needs: z.array(needSchema),
  flow: flowSchema,
  topic: z.array(topicFactSchema),
  /** Every statement of the source, for retrieval; optional for small datasets. */
  passages: z.array(passageSchema).default([]),
  /** Other senses of the dataset's words; optional. */
  senses: z.array(senseSchema).default([]),
});

export type Section = z.infer<typeof sectionSchema>;
export type Meta = z.infer<typeof metaSchema>;
export type NoteKind = z.infer<typeof noteKindSchema>;
export type EditorialNote = z.infer<typeof editorialNoteSchema>;
export type Sense = z.infer<typeof senseSchema>;
export type UnitDef = z.infer<typeof unitSchema>;
export type Technology = z.infer<typeof technologySchema>;
export type Aspect = z.infer<typeof aspectSchema>;
export type Fact = z.infer<typeof factSchema>;
export type Need = z.infer<typeof needSchema>;
export type FlowOption = z.infer<typeof flowOptionSchema>;
export type FlowQuestion = z.infer<typeof flowQuestionSchema>;
export type Flow = z.infer<typeof flowSchema>;
export type TopicFact = z.infer<typeof topicFactSchema>;
export type Passage = z.infer<typeof passageSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
