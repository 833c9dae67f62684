/**
 * Cleans user text before it is stored for editors (question texts, "What was wrong?" notes).
 * What could name or reach a person, or unlock something, goes: platform mentions, @handles,
 * emails, URLs, long digit runs (phone, card and account numbers), and anything shaped like a
 * credential (Slack, Discord, GitHub, cloud keys, JWTs, long random strings). Each is replaced
 * by a bracketed word so an editor still sees the question's shape.
 */

import { codePointBoundary } from "../reply/text-cut.js";

/** Stored texts are cut to this many characters (a question or a short note, not an essay). */
export const MAX_REVIEW_TEXT = 500;

const RULES: Array<[RegExp, string]> = [
  // Credentials first, before their pieces can look like anything else.
  [/\b(?:xox[abeoprs]|xapp|xoxe)[.-][A-Za-z0-9.-]+/gi, "[token]"],
  [/\b(?:gh[opsur]_|github_pat_|sk-|sk_live_|rk_live_|AKIA|ASIA|AIza)[A-Za-z0-9_-]{10,}/g, "[token]"],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[token]"],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g, "[token]"],
  [/\b(?:Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, "[token]"],
  // Platform syntax: <@U123>, <@!123>, <@&role>, <#C1|name>, <!here>, <mailto:…|…>, <https://…|…>.
  [/<(?:mailto:|https?:\/\/)[^>]*>/gi, "[link]"],
  [/<[@#!][^>]*>/g, "[mention]"],
  // A URL ends before trailing punctuation ("see https://x.example/a, then…").
  [/\b(?:https?|ftp):\/\/[^\s<>]*[^\s<>.,;:!?)\]'"]/gi, "[link]"],
  [/\bwww\.[^\s<>]*[^\s<>.,;:!?)\]'"]/gi, "[link]"],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, "[email]"],
  [/(^|[^\w@])@[A-Za-z0-9._-]{2,}/g, "$1[mention]"],
  // Long random strings: 24+ characters mixing letters and digits (API keys, hashes, session ids).
  [/\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}\b/g, "[token]"],
  // Six or more digits, allowing the separators of phone and card numbers.
  [/\+?\d(?:[\s.-]?\d){5,}/g, "[number]"],
];

/**
 * The text as it may be stored: cleaned by the rules above, whitespace collapsed, at most
 * MAX_REVIEW_TEXT characters. Returns "" for text with nothing left.
 */
export function cleanReviewText(text: string): string {
  let out = text.normalize("NFKC");
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  out = out.replace(/\s+/g, " ").trim();
  if (out.length <= MAX_REVIEW_TEXT) return out;
  return `${out.slice(0, codePointBoundary(out, MAX_REVIEW_TEXT - 1))}…`;
}
