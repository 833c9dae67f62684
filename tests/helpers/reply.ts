import type { Block, Reply } from "../../src/reply/model.js";

/** A reply holding just these blocks, sources and title, for renderer tests. */
export const reply = (
  blocks: Block[],
  sources: Reply["sources"] = [],
  title: string | null = null,
): Reply => ({
  intent: "test",
  title,
  visibility: "public",
  technologies: [],
  aspect: null,
  pick: null,
  blocks,
  sources,
});
