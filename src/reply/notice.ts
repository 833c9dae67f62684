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

/**
 * Replies to a click that did not move the conversation on (someone answered first, a stale
 * button, the store is down, the user is over the rate limit): adapters show them only to the
 * person who clicked and leave the question's buttons in place.
 */
export const NON_ADVANCING_INTENTS: ReadonlySet<string> = new Set([
  "already-answered",
  "flow-stale",
  "store-unavailable",
  "busy",
  "rate-limited",
]);
