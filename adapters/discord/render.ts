import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Block, Choice, Reply } from "../../src/reply/model.js";
import { textTable } from "../../src/reply/plain-text.js";
import { codePointBoundary } from "../../src/reply/text-cut.js";

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

/** A string select's custom id carries this prefix; the chosen option's value is the choice id. */
export const SELECT_PREFIX = "stackwise:select:";

/** The widest fixed-width table kept as a code block; wider tables become fields. */
const MAX_TABLE_WIDTH = 60;
const EMBED_COLOR = 0x5865f2;
const ZERO_WIDTH = "\u200b";
/** Shown instead of a blank label or table cell: Discord rejects empty and whitespace-only text there. */
export const BLANK_LABEL = "—";

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A platform message body: what the adapter posts, edits or replies with. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
}

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
function labelText(label: string, max: number): string {
  return label.trim() === "" ? BLANK_LABEL : truncate(breakMentions(label), max);
}

/** Renders a reply as one Discord message: embeds for the content, action rows for the choices. */
export function renderReply(reply: Reply): DiscordMessage {
  const components = renderChoices(reply.blocks);
  const sources =
    reply.sources.length > 0
      ? breakMentions(`Sources: ${reply.sources.map((s) => s.title).join(" · ")}`)
      : "";
  const embeds = new EmbedLayout(reply.title ?? undefined, sources).build(reply.blocks.flatMap(sectionsOf));
  return { embeds, components };
}

/** A short plain-text message (apologies, thread starters), as content. */
export function renderNotice(text: string): DiscordMessage {
  return { content: truncate(escapeText(text), DISCORD_LIMITS.content), embeds: [], components: [] };
}

/** One piece of embed text: markdown ready to place, plus where it may go. */
interface Section {
  /** A heading starts a new field when the embed has spilled into fields. */
  heading?: string;
  text?: string;
  /** A fixed-width table: split only between lines, each piece re-fenced. */
  code?: string;
  /** Pre-built fields (a table too wide for a code block). */
  fields?: APIEmbedField[];
}

function sectionsOf(block: Block): Section[] {
  switch (block.kind) {
    case "heading":
      return [{ heading: block.text }];
    case "paragraph":
      return [{ text: escapeText(block.text) }];
    case "list":
      return [{ text: block.items.map((i) => `• ${escapeText(i)}`).join("\n") }];
    case "table":
      return tableSections(block.caption, block.headers, block.rows);
    case "choices":
      return block.prompt ? [{ text: `**${escapeText(block.prompt)}**` }] : [];
  }
}

