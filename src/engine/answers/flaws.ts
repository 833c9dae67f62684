import type { EditorialNote, NoteKind } from "../../dataset/schema.js";
import type { Reply } from "../../reply/model.js";
import { compose } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { QUESTION_WORDS } from "../recognise/frame.js";
import type { ConversationState } from "../state.js";
import { contentWords } from "../text/analysis.js";
import { stem, tokenize } from "../text/normalize.js";
import { STOPWORDS } from "../text/stopwords.js";
import type { Understanding } from "../understand.js";

/**
 * How a reply opens on each kind of flaw: the direct answer to "typo?", "is that a mistake?" or
 * "can i compare these?" comes first, the note's details after it.
 */
const LEADS: Record<NoteKind, { title: string; lead: string }> = {
  inconsistent: {
    title: "The source contradicts itself",
    lead: "Good catch: the page is inconsistent here.",
  },
  incomparable: {
    title: "Figures that don't compare like for like",
    lead: "Careful: these figures are not directly comparable.",
  },
  mislabel: {
    title: "A mislabel in the source",
    lead: "Good catch: that looks like a mislabel in the page.",
  },
  error: { title: "A mistake in the source", lead: "Good catch: that looks like a mistake in the page." },
  missing: { title: "A gap in the source", lead: "Caveat: the page leaves this out." },
  unexplained: {
    title: "A figure the source never explains",
    lead: "Caveat: the page never explains this figure, so treat it with caution.",
  },
  unverified: {
    title: "A claim we could not check",
    lead: "Caveat: this could not be verified, so treat it with caution.",
  },
  editorial: {
    title: "An editors' decision",
    lead: "This is how our editors read the page, not something it says outright.",
  },
};

/** The opening line for a note of this kind ("Good catch: the page is inconsistent here."). */
export function noteLead(note: EditorialNote): string {
  return LEADS[note.kind].lead;
}

/** Least match (in rarity-weighted words) for an editor's note to answer a doubt. */
const MIN_MATCH = 1.2;
/** What a pair of words in a row shared with a note adds to its match. */
const PAIR_BONUS = 1;
/** Least score of a reading (aspect, need, topic) that counts towards a note's `about`. */
const MIN_READING = 3;

/** Words that set one statement against another ("X but Y", "also says"). */
const CONTRAST = new Set(["but", "yet", "whereas", "although", "though", "while"]);
/** Words that quote the source ("the page says", "it claims", "listed as"). */
const QUOTING = new Set([
  "says",
  "say",
  "said",
  "claims",
  "claim",
  "call",
  "calls",
  "called",
  "listed",
  "lists",
  "page",
  "table",
]);

/** A short phrase in quotes ('dominant', "default choice"). */
const QUOTED = /['"\u2018\u201c][^'"\u2019\u201d]{2,40}['"\u2019\u201d]/;

/**
 * "pytorch tco low end is $2000 but the gpu alone is $2234??", "page says jax is perfect for
 * numpy code but also says pytorch is ideal...": a question that sets two of the source's
 * statements against each other (a contrast, with two figures or a word quoting the source)
 * doubts the source as surely as "typo?" does. Not a brief ("fast but hard to learn, what
 * should we use?"): that asks for a pick.
 */
export function contrastsClaims(u: Understanding, text: string): boolean {
  if (!u.asks || u.cues.has("recommend") || u.cues.has("description")) return false;
  // The matcher's tokens drop small words such as "but": read the message's own words.
  const words = tokenize(text);
  // "if tf has 8-10M devs and pytorch only 2.5M, why does everyone call pytorch the winner?"
  // "jax does 45k/s on a v100 and tf 5k/s on an a100, so is jax 9x faster?": a conclusion drawn
  // from two of the source's figures is a claim set against them.
  const concluded = words.indexOf("so");
  const figuresBefore = words.slice(0, Math.max(0, concluded)).filter((w) => /\d/.test(w)).length;
  const at =
    words[0] === "if"
      ? words.indexOf("why")
      : concluded > 0 && figuresBefore >= 2
        ? concluded
        : words.findIndex((w) => CONTRAST.has(w));
  if (at <= 0) return false;
  // A claim on each side: "ok jax compiles in 45-90s, fine, but how much faster..." accepts one
  // figure and asks for another.
  const claim = (side: string[]) => side.some((w) => /\d/.test(w) || QUOTING.has(w));
  // "the table header says npm downloads but these are python libs?": a statement asked as a
  // question, with no question word, sets the asker's own claim against the source's.
  const after = words.slice(at + 1);
  const statementAsked = text.trim().endsWith("?") && !after.some((w) => QUESTION_WORDS.has(w));
  // "...but pytorch is the 'dominant' one?": a word in quotes is the source's, quoted.
  const pivot = text.toLowerCase().indexOf(` ${words[at]} `);
  const quotedAfter = pivot >= 0 && QUOTED.test(text.slice(pivot));
  return claim(words.slice(0, at)) && (claim(after) || quotedAfter || statementAsked);
}

