import type { Block, Reply } from "./model.js";

/** Renders a reply as plain text: the terminal, the CLI's JSON `text`, and notification fallbacks. */
export function toPlainText(reply: Reply, options: { sources?: boolean } = {}): string {
  const parts = reply.blocks.map(blockText);
  if (reply.title) parts.unshift(reply.title);
  if (options.sources !== false && reply.sources.length > 0) {
    parts.push(`Sources: ${reply.sources.map((s) => s.title).join("; ")}`);
  }
  return parts.join("\n\n");
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "heading":
      return block.text;
    case "paragraph":
      return block.text;
    case "list":
      return block.items.map((i) => `- ${i}`).join("\n");
    case "table":
      return [block.caption, textTable(block.headers, block.rows)].filter(Boolean).join("\n");
    case "choices":
      return [block.prompt, ...block.choices.map((c, i) => `  ${i + 1}. ${c.label}`)].join("\n");
    case "form":
      return [block.title, ...block.fields.map((f) => `- ${f.label}`)].join("\n");
  }
}

/** A fixed-width table; cells are wrapped so a wide text column stays readable in a terminal. */
export function textTable(headers: string[], rows: string[][], maxCell = 48): string {
  const wrapped = [headers, ...rows].map((row) => row.map((cell) => wrap(cell, maxCell)));
  const widths = headers.map((_, c) =>
    Math.max(...wrapped.map((row) => Math.max(...(row[c] ?? [""]).map((l) => l.length)))),
  );
  const line = (row: string[][]) => {
    const height = Math.max(...row.map((cell) => cell.length));
    const out: string[] = [];
    for (let i = 0; i < height; i++)
      out.push(
        row
          .map((cell, c) => (cell[i] ?? "").padEnd(widths[c] ?? 0))
          .join(" | ")
          .trimEnd(),
      );
    return out.join("\n");
  };
  const [head, ...body] = wrapped;
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(head ?? []), rule, ...body.map(line)].join("\n");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  lines.push(current);
  return lines;
}

/** Every string a reply shows, joined without layout (no table drawing, no wrapping). */
export function replyStrings(reply: Reply): string {
  const parts: string[] = [reply.title ?? ""];
  for (const b of reply.blocks) {
    if (b.kind === "heading" || b.kind === "paragraph") parts.push(b.text);
    else if (b.kind === "list") parts.push(...b.items);
    else if (b.kind === "table") parts.push(...b.headers, ...b.rows.flat());
    else if (b.kind === "choices") parts.push(b.prompt, ...b.choices.map((c) => c.label));
  }
  return parts.join(" ");
}