function tableSections(caption: string | undefined, headers: string[], rows: string[][]): Section[] {
  const out: Section[] = caption ? [{ text: `**${escapeText(caption)}**` }] : [];
  for (const maxCell of [48, 32]) {
    const table = textTable(headers, rows, maxCell);
    if (Math.max(...table.split("\n").map((l) => l.length)) <= MAX_TABLE_WIDTH) {
      // Zero-width breaks after the width check: they take no room on screen.
      out.push({ code: breakMentions(table.replace(/`/g, "ˋ")) });
      return out;
    }
  }
  // Too wide for a phone (wrapped cells make tall, hard-to-read blocks): one field per row, "header: cell" lines.
  const fields = rows.map((row) => ({
    name:
      (row[0] ?? "").trim() === ""
        ? BLANK_LABEL
        : truncate(escapeText(row[0] ?? ""), DISCORD_LIMITS.fieldName),
    value: truncate(
      headers
        .slice(1)
        .map((h, i) => `**${escapeText(h)}:** ${escapeText(row[i + 1] ?? "")}`)
        .join("\n") || ZERO_WIDTH,
      DISCORD_LIMITS.fieldValue,
    ),
    inline: false,
  }));
  out.push({ fields });
  return out;
}

const fence = (code: string) => `\`\`\`\n${code}\n\`\`\``;

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

/**
 * Lays sections out in Discord's embed limits: the description first, then fields (a heading names
 * the field after it), then further embeds when 25 fields are used; the 6,000-character budget is
 * shared by all embeds of a message, so whatever would exceed it is cut with an ellipsis.
 */
class EmbedLayout {
  private readonly embeds: APIEmbed[] = [];
  private current: APIEmbed;
  private description = "";
  private spilled = false;
  private pendingHeading: string | undefined;
  private budget: number = DISCORD_LIMITS.embedTotal;
  private full = false;

  constructor(
    title: string | undefined,
    private readonly footer: string,
  ) {
    this.current = { color: EMBED_COLOR };
    if (title?.trim()) {
      this.current.title = truncate(escapeText(title), DISCORD_LIMITS.embedTitle);
      this.budget -= this.current.title.length;
    }
    if (footer) this.budget -= Math.min(footer.length, DISCORD_LIMITS.footerText);
  }

  build(sections: Section[]): APIEmbed[] {
    for (const s of sections) {
      if (this.full) break;
      if (s.heading !== undefined) this.addHeading(s.heading);
      else if (s.text !== undefined) this.addText(s.text, false);
      else if (s.code !== undefined) this.addText(s.code, true);
      else if (s.fields) for (const f of s.fields) this.addField(f.name, f.value);
    }
    this.flush();
    const last = this.embeds.at(-1);
    if (this.footer && last) last.footer = { text: truncate(this.footer, DISCORD_LIMITS.footerText) };
    return this.embeds;
  }

  private addHeading(text: string): void {
    // A blank heading would be a blank field name, which Discord rejects; it shows nothing anyway.
    if (text.trim() === "") return;
    if (!this.spilled) {
      const bold = `**${escapeText(text)}**`;
      if (this.fitsDescription(bold)) {
        this.appendDescription(bold);
        return;
      }
      this.spilled = true;
    }
    this.pendingHeading = truncate(escapeText(text), DISCORD_LIMITS.fieldName);
  }

  private addText(text: string, code: boolean): void {
    // Blank text would become a blank field value, which Discord rejects; it shows nothing anyway.
    if (!code && text.trim() === "") return;
    const block = code ? fence(text) : text;
    if (!this.spilled) {
      if (this.fitsDescription(block)) {
        this.appendDescription(block);
        return;
      }
      this.spilled = true;
    }
    const limit = DISCORD_LIMITS.fieldValue - (code ? 8 : 0);
    for (const piece of splitText(text, limit)) {
      if (!code && piece.trim() === "") continue;
      this.addField(this.pendingHeading ?? ZERO_WIDTH, code ? fence(piece) : piece);
    }
  }

  private addField(name: string, value: string): void {
    this.pendingHeading = undefined;
    this.spilled = true;
    const cost = name.length + value.length;
    if (cost > this.budget) {
      const room = this.budget - name.length;
      if (room > 20)
        this.pushField(name, truncate(value.startsWith("```") ? value.replace(/```/g, "") : value, room));
      this.full = true;
      return;
    }
    this.pushField(name, value);
  }

  private pushField(name: string, value: string): void {
    if ((this.current.fields?.length ?? 0) >= DISCORD_LIMITS.embedFields) {
      if (this.embeds.length + 1 >= DISCORD_LIMITS.embeds) {
        this.full = true;
        return;
      }
      this.flush();
      this.current = { color: EMBED_COLOR };
    }
    this.current.fields = [...(this.current.fields ?? []), { name, value }];
    this.budget -= name.length + value.length;
  }

  private fitsDescription(block: string): boolean {
    const added = (this.description ? 2 : 0) + block.length;
    return this.description.length + added <= DISCORD_LIMITS.embedDescription && added <= this.budget;
  }

  private appendDescription(block: string): void {
    const added = (this.description ? 2 : 0) + block.length;
    this.description = this.description ? `${this.description}\n\n${block}` : block;
    this.budget -= added;
  }

  private flush(): void {
    if (this.description) this.current.description = this.description;
    this.description = "";
    const hasContent = this.current.title || this.current.description || this.current.fields?.length;
    if (hasContent || this.embeds.length === 0) {
      if (!hasContent) this.current.description = ZERO_WIDTH;
      this.embeds.push(this.current);
    }
  }
}

/** Choice blocks → action rows: answer buttons (a select when more than 5), then nav buttons. */
export function renderChoices(blocks: Block[]): ActionRow[] {
  const rows: ActionRow[] = [];
  const used = new Set<string>();
  const usable = (c: Choice) => {
    if (!c.id || c.id.length > DISCORD_LIMITS.customId || used.has(c.id)) return false;
    used.add(c.id);
    return true;
  };
  blocks.forEach((block, index) => {
    if (block.kind !== "choices") return;
    const answers = block.choices.filter((c) => c.role === "answer").filter(usable);
    // A button's custom_id is its choice id: one that looks like a select id could repeat a select's
    // custom_id (Discord rejects the message), and the bot ignores such buttons anyway.
    const isButtonId = (c: Choice) => !c.id.startsWith(SELECT_PREFIX);
    const nav = block.choices
      .filter((c) => c.role === "nav")
      .filter(usable)
      .filter(isButtonId);
    if (answers.length > DISCORD_LIMITS.buttonsPerRow) {
      rows.push({
        type: ComponentType.ActionRow,
        components: [select(`${SELECT_PREFIX}${index}`, block.prompt, answers)],
      });
    } else if (answers.some(isButtonId)) {
      rows.push({
        type: ComponentType.ActionRow,
        components: answers.filter(isButtonId).map((c) => button(c, ButtonStyle.Primary)),
      });
    }
    for (let i = 0; i < nav.length; i += DISCORD_LIMITS.buttonsPerRow) {
      const slice = nav.slice(i, i + DISCORD_LIMITS.buttonsPerRow);
      rows.push({
        type: ComponentType.ActionRow,
        components: slice.map((c) => button(c, ButtonStyle.Secondary)),
      });
    }
  });
  return rows.slice(0, DISCORD_LIMITS.actionRows);
}

function button(
  choice: Choice,
  style: ButtonStyle.Primary | ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    custom_id: choice.id,
    label: labelText(choice.label, DISCORD_LIMITS.buttonLabel),
  };
}

function select(customId: string, prompt: string, choices: Choice[]): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: customId,
    placeholder: truncate(
      prompt.trim() ? breakMentions(prompt) : "Choose an answer",
      DISCORD_LIMITS.selectPlaceholder,
    ),
    min_values: 1,
    max_values: 1,
    options: choices
      .filter((c) => c.id.length <= DISCORD_LIMITS.selectOptionValue)
      .slice(0, DISCORD_LIMITS.selectOptions)
      .map((c) => ({ label: labelText(c.label, DISCORD_LIMITS.selectOptionLabel), value: c.id })),
  };
}

/** Total characters Discord counts against the 6,000 limit, for tests and guards. */
export function embedChars(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
}

/**
 * The message a clicked question becomes: same embeds, components removed, the chosen label added
 * as a field (or to the content when the embed has no room).
 */
export function answeredMessage(
  original: { content: string; embeds: APIEmbed[] },
  label: string,
): DiscordMessage {
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