/**
 * "wait tf really takes 15-45 MINUTES?? typo?", "v100 vs a100, is that even apples to apples?":
 * a user doubting a figure has found a flaw of the source, and the dataset records each flaw it
 * knows (meta.editorialNotes: the problem, and what the editors did about it). Answers with the
 * note that shares most of the question's words (and the thread's last aspect, for "seems sus"),
 * or null when no note is close enough: the question is then read as any other.
 */
export function flawReply(
  k: Knowledge,
  u: Understanding,
  state: ConversationState,
  text: string,
): Reply | null {
  const asked = new Set(contentWords(text).map((w) => w.stem));
  for (const t of u.tokens) if (/\d/.test(t.raw)) asked.add(t.raw);
  const aspect = state.focus.aspect ? k.aspect.get(state.focus.aspect) : undefined;
  if (aspect) for (const w of tokenize(aspect.label)) asked.add(stem(w));
  // What the message reads as (an aspect, a need, a topic) says which flaw it doubts better than
  // its words do: "jax tco is the exact same as tf?" shares few words with the note on TCO.
  const read = new Set(
    [...u.aspects, ...u.needs, ...u.topics].filter((r) => r.score >= MIN_READING).map((r) => r.id),
  );
  const pairs = wordPairs(tokenize(text));
  let best: { note: EditorialNote; score: number } | null = null;
  for (const note of k.dataset.meta.editorialNotes) {
    const noteTokens = tokenize(`${note.problem} ${note.action}`);
    const words = new Set(noteTokens.flatMap((w) => [w, stem(w)]));
    let score = note.about.some((id) => read.has(id)) ? MIN_MATCH : 0;
    for (const s of asked) if (words.has(s)) score += k.passages.rarity(s);
    // "the 'choose jax if' section...": two of the question's words in a row that the note also
    // has in a row name the same thing, more surely than the words apart.
    const notePairs = wordPairs(noteTokens);
    for (const pair of pairs) if (notePairs.has(pair)) score += PAIR_BONUS;
    if (!best || score > best.score) best = { note, score };
  }
  if (!best || best.score < MIN_MATCH) return null;
  // A note about a topic is about that topic's technologies ("any mistakes in the code sample?").
  // A note about an aspect is about every technology the aspect compares ("side-by-side task").
  const topics = best.note.about.flatMap(
    (id) => k.topic.get(id)?.technologies ?? (k.aspect.has(id) ? k.techIds : []),
  );
  const techs = u.techs.length ? u.techs : topics.length ? [...new Set(topics)] : state.focus.technologies;
  return compose(
    k,
    "passage",
    { technologies: techs, title: LEADS[best.note.kind].title },
    [
      { kind: "paragraph", text: `${noteLead(best.note)} ${best.note.problem}` },
      { kind: "paragraph", text: `How this dataset handles it: ${best.note.action}` },
    ],
    [best.note.section],
  );
}

/** Two words in a row ("choose jax"), as "a b"; pairs of two small words ("is a") say nothing. */
function wordPairs(tokens: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1] ?? "";
    const b = tokens[i] ?? "";
    if (!STOPWORDS.has(a) || !STOPWORDS.has(b)) pairs.add(`${a} ${b}`);
  }
  return pairs;
}
