import type { Cue } from "./cues.js";
import type { Entry, Kind, Knowledge } from "./knowledge.js";
import { ownTeam, wordsBeside } from "./recognise/mentions.js";
import { contentWords } from "./text/analysis.js";
import { type InputToken, type Match, rankMatches } from "./text/matcher.js";
import { NOT_SUPERLATIVE, stem, tokenize } from "./text/normalize.js";
import { type Quantity, quantities } from "./text/quantities.js";
import { STOPWORDS } from "./text/stopwords.js";

export interface Scored {
  id: string;
  score: number;
  /** Token position of the first mention, to tell separate constraints from one phrase read twice. */
  start: number;
}

/** Everything the engine reads out of one message, before deciding what to answer. */
export interface Understanding {
  tokens: InputToken[];
  /** Technology ids in the order they were mentioned. */
  techs: string[];
  /**
   * Technologies named only inside a constraint ("10 devs who know keras", "400k lines of tf2
   * code"): what the team has, not what the question is about.
   */
  constraintTechs: string[];
  /** Separate mentions of technologies: 2 with one id is "PyTorch 2 vs PyTorch 1.x", versions of one. */
  techMentions: number;
  /** Names of technologies outside the dataset (known other names, or names in a comparison slot). */
  unknown: string[];
  aspects: Scored[];
  needs: Scored[];
  topics: Scored[];
  /** Best matching option per flow question. */
  options: Map<string, Scored>;
  cues: Set<Cue>;
  /** A bare number ("2", "#2", "option 2"): a pick from the numbered choices. */
  number: number | null;
  /** Needs the user ruled out ("we don't need mobile", "which should we NOT use for TPUs"). */
  negatedNeeds: Scored[];
  /** Flow answers the user ruled out ("we don't use TPUs"): question id -> option. */
  negatedOptions: Map<string, Scored>;
  /** Numbers with their units ("200k samples", "$60k a run"). */
  quantities: Quantity[];
  /** Aliases read in their everyday sense ("gonna torch our old cluster"): no technology named. */
  otherSenses: string[];
  /** Every phrase found, by token span: which words each reading explains. */
  spans: Span[];
  /**
   * The message asks something: a "?", a question word, or a clause opening with an auxiliary
   * ("is jax free"). False for a plain statement ("wanna train an image classifier fast").
   */
  asks: boolean;
}

/** Words before a verb ("to", "gonna", "just", modals): what follows them is done, not named. */
const VERB_HELPERS = new Set(
  "to gonna wanna just will ll lets let should shall can could would must might finally".split(" "),
);
/** Words that open a verb's object ("the", "our", "it"). */
const VERB_OBJECTS = new Set(
  "the a an our my your their his her its it them this that these those all everything".split(" "),
);

/** Words that make a question wherever they stand. */
const QUESTION_WORDS = new Set("what which how who when where why whats hows whos wat wut".split(" "));
/** Words that make a question at the start of a clause ("is jax free", "any ideas"). */
const QUESTION_OPENERS = new Set(
  "is are was were does do did can could should would will any shall has have".split(" "),
);

/** Words that may come before a clause's question opener ("and will it be hard to learn"). */
const LEADING = new Set(["and", "also", "plus", "so", "but", "ok", "okay", "then", "oh"]);

/**
 * Subjects an opening "were" asks about ("were the numbers right", "were you"). "we're" is read as
 * "were" too: "we're a 2-person team" is a statement, so "were" opens a question only before one.
 */
const WERE_SUBJECTS = new Set("you u they there the these those we it any all both its their".split(" "));

function asksSomething(text: string, tokens: InputToken[]): boolean {
  if (text.includes("?")) return true;
  let clause = -1;
  let first = true;
  let prev = "";
  for (const [i, t] of tokens.entries()) {
    if (t.clause !== clause) first = true;
    clause = t.clause;
    // "one dev who knows python": "who" after a word of its clause that names someone is a
    // relative pronoun, not a question.
    const relative = t.raw === "who" && !first && !STOPWORDS.has(prev);
    const opener =
      QUESTION_OPENERS.has(t.raw) && (t.raw !== "were" || WERE_SUBJECTS.has(tokens[i + 1]?.raw ?? ""));
    if ((QUESTION_WORDS.has(t.raw) && !relative) || (first && opener)) return true;
    prev = t.raw;
    if (!LEADING.has(t.raw)) first = false;
  }
  return false;
}

