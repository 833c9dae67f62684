import type { Knowledge } from "../knowledge.js";
import { tokenize } from "../text/normalize.js";
import { type Understanding, understand } from "../understand.js";
import { QUESTION_WORDS, questionFrame } from "./frame.js";
import { FIRST_PERSON } from "./mentions.js";

/** One question of a message that asks several: its text and what was read from it. */
export interface Part {
  text: string;
  u: Understanding;
}

/**
 * Where one question may end and the next begin: a question mark with more after it, a
 * semicolon, "and" / ", also" / "+" / "plus" between words. Split points are only kept when both
 * sides ask something of their own, so "jax and pytorch" or "research and prototyping" stay whole.
 */
const SEPARATOR = /\?\s+|;\s*|,?\s+(?:and|n|also|plus|as well as)\s+|\s*[+&]\s+|,\s+/i;

/** Lowest score of an aspect, need or topic for a piece to count as asking on its own. */
const OWN_SIGNAL = 3;

/** At most this many parts are answered; the rest of a very long message is read with the last. */
export const MAX_PARTS = 3;

/**
 * The questions of a message that asks several ("jax vs tf: compile time and install size?",
 * "who's behind pytorch and how often does it ship?"). A piece that names no aspect, need or
 * topic of its own belongs to the piece before it. Returns [] when the message asks one thing.
 */
export function splitParts(k: Knowledge, text: string): Part[] {
  const pieces = withoutAsides(text)
    .split(SEPARATOR)
    .filter((p) => p?.trim());
  if (pieces.length < 2) return [];
  const parts: Part[] = [];
  for (const piece of pieces) {
    const u = understand(k, piece);
    const previous = parts[parts.length - 1];
    // "12 gpus in total, is that big enough for jax?": a statement, then a question pointing back
    // at it ("that", "this"), is one question with its context, not two.
    const pointsBack = previous !== undefined && !previous.u.asks && refersBack(u);
    if (!pointsBack && (asksOwn(u) || !previous)) parts.push({ text: piece, u });
    else
      parts[parts.length - 1] = {
        text: `${previous.text} ${piece}`,
        u: understand(k, `${previous.text} ${piece}`),
      };
  }
  // The first piece may only have set the subject ("compare jax and pytorch | on memory").
  const first = parts[0];
  if (first && !asksOwn(first.u) && parts[1]) {
    const merged = `${first.text} ${parts[1].text}`;
    parts.splice(0, 2, { text: merged, u: understand(k, merged) });
  }
  if (parts.length < 2) return [];
  const kept = parts.slice(0, MAX_PARTS - 1);
  const rest = parts.slice(MAX_PARTS - 1);
  if (rest.length) {
    const tail = rest.map((p) => p.text).join(" and ");
    kept.push({ text: tail, u: understand(k, tail) });
  }
  return distinct(k, kept);
}

const WH_VERBS = new Set([
  "is",
  "are",
  "was",
  "were",
  "does",
  "do",
  "did",
  "can",
  "should",
  "would",
  "has",
  "have",
]);
/** Pronouns that stand for the message's subject ("does it run on windows"). */
const PRONOUNS = new Set(["it", "they", "this", "that", "these", "those"]);
/** Degree words after "how" that open a question of their own ("how much has it grown"). */
const HOW_DEGREE = new Set(["much", "many", "fast", "big", "often", "long", "well", "quickly"]);

/** Pronouns that point back at what was just said ("is that enough", "does this matter"). */
const BACK = new Set(["that", "this", "thats"]);

/** The piece opens by asking about what was said just before it: "is that ...", "does this ...". */
function refersBack(u: Understanding): boolean {
  const [first, second] = u.tokens;
  return (
    (BACK.has(first?.raw ?? "") && u.asks) || (WH_VERBS.has(first?.raw ?? "") && BACK.has(second?.raw ?? ""))
  );
}

function asksOwn(u: Understanding): boolean {
  const strong = (list: { score: number }[]) => list.some((s) => s.score >= OWN_SIGNAL);
  // "who made jax | and how long does it take to compile": a frame word asks on its own.
  const framed = u.techs.length > 0 && (questionFrame(u) === "who" || questionFrame(u) === "when");
  // "what is tf lite for | and how big do its models get": a wh-question about a named technology
  // asks on its own ("what about jax | and pytorch on memory" has no verb and does not).
  // So does "how much has jax grown", "how fast does tf train": "how" and a degree word.
  const [first, second, third] = u.tokens;
  const degree = first?.raw === "how" && HOW_DEGREE.has(second?.raw ?? "") && WH_VERBS.has(third?.raw ?? "");
  const whAboutName =
    u.techs.length > 0 && QUESTION_WORDS.has(first?.raw ?? "") && (WH_VERBS.has(second?.raw ?? "") || degree);
  // "..., and does it run natively on windows?": a yes/no question about the subject, by pronoun.
  const yesNoAboutIt = WH_VERBS.has(first?.raw ?? "") && PRONOUNS.has(second?.raw ?? "");
  // "..., and where does it fall down?": a wh-question about the subject, by pronoun.
  const whAboutIt =
    QUESTION_WORDS.has(first?.raw ?? "") && WH_VERBS.has(second?.raw ?? "") && PRONOUNS.has(third?.raw ?? "");
  if (whAboutIt) return true;
  if (yesNoAboutIt) return true;
  return strong(u.aspects) || strong(u.needs) || strong(u.topics) || framed || whAboutName;
}

/**
 * Parts that would read the same (one aspect named twice) are one question, with the words of
 * both: "how often do they release, and any long term support versions?" is asked once, whole.
 */
function distinct(k: Knowledge, parts: Part[]): Part[] {
  const seen = new Map<string, number>();
  const out: Part[] = [];
  for (const p of parts) {
    const key = [p.u.aspects[0]?.id, p.u.needs[0]?.id, p.u.topics[0]?.id, ...p.u.techs].join("|");
    const at = seen.get(key);
    const same = at === undefined ? undefined : out[at];
    if (at !== undefined && same) {
      const text = `${same.text} and ${p.text}`;
      out[at] = { text, u: understand(k, text) };
      continue;
    }
    seen.set(key, out.length);
    out.push(p);
  }
  return out.length >= 2 ? out : [];
}

/**
 * "how often do they release (i hate surprise upgrades)": a parenthesised aside about the asker
 * asks nothing; its words would only be read as a question the source cannot answer.
 */
function withoutAsides(text: string): string {
  // A list inside parentheses ("(tf serving, tfx, tensorboard)") is one phrase, never split points.
  return text.replace(/\(([^()]*)\)/g, (_aside, inner: string) =>
    tokenize(inner).some((w) => FIRST_PERSON.has(w)) ? " " : `(${inner.replace(/[,;]/g, " ")})`,
  );
}
