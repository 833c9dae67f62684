/**
 * Discord text: its documented limits, markdown escaping, and cuts that never split a surrogate
 * pair. https://discord.com/developers/docs/resources/message, .../reference#message-formatting
 */
import { codePointBoundary } from "../../src/index.js";

/** Discord's documented message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Title, description, field names and values, footer and author of all embeds of one message. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
} as const;

/** Breaks a mention without showing anything. */
export const ZERO_WIDTH = "\u200b";
/** Shown instead of a blank label or table cell: Discord rejects empty and whitespace-only text there. */
export const BLANK_LABEL = "—";

/**
 * Escapes engine text for Discord markdown and breaks @everyone / @here (allowed mentions are the
 * real guard). Our own pass rather than discord.js's escapeMarkdown, which runs a dozen regular
 * expressions per call and is quadratic in long words without spaces.
 */
export function escapeText(text: string): string {
  let escaped = escapeInline(text);
  // Line-start marks only matter where a line starts: most engine text is a single line of prose.
  if (escaped.includes("\n") || startsWithMark(escaped)) {
    escaped = escaped
      // Headings, bullets and quotes start a line.
      .replace(/^( *)([#>-])/gm, "$1\\$2")
      // Only "1. item" starts a numbered list: figures like "1.2x" stay as they are.
      .replace(/^( *\d+)\. /gm, "$1\\. ");
  }
  return breakMentions(escaped);
}

/**
 * Backslash before emphasis, code, spoiler and escape characters, and before a "](" that would
 * close a masked link. One scan, and no copy when nothing needs escaping: every reply passes here,
 * usually while the process is cold from waiting for the message (a loop stays cheaper than a
 * regular-expression replace then).
 */
function escapeInline(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const special =
      c === 0x5c || // \
      c === 0x2a || // *
      c === 0x5f || // _
      c === 0x7e || // ~
      c === 0x60 || // `
      c === 0x7c || // |
      (c === 0x5d && text.charCodeAt(i + 1) === 0x28); // ](
    if (!special) continue;
    out += `${text.slice(from, i)}\\`;
    from = i;
  }
  return from === 0 && out === "" ? text : out + text.slice(from);
}

/** True when the text starts, after spaces, with a heading, quote, bullet or list mark. */
function startsWithMark(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 0x20) i++;
  const c = text.charCodeAt(i);
  return c === 0x23 || c === 0x3e || c === 0x2d || (c >= 0x30 && c <= 0x39); // # > - digit
}

/**
 * Breaks @everyone / @here with a zero-width space, as escapeText() does, for text Discord shows
 * without parsing markdown (labels, placeholders, footers, code blocks).
 */
export function breakMentions(text: string): string {
  return text.includes("@") ? text.replace(/@(everyone|here)/g, `@${ZERO_WIDTH}$1`) : text;
}

/** Shortens text to `max` characters with an ellipsis, never cutting a surrogate pair (an emoji) in two. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, codePointBoundary(text, Math.max(0, max - 1))).trimEnd()}…`;
}

/** Label text for a button or option: never blank, mentions broken, at most `max` characters. */
export function labelText(label: string, max: number): string {
  return label.trim() === "" ? BLANK_LABEL : truncate(breakMentions(label), max);
}

/**
 * Splits text on line boundaries into pieces of at most `max` characters (hard-splitting long lines,
 * never inside a surrogate pair).
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const rawLine of text.split("\n")) {
    const lines: string[] = [];
    let rest = rawLine;
    while (rest.length > max) {
      const cut = codePointBoundary(rest, max) || max;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    lines.push(rest);
    for (const line of lines) {
      if (current && current.length + 1 + line.length > max) {
        pieces.push(current);
        current = line;
      } else current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}