/** A dataset phrase or cue found in the message, over tokens [start, end). */
export interface Span {
  kind: Kind;
  id: string;
  start: number;
  end: number;
}

/** Words after which a name is expected ("pytorch vs blorp", "what about blorp"). */
const NAME_SLOT_BEFORE = new Set(["vs", "versus", "v", "about", "than", "compare"]);
/** Joining words that introduce a name only next to a known technology ("pytorch and blorp"). */
const NAME_SLOT_JOIN = new Set(["and", "or", "with", "to", "like"]);
const NAME_SLOT_AFTER = new Set(["vs", "versus", "v", "compare", "compares", "comparison"]);

/** Words that turn what follows in their clause around ("we don't use TPUs", "nobody knows FP"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  "not",
  "no",
  "dont",
  "doesnt",
  "didnt",
  "isnt",
  "arent",
  "wont",
  "never",
  // "zero functional programming exp": none of it.
  "zero",
  "nobody",
  "nothing",
  "none",
  "without",
  "avoid",
  "hate",
  "hates",
  "dislike",
  "nah",
  "neither",
  "nor",
  "worst",
  "cant",
  "cannot",
  // "what if we drop on-device", "ditch the tpus": giving a thing up rules it out.
  "drop",
  "ditch",
]);
/** Words that end a negation's reach: a new subject, or a turn ("but"). */
const NEGATION_ENDS: ReadonlySet<string> = new Set(
  "we i they you it its this there theres thats but our my weve were im".split(" "),
);
/** How far a negation reaches, in words that say something, within its clause. */
export const NEGATION_REACH = 5;
/** Weight of a count the dataset attaches to an option or need ("300 GPUs" -> more than 128). */
const QUANTITY_SCORE = 8;

/**
 * How many separate constraints the text states: options and needs read from the same words count
 * once. `counts` can leave out those starting at some positions.
 */
export function constraintCount(
  u: Understanding,
  minScore: number,
  counts: (start: number) => boolean = () => true,
): number {
  const starts = new Set<number>();
  for (const o of u.options.values()) if (o.score >= minScore && counts(o.start)) starts.add(o.start);
  for (const n of u.needs) if (n.score >= minScore && counts(n.start)) starts.add(n.start);
  return starts.size;
}

/**
 * A statement of what someone is building, with no question in it ("hackathon this weekend, wanna
 * train an image classifier fast"): said to this bot, it asks what to use. A sentence, not a
 * keyword query ("tpu support"), and naming at least one constraint.
 */
export function statesBrief(u: Understanding, minScore: number): boolean {
  if (u.asks || u.tokens.length < 6) return false;
  // "stack overflow question counts for all three pls": words inside a longer phrase naming an
  // aspect name that figure, not a constraint of a team ("stack overflow" is no "community support").
  const aspectSpans = u.spans.filter((s) => s.kind === "aspect");
  const insideAspect = (start: number) =>
    u.spans.some(
      (o) =>
        (o.kind === "option" || o.kind === "need") &&
        o.start === start &&
        aspectSpans.some((a) => a.start <= o.start && o.end <= a.end && a.end - a.start > o.end - o.start),
    );
  return constraintCount(u, minScore, (start) => !insideAspect(start)) >= 1;
}

