import type { Block, Reply } from "../../reply/model.js";
import { compose, listNames, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import type { Hit } from "../passages.js";

/**
 * The statements of the source that answer a question no aspect covers, each with its section,
 * and the editor's note where the source is flawed there. With `missing`, the reply first says
 * plainly which words of the question the source says nothing about (intent `not-covered`).
 */
export function passageReply(k: Knowledge, hits: Hit[], missing: string[] = [], techs: string[] = []): Reply {
  const blocks: Block[] = [];
  const notCovered = missing.length > 0;
  if (notCovered) {
    const about = techs.length ? ` for ${listNames(techs.map((t) => techName(k, t)))}` : "";
    blocks.push({
      kind: "paragraph",
      text: `The source page doesn't cover ${listNames(missing.map((w) => `"${w}"`))}${about}.${
        hits.length ? " The closest it says:" : ""
      }`,
    });
  }
  const notes: string[] = [];
  const items = hits.map((h) => {
    if (h.doc.note && !notes.includes(h.doc.note)) notes.push(h.doc.note);
    return h.doc.text;
  });
  if (items.length === 1) blocks.push({ kind: "paragraph", text: items[0] as string });
  else if (items.length > 1) blocks.push({ kind: "list", items });
  for (const note of notes.slice(0, 2)) blocks.push({ kind: "paragraph", text: `Editor's note: ${note}` });
  const technologies = [...new Set([...techs, ...hits.flatMap((h) => h.doc.technologies)])];
  return compose(
    k,
    notCovered ? "not-covered" : "passage",
    { technologies, title: notCovered ? "Not covered by the source" : "What the source says" },
    blocks,
    hits.flatMap((h) => h.doc.sources),
  );
}
