/**
 * Chat markup that carries no meaning for a question, removed before the engine reads the text:
 * the engine knows no platform. Slack (https://docs.slack.dev/messaging/formatting-message-text):
 * user and channel mentions `<@U123>`, `<#C123|name>`, special mentions `<!here>`, links
 * `<https://x|label>` (the label is kept). Discord (https://discord.com/developers/docs/reference#message-formatting):
 * `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, custom emoji `<:name:id>` and `<a:name:id>`.
 */
const PATTERNS: [RegExp, string][] = [
  [/<(?:https?|mailto):[^|>]*\|([^>]*)>/gi, " $1 "],
  [/<[@#!][^>]*>/g, " "],
  [/<a?:\w+:\d+>/g, " "],
];

/** The text without mention, channel, link and custom-emoji markup; spaces folded. */
export function stripChatMarkup(text: string): string {
  if (!text.includes("<")) return text;
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, " ").trim();
}
