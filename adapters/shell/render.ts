import { type Block, type Choice, MORE_CHOICE, type Reply, shownBlocks, textTable } from "../../src/index.js";

export interface TerminalStyle {
  /** ANSI emphasis; off when output is not a terminal. */
  color: boolean;
  width: number;
  /** Fold long replies behind "More" (the interactive chat); false shows every block. */
  fold?: boolean;
}

const bold = (s: string, on: boolean) => (on ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string, on: boolean) => (on ? `\x1b[2m${s}\x1b[0m` : s);

/**
 * Renders a reply for the terminal chat. Choices are numbered across the whole reply so the
 * user can type the number; the returned list maps each number to its choice.
 */
export function renderTerminal(reply: Reply, style: TerminalStyle): { text: string; choices: Choice[] } {
  const choices: Choice[] = [];
  // The chat folds long replies behind "More" (typed or its number); a one-shot answer shows all.
  const folded = style.fold && reply.fold !== undefined;
  const blocks = folded ? shownBlocks(reply) : reply.blocks;
  const parts = blocks.map((b) => block(b, style, choices));
  if (folded)
    parts.push(
      block(
        { kind: "choices", prompt: 'There is more: type "more" or its number.', choices: [MORE_CHOICE] },
        style,
        choices,
      ),
    );
  if (reply.title) parts.unshift(bold(reply.title, style.color));
  if (reply.sources.length)
    parts.push(dim(`Sources: ${reply.sources.map((s) => s.title).join("; ")}`, style.color));
  return { text: parts.join("\n\n"), choices };
}

function block(b: Block, style: TerminalStyle, choices: Choice[]): string {
  switch (b.kind) {
    case "heading":
      return bold(b.text, style.color);
    case "paragraph":
      return wrap(b.text, style.width);
    case "list":
      return b.items.map((i) => wrap(`• ${i}`, style.width, "  ")).join("\n");
    case "table":
      return [
        b.caption,
        textTable(b.headers, b.rows, Math.max(16, Math.floor((style.width - 8) / b.headers.length))),
      ]
        .filter(Boolean)
        .join("\n");
    case "choices": {
      const lines = b.choices.map((c) => {
        choices.push(c);
        const label = `${String(choices.length).padStart(2)}. ${c.label}`;
        return c.role === "nav" ? dim(label, style.color) : label;
      });
      return [wrap(b.prompt, style.width), ...lines].join("\n");
    }
    case "form":
      return [
        bold(b.title, style.color),
        ...b.fields.map((f) => wrap(`• ${f.label}`, style.width, "  ")),
      ].join("\n");
  }
}

function wrap(text: string, width: number, indent = ""): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out.join("\n");
}
