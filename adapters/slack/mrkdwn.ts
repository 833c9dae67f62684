/**
 * Slack's text escaping (https://docs.slack.dev/messaging/formatting-message-text#escaping):
 * user text arrives with &, < and > encoded, is decoded once on the way in, and escaped once on
 * the way out. Cuts never split an entity or a surrogate pair.
 */
import { codePointBoundary } from "../../src/index.js";

/**
 * Escapes the three characters Slack treats as control characters in message text, so user text
 * echoed by the engine (`<!channel>`, `<@U123>`, `<http://x|y>`) shows literally and never pings.
 */
export function escapeMrkdwn(text: string): string {
  // Most text has none of the three: no regular expression runs then (this is on every reply's path).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack sends user text (messages, slash commands, labels in payloads) with &, <, > encoded. */
export function decodeSlackEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const NEEDS_ESCAPE = /[&<>]/;

/** Splits text into pieces of at most `max` chars, preferring newlines, then spaces; never splits an entity. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim() === "" ? " " : text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf(" ", max);
    if (cut < max / 2) cut = safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd() || rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]+/, "");
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** A hard cut at `max` that splits neither an escape entity like "&amp;" nor a surrogate pair. */
export function safeCut(text: string, max: number): number {
  if (text.length <= max) return text.length;
  let cut = max;
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - 5 && text.indexOf(";", amp) >= cut) cut = amp;
  cut = codePointBoundary(text, cut);
  // Only a degenerate `max` (1, or an entity at the very start) leaves nothing; cut anyway.
  return cut > 0 ? cut : max;
}

/** Shortens text to `max` characters with an ellipsis, cutting neither an entity nor a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1))}…`;
}

/** A mention of a Slack user id from a signed payload; anything odd is not echoed. */
export function mention(user: string | undefined): string {
  return user && /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : "Someone";
}
