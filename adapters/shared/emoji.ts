import { emojify } from "node-emoji";

/**
 * Emoji shortcodes as people type them in Slack and terminals (":+1:", ":pray::skin-tone-3:"):
 * known ones become the emoji itself (node-emoji), so the engine reads a reaction as one;
 * skin tones and custom workspace emoji (":partyparrot:") carry no words and are dropped.
 */
export function shortcodesToEmoji(text: string): string {
  if (!text.includes(":")) return text;
  return emojify(text)
    .replace(/:skin-tone-\d:/g, "")
    .replace(/:[a-z0-9_+-]+:/gi, " ")
    .trim();
}