export function understand(k: Knowledge, text: string): Understanding {
  const tokens = k.vocabulary.resolve(text);
  // One scan of the message for every kind of phrase, then sorted by kind.
  const byKind = new Map<Kind, Match<Entry>[]>();
  const counted = quantities(tokens, k.units, text);
  // A figure the message says what it counts ("50k images", "8 gpus") is that count: a term made of
  // the bare figure ("50k", a budget threshold) does not read it again as something else.
  const figures = new Set(counted.map((q) => q.start));
  const bareFigure = (m: Match<Entry>) => m.end - m.start === 1 && figures.has(m.start);
  // "2 backend devs": the words of a count's unit say what is counted; they name no aspect
  // (community size, counted in developers) of their own. Nor a need or answer the count itself
  // decides: "300 gpu hours" is under the 1000 GPU-hours of large-scale training.
  const unitWords = (m: Match<Entry>) =>
    counted.some(
      (q) =>
        q.start < m.start &&
        m.end <= q.end &&
        (m.value.kind === "aspect" || k.countedIn(q.unit).has(m.value.id)),
    );
  // "gonna torch our old cluster", "should we just torch the staging box": an everyday alias
  // between a verb's helper and its object is the verb, not the technology.
  const usedAsVerb = (m: Match<Entry>) =>
    m.value.kind === "tech" &&
    m.end - m.start === 1 &&
    k.everydayAliases.has(tokens[m.start]?.raw ?? "") &&
    VERB_HELPERS.has(tokens[m.start - 1]?.raw ?? "") &&
    VERB_OBJECTS.has(tokens[m.end]?.raw ?? "");
  const otherSenses: string[] = [];
  const found = outermost(k.index.find(tokens), tokens);
  // "slower than compiled pt2", "vs optimised pytorch": a participle right before a name says
  // which state of the technology is meant; it names no aspect ("compile time") of its own.
  const techStarts = new Set(found.filter((m) => m.value.kind === "tech").map((m) => m.start));
  const qualifiesName = (m: Match<Entry>) =>
    m.value.kind !== "tech" &&
    m.end - m.start === 1 &&
    techStarts.has(m.end) &&
    /[a-z]{3}ed$/.test(tokens[m.start]?.raw ?? "");
  for (const m of found) {
    if (usedAsVerb(m)) {
      otherSenses.push(tokens[m.start]?.raw ?? "");
      continue;
    }
    if (bareFigure(m) || unitWords(m) || qualifiesName(m)) continue;
    const list = byKind.get(m.value.kind);
    if (list) list.push(m);
    else byKind.set(m.value.kind, [m]);
  }
  const of = (kind: Kind) => byKind.get(kind) ?? [];
  const ids = (matches: Match<Entry>[]) =>
    matches.map((m) => ({ value: m.value.id, start: m.start, end: m.end, score: m.score, rank: m.rank }));

  const techMatches = ids(of("tech"));
  const techSpan = new Set<number>();
  const nameSpan = new Set<number>();
  for (const m of techMatches) {
    for (let i = m.start; i < m.end; i++) {
      techSpan.add(i);
      if (k.nameStems.has(tokens[i]?.stem ?? "")) nameSpan.add(i);
    }
  }
  // A term that only repeats a technology's name ("tensorflow" in "tensorflow serving") says nothing
  // more; the other words of an alias ("serving", "mobile") still count.
  const insideTech = (m: Match<unknown>) => {
    for (let i = m.start; i < m.end; i++) if (!nameSpan.has(i)) return false;
    return true;
  };

  const cues = new Set(of("cue").map((m) => m.value.id as Cue));
  for (const t of tokens) for (const cue of k.rawCues.get(t.raw) ?? []) cues.add(cue);
  if (tokens.some((t) => isSuperlative(t.raw))) cues.add("best");
  // "the side by side task for jax": comparing words inside the name of a part of the page (a
  // topic or aspect phrase as long) name that part; they compare nothing.
  const named = [...of("topic"), ...of("aspect")];
  const compares = of("cue").filter((m) => m.value.id === "compare");
  if (
    compares.length > 0 &&
    compares.every((c) => c.end - c.start >= 2 && named.some((n) => n.start <= c.start && c.end <= n.end)) &&
    !tokens.some((t) => (k.rawCues.get(t.raw) ?? []).includes("compare"))
  )
    cues.delete("compare");
  // "libraries on top of jax": a position, not a ranking, when "top" is the only ranking word.
  const bestAt = of("cue").filter((m) => m.value.id === "best");
  if (
    bestAt.length > 0 &&
    bestAt.every((m) => tokens[m.start]?.raw === "top" && tokens[m.start - 1]?.raw === "on") &&
    !tokens.some((t) => isSuperlative(t.raw))
  )
    cues.delete("best");
  if (asksWhatToChoose(tokens, techMatches)) cues.add("recommend");
  // "can you walk me through picking a framework": choosing, and the category chosen among.
  if (
    techMatches.length === 0 &&
    tokens.some((t) => CHOOSING_STEMS.has(t.stem)) &&
    tokens.some((t) => k.nounStems.has(t.stem))
  )
    cues.add("recommend");
  if (cues.has("recommend") && sourceAdvises(tokens, of("cue"))) cues.delete("recommend");
  if (asksConditions(tokens)) cues.add("conditions");
  if (asksToAdopt(tokens, techMatches, text)) cues.add("adopt");
  if (cues.has("conditions")) cues.add("whatIf");

  const negated = negatedAt(tokens);
  const isNegated = (m: Match<unknown>) => {
    for (let i = m.start; i < m.end; i++) if (NEGATORS.has(tokens[i]?.raw ?? "")) return false;
    return negated.has(m.start);
  };
  // In a long message, the clause that names a technology (or the last one) carries the question.
  const clauses = (tokens[tokens.length - 1]?.clause ?? 0) + 1;
  const focusClause =
    clauses > 1
      ? techMatches.length
        ? (tokens[techMatches[techMatches.length - 1]?.start ?? 0]?.clause ?? 0)
        : clauses - 1
      : -1;
  const weigh = (matches: Match<Entry>[]) =>
    focusClause < 0
      ? matches
      : matches.map((m) =>
          tokens[m.start]?.clause === focusClause
            ? { value: m.value, start: m.start, end: m.end, score: m.score * 1.5, rank: m.rank * 1.5 }
            : m,
        );
  const toScored = (r: { value: Entry; score: number; start: number }) => ({
    id: r.value.id,
    score: r.score,
    start: r.start,
  });
  const scored = (kind: Kind, keep: (m: Match<Entry>) => boolean = () => true) =>
    rankMatches(weigh(of(kind).filter(keep)), insideTech).map(toScored);

  // "tight memory", "small arm boards": a one-word option right before an aspect of another
  // question's topic qualifies that noun; it answers nothing. "tight budget" still answers budget.
  // Only an adjective qualifies so: "cloud gpus" states the cloud as well as the GPUs.
  const aspectStarts = new Map(of("aspect").map((m) => [m.start, m] as const));
  let adjectives: Set<string> | undefined;
  const qualifiesOther = (m: Match<Entry>) => {
    const next = aspectStarts.get(m.end);
    if (m.end - m.start !== 1 || !next) return false;
    adjectives ??= new Set(
      contentWords(text)
        .filter((w) => w.pos === "ADJ")
        .map((w) => w.word),
    );
    if (!adjectives.has(tokens[m.start]?.raw ?? "")) return false;
    const questionId = m.value.id.split("/")[0] ?? "";
    const topic = new Set(tokenize(`${questionId} ${k.question.get(questionId)?.topic ?? ""}`).map(stem));
    return !tokens.slice(next.start, next.end).some((t) => topic.has(t.stem));
  };
  const options = new Map<string, Scored>();
  for (const r of rankMatches(
    of("option").filter((m) => !isNegated(m) && !qualifiesOther(m)),
    insideTech,
  )) {
    const [questionId, optionId] = r.value.id.split("/") as [string, string];
    if (!options.has(questionId)) options.set(questionId, { id: optionId, score: r.score, start: r.start });
  }
  const negatedOptions = new Map<string, Scored>();
  for (const r of rankMatches(of("option").filter(isNegated), insideTech)) {
    const [questionId, optionId] = r.value.id.split("/") as [string, string];
    if (!negatedOptions.has(questionId))
      negatedOptions.set(questionId, { id: optionId, score: r.score, start: r.start });
  }
  // "6 yrs of tensorflow in prod", "5 yrs of tf serving infra", "our torch stack": a name beside a
  // word of an estate is what the team runs, the answer to that technology's estate option.
  // Only a team's own: "which companies run jax in prod" asks about others.
  const acrossGap = (raw: string) => ESTATE_GAP.has(raw) || /^\d/.test(raw);
  const estates = ownTeam(tokens, counted)
    ? techMatches.filter((m) => wordsBeside(tokens, m, acrossGap, 3, true).some((w) => k.estateWords.has(w)))
    : [];
  for (const m of estates) {
    const [questionId, optionId] = (k.estateOption.get(m.value) ?? "").split("/");
    const known = questionId ? options.get(questionId) : undefined;
    if (questionId && optionId && (!known || known.score < ESTATE_SCORE))
      options.set(questionId, { id: optionId, score: ESTATE_SCORE, start: m.start });
  }
  // A stated count ("300 gpus") settles its question, whatever words came with it.
  for (const q of counted) {
    for (const hit of k.byQuantity(q.unit, q.value, "option")) {
      const [questionId, optionId] = hit.split("/") as [string, string];
      options.set(questionId, { id: optionId, score: QUANTITY_SCORE, start: q.start });
    }
  }
  const needs = scored("need", (m) => !isNegated(m));
  for (const q of counted) {
    for (const id of k.byQuantity(q.unit, q.value, "need")) {
      if (!needs.some((n) => n.id === id)) needs.push({ id, score: QUANTITY_SCORE, start: q.start });
    }
  }
  needs.sort((a, b) => b.score - a.score || a.start - b.start);

  return {
    tokens,
    asks: asksSomething(text, tokens),
    ...mentions(techMatches),
    constraintTechs: [
      ...new Set([...constraintTechs(techMatches, of("option")), ...estateOnly(techMatches, estates)]),
    ],
    unknown: unknownNames(ids(of("other")), tokens, techSpan, text, counted),
    aspects: narrowed(k, scored("aspect"), tokens),
    needs,
    topics: scored("topic"),
    options,
    cues,
    number: bareNumber(tokens),
    negatedNeeds: scored("need", isNegated),
    negatedOptions,
    quantities: counted,
    otherSenses,
    spans: [...byKind.values()]
      .flat()
      .map((m) => ({ kind: m.value.kind, id: m.value.id, start: m.start, end: m.end })),
  };
}

