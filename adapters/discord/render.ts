/** Replies as Discord messages: embeds for the content, action rows for the choices. */
import type { APIEmbed } from "discord.js";
import { chatBlocks, type Reply } from "../../src/index.js";
import { type ActionRow, renderChoices } from "./components.js";
import { EmbedLayout, embedChars, sectionsOf } from "./embeds.js";
import { feedbackRows } from "./feedback.js";
import { breakMentions, DISCORD_LIMITS, escapeText, truncate } from "./text.js";

export { type ActionRow, renderChoices, SELECT_PREFIX } from "./components.js";
export { embedChars } from "./embeds.js";
export { BLANK_LABEL, breakMentions, DISCORD_LIMITS, escapeText, splitText, truncate } from "./text.js";

/** A platform message body: what the adapter posts, edits or replies with. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
}

/** Renders a reply as one Discord message: embeds for the content, action rows for the choices. */
export function renderReply(reply: Reply): DiscordMessage {
  // A long reply shows its first part and a "More" button (Reply.fold).
  const blocks = chatBlocks(reply);
  // Feedback buttons (added by the dispatcher) in a row of their own, after the choices.
  const components = [...renderChoices(blocks), ...feedbackRows(reply.feedback)].slice(
    0,
    DISCORD_LIMITS.actionRows,
  );
  const sources =
    reply.sources.length > 0
      ? breakMentions(`Sources: ${reply.sources.map((s) => s.title).join(" · ")}`)
      : "";
  const embeds = new EmbedLayout(reply.title ?? undefined, sources).build(blocks.flatMap(sectionsOf));
  return { embeds, components };
}

/** A short plain-text message (apologies, thread starters), as content. */
export function renderNotice(text: string): DiscordMessage {
  return { content: truncate(escapeText(text), DISCORD_LIMITS.content), embeds: [], components: [] };
}

/**
 * The message a question becomes once answered or superseded: same embeds, components removed,
 * and when an answer was chosen, its label added as a field (or to the content when the embed
 * has no room).
 */
export function answeredMessage(
  original: { content: string; embeds: APIEmbed[] },
  label?: string,
): DiscordMessage {
  if (label === undefined) return { content: original.content, embeds: original.embeds, components: [] };
  const shown = truncate(`✅ ${escapeText(label)}`, DISCORD_LIMITS.fieldValue);
  const embeds = original.embeds.map((e) => ({ ...e, fields: e.fields ? [...e.fields] : undefined }));
  const last = embeds.at(-1);
  const name = "You chose";
  if (
    last &&
    (last.fields?.length ?? 0) < DISCORD_LIMITS.embedFields &&
    embedChars(embeds) + name.length + shown.length <= DISCORD_LIMITS.embedTotal
  ) {
    last.fields = [...(last.fields ?? []), { name, value: shown }];
    return { content: original.content, embeds, components: [] };
  }
  const content = truncate(
    original.content ? `${original.content}\n\n${shown}` : shown,
    DISCORD_LIMITS.content,
  );
  return { content, embeds, components: [] };
}
