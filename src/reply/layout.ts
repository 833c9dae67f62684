import type { Block, Reply } from "./model.js";

/**
 * About how many lines a block takes in a chat client (Slack, Discord, a terminal ~100 columns
 * wide): enough to keep replies chat-sized, not a layout engine.
 */
export function blockLines(block: Block, width = 100): number {
  const wrapped = (text: string) => Math.max(1, Math.ceil(text.length / width));
  switch (block.kind) {
    case "heading":
      return 1;
    case "paragraph":
      return wrapped(block.text);
    case "list":
      return block.items.reduce((n, item) => n + wrapped(item), 0);
    case "table": {
      // A row is as tall as its longest cell wrapped to its column's share of the width.
      const column = Math.max(12, Math.floor(width / Math.max(1, block.headers.length)));
      const rows = block.rows.reduce(
        (n, row) => n + Math.max(1, ...row.map((c) => Math.ceil(c.length / column))),
        0,
      );
      return rows + 2 + (block.caption ? 1 : 0);
    }
    case "choices":
      return 1 + Math.ceil(block.choices.length / 3);
    case "form":
      return 0;
  }
}

/** Rendered lines above which a reply is folded behind "More". */
export const FOLD_LINES = 15;

/**
 * Where to fold a reply so its first part stays within FOLD_LINES: the first block index whose
 * lines would cross it (never 0: the answer itself is always shown), or undefined when the whole
 * reply fits or the rest would be a line or two.
 */
export function foldIndex(reply: Reply): number | undefined {
  const lines = reply.blocks.map((b) => (b.kind === "choices" ? 0 : blockLines(b)));
  const total = lines.reduce((a, b) => a + b, 0) + (reply.title ? 1 : 0);
  if (total <= FOLD_LINES) return undefined;
  let used = reply.title ? 1 : 0;
  for (let i = 0; i < reply.blocks.length; i++) {
    used += lines[i] ?? 0;
    if (used > FOLD_LINES - 2 && i > 0) {
      // Never end the first part on a heading: its section goes behind "More" with it.
      const at = reply.blocks[i - 1]?.kind === "heading" && i > 1 ? i - 1 : i;
      const rest = lines.slice(at).reduce((a, b) => a + b, 0);
      return rest > 2 ? at : undefined;
    }
  }
  return undefined;
}
