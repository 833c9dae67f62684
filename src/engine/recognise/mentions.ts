import type { Knowledge } from "../knowledge.js";
import { type ContentWord, contentWords } from "../text/analysis.js";
import type { Span, Understanding } from "../understand.js";

/**
 * How a message relates to the dataset beyond its readings: whether it asks for a choice among
 * the technologies, whether it names anything of the dataset at all, and which of its words the
 * source never mentions. `decide` uses these to tell a question about the topic from a message
 * about something else that happens to share a word with it.
 */

/** Words of the first person ("we", "our team", "help me"): "devs" and "team" alone are not. */
export const FIRST_PERSON: ReadonlySet<string> = new Set(
  "we our us i my me im were weve ive ours".split(" "),
);

/**
 * True when the message speaks of the asker's own team: in the first person, or counting people
 * ("5 person startup", "team of 8"). "which companies run jax in prod" asks about others.
 */
export function ownTeam(
  tokens: readonly { raw: string }[],
  quantities: readonly { unit: string }[],
): boolean {
  return tokens.some((t) => FIRST_PERSON.has(t.raw)) || quantities.some((q) => q.unit === "people");
}

/** Words addressing the bot ("what do you recommend?"): advice asked of it, not about the source. */
export const ADDRESSEE: ReadonlySet<string> = new Set("you u ya yours youd".split(" "));

export const isNoun = (w: ContentWord) => w.pos === "NOUN" || w.pos === "PROPN" || w.pos === "X";

/**
 * Words that say what kind of figure is wanted ("how many hours", "question count"), not what
 * it is about. Language-level: units and measures of any topic.
 */
export const MEASURES = new Set(
  [
    "hour minut second day week month year time count number amount rate percent percentag figur stat",
    "size much many long type kind sort",
    // How two figures relate ("what's the gain", "price range"): the figure asked, not a topic.
    "rang gain differenc improvement boost increas decreas ratio averag delta margin factor",
  ]
    .join(" ")
    .split(" "),
);

/**
 * The source has this word about these technologies (any, when none is named): in a passage,
 * a fact or a topic, as typed or as the dataset word it is a typo of. A word known only from
 * the dataset's own term lists ("h100") is not: no statement of the source holds it.
 */
export function knows(k: Knowledge, u: Understanding, w: ContentWord, techs: string[]): boolean {
  return asTypedOrMeant(u, w, (s) => k.passages.knows(s, techs));
}

/**
 * True when a statement of the source uses the word itself, as typed or as the word it is a typo
 * of, not only an editor's phrase for it ("game" of "game playing"): `PassageIndex.states`.
 */
export function stated(k: Knowledge, u: Understanding, w: ContentWord): boolean {
  return asTypedOrMeant(u, w, (s) => k.passages.states(s));
}

/** The test holds for the word's stem or for a stem its token may be a typo of ("trainig"). */
function asTypedOrMeant(u: Understanding, w: ContentWord, test: (stem: string) => boolean): boolean {
  if (test(w.stem)) return true;
  const token = u.tokens.find((t) => t.raw === w.word);
  return [...(token?.candidates.keys() ?? [])].some((c) => c !== w.stem && test(c));
}

/**
 * True when the message asks for a choice among the technologies in its own words ("which",
 * "best", "recommend", "compare"). "Which optimizer does the example use", "which companies use
 * it": a "which" before any other noun asks about that thing, not for a pick. A description ("we",
 * "our team") counts as asking for one unless `described` is false.
 */
export function namesChoice(k: Knowledge, u: Understanding, text: string, described = true): boolean {
  if (u.cues.has("best") || u.cues.has("recommend") || (described && u.cues.has("description"))) return true;
  // "how much faster is training vs 1.x": versions of one technology, not a choice among ours.
  if (u.cues.has("compare") && !comparesOtherThings(u)) return true;
  return u.cues.has("which") && !whichAsksOther(k, u, text);
}

/**
 * "small vs large models", "is jax memory efficient or does it OOM": every "vs" or "or" of the
 * message stands between words that are not technologies (within two words either side), so it
 * compares those, not ours.
 */
export function comparesOtherThings(u: Understanding): boolean {
  const versus = u.spans.filter((s) => s.kind === "cue" && s.id === "compare");
  const vs = versus.filter((s) =>
    ["vs", "versus", "v", "or", "compared", "than", "against"].includes(u.tokens[s.start]?.raw ?? ""),
  );
  if (vs.length === 0) return false;
  const near = (from: number, to: number) =>
    u.spans.some((t) => t.kind === "tech" && t.start <= to && t.end > from);
  // "pytorch 2 vs 1.x", "compared to 2.x": the other side is a release of the same technology.
  const release = (i: number) => {
    const next = u.tokens[i]?.raw === "to" ? u.tokens[i + 1] : u.tokens[i];
    return VERSION.test(next?.raw ?? "");
  };
  // "vs" and "or" join two sides; "compared (to)", "than", "against" point at what follows.
  const after = new Set(["compared", "than", "against"]);
  return vs.every(
    (s) =>
      release(s.end) ||
      (after.has(u.tokens[s.start]?.raw ?? "")
        ? !near(s.end, s.end + 2)
        : !near(s.start - 2, s.start - 1) && !near(s.end, s.end + 1)),
  );
}

/** A release number on its own ("1.x", "2.13", "v1"): a version, not another technology. */
const VERSION = /^(?:v\d+(?:\.(?:\d+|x))*|\d+\.(?:\d+|x)(?:\.(?:\d+|x))*)$/;

/** Words after "which" that still ask for one of the technologies ("which one", "which of them"). */
const CHOICE_AFTER = new Set(["one", "ones", "of", "is", "are", "should", "would", "will", "to"]);