/** Verbs of choosing or adopting a tool ("what do we pick", "what should a course use"). */
const CHOICE_VERBS = new Set([
  "pick",
  "choose",
  "use",
  "adopt",
  "select",
  "go",
  "standardize",
  "standardise",
]);
const WH_CHOICE = new Set(["what", "which", "whats"]);
/** Stems of choosing in any form ("picking", "chose", "selecting", "deciding on"). */
const CHOOSING_STEMS = new Set(["pick", "choos", "chose", "select", "decid"]);
/** "what should a course use" asks for advice whoever the subject is; "what does jane street use" does not. */
const ADVICE_AUXILIARIES = new Set(["should", "would", "could", "shall", "must", "to"]);
/** "what do we pick", "what can i use": a plain auxiliary asks for a choice only in the first person. */
const PLAIN_AUXILIARIES = new Set(["do", "does", "will", "can"]);
const CHOOSERS = new Set(["we", "i", "us", "my", "our", "you"]);

/**
 * "what do we pick", "what should a uni course use": a wh-word, an auxiliary, then within a few
 * words a verb of choosing, in a clause that names none of our technologies. "what license does
 * jax use" names one; "what optimizer does the sample use" puts a noun after "what".
 */
function asksWhatToChoose(tokens: InputToken[], techs: { start: number }[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as InputToken;
    const aux = tokens[i + 1]?.raw ?? "";
    if (!WH_CHOICE.has(t.raw) || !(ADVICE_AUXILIARIES.has(aux) || PLAIN_AUXILIARIES.has(aux))) continue;
    for (let j = i + 2; j <= i + 5 && tokens[j]?.clause === t.clause; j++) {
      if (!CHOICE_VERBS.has(tokens[j]?.raw ?? "")) continue;
      const chooser = tokens.slice(i + 2, j).some((w) => CHOOSERS.has(w.raw));
      const named = techs.some((m) => tokens[m.start]?.clause === t.clause);
      if (!named && (ADVICE_AUXILIARIES.has(aux) || chooser)) return true;
    }
  }
  return false;
}

