import { codePointBoundary } from "../../reply/text-cut.js";
import { scrubText } from "../../runtime/logger.js";

/** Longest topic kept, in UTF-16 code units (never cutting an emoji in two). */
export const TOPIC_MAX = 200;

/**
 * Chat markup and personal data taken out of a topic before it is stored: mentions and channel
 * links of either platform (`<@U1>`, `<@!1>`, `<#C1|x>`, `<!here>`), "@everyone"/"@here", links,
 * e-mail addresses, known secret shapes (scrubText), and long unbroken runs of letters and digits
 * that look like tokens or keys.
 */
const REMOVE: RegExp[] = [
  /<[@#!][^>]*>/g,
  /<a?:\w+:\d+>/g,
  /@(?:everyone|here|channel)\b/gi,
  /<?\b(?:https?|mailto|ftp):[^\s>]*>?/gi,
  /\bwww\.[^\s]+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}\b/g,
];

/**
 * The topic as stored and shown: cleaned (see REMOVE), whitespace folded, cut to TOPIC_MAX
 * characters with an ellipsis. Empty when nothing is left (the caller words a default).
 */
export function cleanTopic(raw: string): string {
  let text = scrubText(raw);
  for (const pattern of REMOVE) text = text.replace(pattern, " ");
  // What scrubText put in place of a secret is not part of the topic either.
  text = text
    .replace(/\[redacted\]/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= TOPIC_MAX) return text;
  return `${text.slice(0, codePointBoundary(text, TOPIC_MAX - 1)).trimEnd()}…`;
}
