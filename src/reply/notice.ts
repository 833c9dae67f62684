import type { Reply } from "./model.js";

/** A one-paragraph reply about the conversation itself (limits, errors), not about any technology. */
export function notice(intent: string, text: string): Reply {
  return {
    intent,
    technologies: [],
    aspect: null,
    pick: null,
    blocks: [{ kind: "paragraph", text }],
    sources: [],
  };
}