/** Words standing for a technology just named ("use it", "go with that"). */
const TECH_PRONOUNS = new Set(["it", "that", "this", "them"]);
/** Auxiliaries that make a choice verb a question ("should we use it", "can we go with jax"). */
const ADOPT_AUXILIARIES = new Set(["should", "shall", "could", "would", "can", "do", "will"]);

/**
 * "use it for our first dl project?", "go with jax for us?": a choice verb whose object (within
 * two words) is a technology or a pronoun for one, in a clause that names the asker's side.
 */
function asksToAdopt(tokens: InputToken[], techs: { start: number }[], text: string): boolean {
  const last = tokens[tokens.length - 1]?.clause;
  return tokens.some((t, i) => {
    if (!CHOICE_VERBS.has(t.raw)) return false;
    const clause = tokens.filter((w) => w.clause === t.clause);
    if (clause.some((w) => QUESTION_WORDS.has(w.raw))) return false;
    // Asked, not stated ("we use jax, how big is it"): an auxiliary before the verb ("should we
    // use it"), or the verb opening the closing clause of a question ("use it for our project?").
    const asked =
      [1, 2].some((d) => ADOPT_AUXILIARIES.has(tokens[i - d]?.raw ?? "")) ||
      (clause[0] === t && t.clause === last && text.trim().endsWith("?"));
    if (!asked) return false;
    const object = [i + 1, i + 2].some(
      (j) => TECH_PRONOUNS.has(tokens[j]?.raw ?? "") || techs.some((m) => m.start === j),
    );
    const ours = tokens.some((w) => w.clause === t.clause && CHOOSERS.has(w.raw) && w.raw !== "you");
    return object && ours;
  });
}

