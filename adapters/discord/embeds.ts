/** Reply blocks laid out as Discord embeds, within the per-embed and per-message limits. */
import type { APIEmbed, APIEmbedField } from "discord.js";
import { type Block, textTable } from "../../src/index.js";
import {
  BLANK_LABEL,
  breakMentions,
  DISCORD_LIMITS,
  escapeText,
  splitText,
  truncate,
  ZERO_WIDTH,
} from "./text.js";

/** The widest fixed-width table kept as a code block; wider tables become fields. */
const MAX_TABLE_WIDTH = 60;
const EMBED_COLOR = 0x5865f2;

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

/** A reply block as pieces of embed text (headings, text, code, fields). */
export function sectionsOf(block: Block): Section[] {
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
    case "form":
      // Drawn as select menus by decision-form.ts, never inside an embed.
      return [];
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
 * Lays sections out in Discord's embed limits: the description first, then fields (a heading names
 * the field after it), then further embeds when 25 fields are used; the 6,000-character budget is
 * shared by all embeds of a message, so whatever would exceed it is cut with an ellipsis.
 */
export class EmbedLayout {
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