/** "which optimizer", "what hourly price": the word after which/what is a noun of something else. */
export function whichAsksOther(k: Knowledge, u: Understanding, text: string): boolean {
  const i = u.tokens.findIndex((t) => t.raw === "which" || t.raw === "what");
  const next = u.tokens[i + 1];
  if (i < 0 || !next) return false;
  if (k.nounStems.has(next.stem) || CHOICE_AFTER.has(next.raw)) return false;
  if (u.spans.some((s) => s.kind === "tech" && s.start === i + 1)) return false;
  const word = contentWords(text).find((w) => w.word === next.raw);
  return word !== undefined && isNoun(word);
}

/** True when the message names a technology, an aspect, a need, a topic or the category itself. */
export function namesDataset(k: Knowledge, u: Understanding): boolean {
  return (
    u.techs.length > 0 ||
    u.spans.some((s) => s.kind === "aspect" || s.kind === "need" || s.kind === "topic") ||
    u.tokens.some((t) => k.nounStems.has(t.stem))
  );
}

/**
 * How the technologies are named when nothing else of the dataset is (no aspect, need, topic,
 * flow answer or category word): "everyday" when only by one-word everyday aliases ("torch",
 * "flax"), "name" otherwise; "no" when something else of the dataset is named too, or no
 * technology at all.
 */
export function namedInPassing(k: Knowledge, u: Understanding): "no" | "everyday" | "name" {
  const named = u.spans.filter((s) => s.kind === "tech");
  if (named.length === 0) return "no";
  if (
    u.spans.some((s) => s.kind !== "tech" && s.kind !== "cue") ||
    u.tokens.some((t) => k.nounStems.has(t.stem))
  )
    return "no";
  const everyday = named.every(
    (s) => s.end - s.start === 1 && k.everydayAliases.has(u.tokens[s.start]?.raw ?? ""),
  );
  return everyday ? "everyday" : "name";
}

/** A description from which nothing was read: no flow answer, no need. */
export const isEmpty = (r: { answers: Record<string, string>; needs: string[] }) =>
  Object.keys(r.answers).length === 0 && r.needs.length === 0;

/** The message's nouns that the source holds nowhere, about any technology ("seeds", "novel"). */
export function unknownNouns(k: Knowledge, u: Understanding, text: string): string[] {
  // The unit of a count ("5 person startup", "3 devs") says what is counted: it is no subject.
  const framing = new Set(u.quantities.flatMap((q) => u.tokens.slice(q.start + 1, q.end).map((t) => t.raw)));
  // "no wait, i meant samples, not dollars": the words of a cue frame the message, they name no subject.
  for (const s of u.spans)
    if (s.kind === "cue") for (const t of u.tokens.slice(s.start, s.end)) framing.add(t.raw);
  return contentWords(text)
    .filter((w) => isNoun(w) && !k.idStems.has(w.stem) && !k.nounStems.has(w.stem) && !MEASURES.has(w.stem))
    .filter((w) => !framing.has(w.word))
    .filter((w) => !k.everydayAliases.has(w.word) && !knows(k, u, w, []))
    .map((w) => w.word);
}

/**
 * True when every technology of the message is named by a name other things share ("jax" the
 * city, "tf" of a transfer function, "flax" seed) and nothing else in it belongs to the field:
 * no word of the field or category, no other name, no dataset phrase of two or more words
 * besides the name's own. "cheap flights into jax from nyc" is about travel.
 */
export function sharedNameOnly(k: Knowledge, u: Understanding): boolean {
  const named = u.spans.filter((s) => s.kind === "tech");
  // Two of ours named together ("jax vs torch on a colab gpu") vouch for each other.
  if (named.length === 0 || u.techs.length > 1) return false;
  const shared = (s: Span) =>
    k.sharedNames.has(
      u.tokens
        .slice(s.start, s.end)
        .map((t) => t.raw)
        .join(" "),
    );
  if (!named.every(shared)) return false;
  if (u.tokens.some((t) => k.fieldStems.has(t.stem) || k.nounStems.has(t.stem))) return false;
  const names = namePositions(u);
  return !u.spans.some(
    (s) => s.kind !== "tech" && s.kind !== "cue" && s.end - s.start >= 2 && !overlaps(s, names),
  );
}

/**
 * The nearest word on each side of a span, passing over the words `skip` allows: at most `reach`
 * words away, and only within the span's own clause when `sameClause` ("6 yrs of | tensorflow |
 * in prod": "yrs" and "prod", across "of" and "in").
 */
export function wordsBeside(
  tokens: readonly { raw: string; clause: number }[],
  span: { start: number; end: number },
  skip: (raw: string) => boolean,
  reach = Number.POSITIVE_INFINITY,
  sameClause = false,
): string[] {
  const clause = tokens[span.start]?.clause;
  const nearest = (from: number, step: 1 | -1) => {
    for (let i = from, n = 0; i >= 0 && i < tokens.length && n < reach; i += step, n++) {
      const t = tokens[i];
      if (!t || (sameClause && t.clause !== clause)) return null;
      if (!skip(t.raw)) return t.raw;
    }
    return null;
  };
  return [nearest(span.start - 1, -1), nearest(span.end, 1)].filter((w): w is string => w !== null);
}

/** Token positions inside the technologies' names as the message wrote them. */
export function namePositions(u: Understanding): Set<number> {
  const at = new Set<number>();
  for (const s of u.spans) if (s.kind === "tech") for (let i = s.start; i < s.end; i++) at.add(i);
  return at;
}

/** True when the span covers any of the positions. */
export function overlaps(s: Span, positions: ReadonlySet<number>): boolean {
  for (let i = s.start; i < s.end; i++) if (positions.has(i)) return true;
  return false;
}