/**
 * "when does the page say to go jax", "when should a team pick tf": "when" before a choice verb in
 * its clause asks for the conditions of a pick, not for a date.
 */
function asksConditions(tokens: InputToken[]): boolean {
  return tokens.some(
    (t, i) =>
      (t.raw === "when" || t.raw === "whens") &&
      tokens.slice(i + 1, i + 7).some((w) => w.clause === t.clause && CHOICE_VERBS.has(w.raw)),
  );
}

/** Words that stand for the source page as the one giving advice ("does it suggest", "the page recommends"). */
const SOURCE_SUBJECTS = new Set(["it", "page", "source", "article", "they", "doc", "docs", "author", "site"]);

/**
 * "what distributed training frameworks does it suggest comparing": the page's advice is asked
 * about, not ours. True when every recommending word has the page (or "it") just before it.
 */
function sourceAdvises(tokens: InputToken[], cueMatches: Match<Entry>[]): boolean {
  const advice = cueMatches.filter((m) => m.value.id === "recommend");
  return (
    advice.length > 0 &&
    advice.every((m) => [1, 2].some((d) => SOURCE_SUBJECTS.has(tokens[m.start - d]?.raw ?? "")))
  );
}

/**
 * Maximal munch for topics: a need, flow option or aspect lying inside a topic's longer phrase is
 * part of it ("distributed training" inside "distributed training frameworks"), not a reading of
 * its own. Only when the topic's phrase holds more content words: "which is fastest" names the
 * speed aspect, its other words only ask.
 */
/** Cues that name an act of the conversation (asking for advice, for help, for the result). */
const ACTS: ReadonlySet<string> = new Set(["recommend", "help", "result", "conditions", "correction"]);

