import type { Block, Reply } from "../../src/reply/model.js";

/** A reply holding just these blocks and sources, for renderer tests. */
export const reply = (blocks: Block[], sources: Reply["sources"] = []): Reply => ({
  intent: "test",
  technologies: [],
  aspect: null,
  pick: null,
  blocks,
  sources,
});
