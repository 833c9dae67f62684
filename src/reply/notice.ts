import type { Reply, Visibility } from "./model.js";

/**
 * A one-paragraph reply about the conversation itself (limits, errors), not about any
 * technology. Most are for the asker alone: a click that did not move the conversation on, a
 * refusal of an over-long message, a rate limit.
 */
export function notice(intent: string, text: string, visibility: Visibility = "asker"): Reply {
  return {
    intent,
    title: null,
    visibility,
    technologies: [],
    aspect: null,
    pick: null,
    blocks: [{ kind: "paragraph", text }],
    sources: [],
  };
}