function outermost(matches: Match<Entry>[], tokens: InputToken[]): Match<Entry>[] {
  const cueAt = new Set<number>();
  for (const m of matches) if (m.value.kind === "cue") for (let i = m.start; i < m.end; i++) cueAt.add(i);
  const content = (m: Match<Entry>) => {
    let n = 0;
    for (let i = m.start; i < m.end; i++) if (!cueAt.has(i) && !STOPWORDS.has(tokens[i]?.raw ?? "")) n++;
    return n;
  };
  const topics = matches.filter((m) => m.value.kind === "topic");
  // "the guided recommendation thing": a phrase of the conversation ("guided recommendation")
  // holds the word, which then names no dataset entry ("guides" for documentation).
  // Only phrases of conversational acts do: "most expensive" (a direction) still names the cost.
  const phrases = matches.filter(
    (m) => m.value.kind === "cue" && ACTS.has(m.value.id) && m.end - m.start >= 2,
  );
  const inside = (m: Match<Entry>, outer: Match<Entry>) =>
    outer.start <= m.start && m.end <= outer.end && outer.end - outer.start > m.end - m.start;
  // "a team of python devs": a flow option's longer phrase holds the word ("devs"), which then
  // names no aspect (community size, counted in developers) of its own.
  const options = matches.filter((m) => m.value.kind === "option");
  return matches.filter(
    (m) =>
      !["aspect", "need", "option"].includes(m.value.kind) ||
      (!topics.some((t) => inside(m, t) && content(t) > content(m)) &&
        !phrases.some((c) => inside(m, c)) &&
        !(
          m.value.kind === "aspect" &&
          options.some((o) => inside(m, o) && content(o) > content(m) && o.score >= 2 * m.score)
        )),
  );
}

/** Token positions inside the reach of a negation word, within the same clause. */
function negatedAt(tokens: InputToken[]): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (!NEGATORS.has(t.raw)) return;
    // The reach counts words that say something: "nobody on the team has done functional
    // programming" negates the programming style, four filler words later.
    // A new subject or a "but" starts a statement of its own: "none of us has done deep learning
    // and we only know python", "no TPUs, we just have 2 nvidia gpus".
    let reach = 0;
    for (let j = i + 1; tokens[j]?.clause === t.clause && reach < NEGATION_REACH; j++) {
      if (NEGATION_ENDS.has(tokens[j]?.raw ?? "")) break;
      out.add(j);
      if (!STOPWORDS.has(tokens[j]?.raw ?? "")) reach++;
    }
  });
  return out;
}

function isSuperlative(word: string): boolean {
  return word.length >= 6 && word.endsWith("est") && !NOT_SUPERLATIVE.has(word);
}

/** Technology ids in order of first mention, and how many separate mentions name them. */
function mentions(matches: Match<string>[]): { techs: string[]; techMentions: number } {
  // Overlapping aliases ("tensorflow" and "tensorflow lite") are one mention, the longest.
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const techs: string[] = [];
  let techMentions = 0;
  let end = -1;
  for (const m of sorted) {
    if (!techs.includes(m.value)) techs.push(m.value);
    if (m.start < end) continue;
    techMentions++;
    end = m.end;
  }
  return { techs, techMentions };
}

