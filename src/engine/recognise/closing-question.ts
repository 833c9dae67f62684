import type { Cue } from "../cues.js";
import type { Knowledge } from "../knowledge.js";
import { NEGATION_REACH, NEGATORS, type Understanding, understand } from "../understand.js";
import { strong } from "./scores.js";
import { recogniseSocial } from "./social.js";

/** A long message's own question, read on its own. */
export interface ClosingQuestion {
  text: string;
  u: Understanding;
}

/** Fewest words in a message whose context is worth setting aside ("ugh ok so. i've been..."). */
const LONG_MESSAGE = 30;
/** Fewest sentences: context, then the question. */
const MIN_SENTENCES = 3;

/**
 * "...my manager wants a one-pager by friday... i'm not asking for a recommendation right now
 * though. the thing i need for the slide is literally just: how many job postings mention jax?":
 * in a long message that asks for no pick, the last sentence that is not small talk asks for a
 * figure, and the story before it is context. Returns that sentence (or, when its opening before a
 * colon frames a choice, "the big 'which one' meeting", only what follows the colon), or null when
 * the message is short, asks for a pick, or its closing sentence names no aspect.
 */
export function closingQuestion(k: Knowledge, u: Understanding, text: string): ClosingQuestion | null {
  if (u.tokens.length < LONG_MESSAGE || asksForPick(u)) return null;
  const sentences = text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < MIN_SENTENCES) return null;
  // "thx in advance, u are saving me from another evening of googling" signs off; it asks nothing.
  let asked: ClosingQuestion | null = null;
  for (const text of [...sentences].reverse()) {
    const su = understand(k, text);
    const smallTalk =
      recogniseSocial(text, su) !== null || (su.cues.has("greeting") && su.techs.length === 0);
    if (!smallTalk) {
      asked = { text, u: su };
      break;
    }
  }
  if (!asked) return null;
  const colon = asked.text.lastIndexOf(":");
  const tail =
    colon >= 0
      ? { text: asked.text.slice(colon + 1).trim(), u: understand(k, asked.text.slice(colon + 1)) }
      : asked;
  if (strong(tail.u.aspects).length === 0 || framesChoice(tail.u)) return null;
  // A colon introduces what is wanted ("i need two things: the installed size...").
  if (!tail.u.asks && colon < 0) return null;
  return framesChoice(asked.u) ? tail : asked;
}

/** Cues of a request for a pick or of a team's description rather than of a figure. */
const CHOICE_CUES: readonly Cue[] = ["recommend", "which", "best", "description", "whatIf"];
const framesChoice = (u: Understanding) => CHOICE_CUES.some((c) => u.cues.has(c));

/** A pick asked for, not ruled out ("i'm not asking for a recommendation right now"). */
function asksForPick(u: Understanding): boolean {
  return u.spans.some(
    (s) =>
      s.kind === "cue" &&
      (s.id === "recommend" || s.id === "which") &&
      !u.tokens.slice(Math.max(0, s.start - NEGATION_REACH), s.start).some((t) => NEGATORS.has(t.raw)),
  );
}
