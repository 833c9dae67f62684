/**
 * Which replies carry feedback buttons, and which count as "could not answer", by reply intent
 * (src/engine: compose(k, "<intent>", …) and the answers/ folder).
 */
import type { Unanswered } from "../runtime/store/feedback-types.js";

/**
 * Answers to a question: facts, comparisons, best-for answers, recommendations and their
 * follow-ups. Help text, flow questions, notices and social replies carry no buttons.
 */
export const ANSWER_INTENTS: ReadonlySet<string> = new Set([
  "fact",
  "compare",
  "best-for",
  "aspect-winner",
  "describe",
  "topic",
  "passage",
  "profile",
  "multi-part",
  "recommend",
  "flow-result",
  "need",
  "avoid",
  "no-worst",
  "single-out",
  "revise",
  "why-not",
  "what-would-change",
]);

/** Replies saying the page does not cover what was asked. */
const NOT_COVERED = new Set(["not-covered", "unknown-technology"]);
/** The help fallback: counted as unanswered only when the text looked like a question. */
const HELP_FALLBACK = new Set(["off-topic", "help"]);

const QUESTION_START =
  /^(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|would|will|has|have|any)\b/i;

/** "how do I bake bread?" looks like a question; "help", "hello" or "thanks" do not. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/).filter(Boolean).length;
  return words >= 2 && (t.endsWith("?") || (words >= 3 && QUESTION_START.test(t)));
}

/** What a reply to `typed` (the user's text, or null for a click) means for the review. */
export function replyKind(intent: string, typed: string | null): "answer" | Unanswered | null {
  if (ANSWER_INTENTS.has(intent)) return "answer";
  if (intent === "clarify") return "clarify";
  if (NOT_COVERED.has(intent)) return "unanswered";
  if (HELP_FALLBACK.has(intent) && typed !== null && looksLikeQuestion(typed)) return "unanswered";
  return null;
}