function unknownNames(
  others: Match<string>[],
  tokens: InputToken[],
  techSpan: Set<number>,
  text: string,
  /** Counts read from the message: "about twelve people" holds a number, not a name. */
  counted: Quantity[] = [],
): string[] {
  const inCount = (i: number) => counted.some((q) => q.start <= i && i < q.end);
  const names = new Set<string>();
  for (const m of others) {
    if (!overlaps(techSpan, m.start, m.end)) names.add(m.value);
  }
  if (names.size > 0) return [...names];
  const nearTechAfter = (i: number) => techSpan.has(i) || techSpan.has(i + 1);
  // A word nobody knows, standing where a technology's name would ("pytorch vs blorp").
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as InputToken;
    if (techSpan.has(i) || t.candidates.size > 0 || STOPWORDS.has(t.raw) || inCount(i)) continue;
    // "does tesla use pytorch or nah": no is no name.
    if (NEGATORS.has(t.raw)) continue;
    if (!/^[a-z][a-z0-9.+#]{2,}$/.test(t.raw)) continue;
    const before = tokens[i - 1]?.raw ?? "";
    const after = tokens[i + 1]?.raw ?? "";
    // "is flux better than jax": the word before a comparative and "than" is the other side.
    const comparedWith = tokens[i + 2]?.raw === "than" && nearTechAfter(i + 3);
    const nearTech = techSpan.has(i - 2) || techSpan.has(i + 2);
    if (
      NAME_SLOT_BEFORE.has(before) ||
      (NAME_SLOT_JOIN.has(before) && nearTech) ||
      NAME_SLOT_AFTER.has(after) ||
      comparedWith
    ) {
      names.add(t.raw);
    }
  }
  if (names.size === 0) return [];
  // "upgrading vs switching", "keep tf or move": a verb in a name's place names nothing.
  const verbs = new Set(
    contentWords(text)
      .filter((w) => w.pos === "VERB" || w.pos === "ADJ" || w.pos === "ADV")
      .map((w) => w.word),
  );
  return [...names].filter((n) => !verbs.has(n));
}

function overlaps(positions: Set<number>, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (positions.has(i)) return true;
  return false;
}

function bareNumber(tokens: InputToken[]): number | null {
  const words = tokens
    .map((t) => t.raw)
    .filter((w) => !["option", "number", "no", "choice", "#"].includes(w));
  if (words.length !== 1) return null;
  const m = /^#?(\d{1,2})$/.exec(words[0] ?? "");
  return m ? Number(m[1]) : null;
}

/** Words between a name and the estate word beside it ("6 yrs of tf", "tf in prod"). */
const ESTATE_GAP = new Set(["of", "in", "on", "at", "the", "w", "with"]);
/** Weight of an estate read from a name and the word beside it: a flow answer, not a strong one. */
const ESTATE_SCORE = 6;

/** Technologies every mention of which is an estate ("6 yrs of tensorflow in prod"). */
function estateOnly(techs: Match<string>[], estates: Match<string>[]): string[] {
  const ids = [...new Set(estates.map((m) => m.value))];
  return ids.filter((id) => techs.filter((m) => m.value === id).every((m) => estates.includes(m)));
}

/** Technologies every mention of which lies inside a flow option's phrase ("know keras"). */
function constraintTechs(techs: Match<string>[], options: Match<Entry>[]): string[] {
  const inside = (m: Match<string>) =>
    options.some((o) => o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start);
  const ids = [...new Set(techs.map((m) => m.value))];
  return ids.filter((id) => techs.filter((m) => m.value === id).every(inside));
}

/**
 * "is tf more expensive to train than pytorch?": a broad aspect read beside a word that narrows
 * it (`aspect.narrows`: "train" for the cost) is the narrower aspect, scored just above it.
 */
function narrowed(k: Knowledge, aspects: Scored[], tokens: InputToken[]): Scored[] {
  const out = [...aspects];
  for (const [broad, narrower] of k.narrowers) {
    const at = out.findIndex((a) => a.id === broad);
    const base = out[at];
    if (!base) continue;
    const clause = tokens[base.start]?.clause;
    for (const { id, stems } of narrower) {
      if (out.some((a) => a.id === id)) continue;
      // Close by ("more expensive to train", "pricier is training"), in the broad aspect's place
      // in the ranking, just before it. "burst cost during heavy training months" stays a cost.
      const near = (t: InputToken, i: number) =>
        t.clause === clause && Math.abs(i - base.start) <= NARROW_REACH && stems.has(t.stem);
      if (tokens.some(near)) out.splice(at, 0, { id, score: base.score + NARROWS, start: base.start });
    }
  }
  return out;
}

/** How far a narrower aspect scores above the broad one it narrows. */
const NARROWS = 0.5;
/** How many words from the broad aspect's phrase a narrowing word may stand. */
const NARROW_REACH = 2;
