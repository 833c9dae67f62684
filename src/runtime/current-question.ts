import { notAnAnswer } from "../engine/answers/flow.js";
import type { Knowledge } from "../engine/knowledge.js";
import type { ConversationState } from "../engine/state.js";
import type { Reply } from "../reply/model.js";

/** Shown above a question posted again after a click on an older one. */
export const REPOSTED_LEAD = "That question was already answered. The recommendation is waiting here:";

/**
 * The guided flow's pending question as a fresh message, or null when no question is pending.
 * The engine re-asks the pending question after text that was not an answer; its lead sentence
 * is replaced, the title and choices are the engine's own.
 */
export function currentQuestion(k: Knowledge, state: ConversationState | null): Reply | null {
  if (!state?.flow?.current) return null;
  const reply = notAnAnswer(k, state).reply;
  const firstChoices = reply.blocks.findIndex((b) => b.kind === "choices");
  if (firstChoices < 0) return null;
  return {
    ...reply,
    visibility: "public",
    blocks: [{ kind: "paragraph", text: REPOSTED_LEAD }, ...reply.blocks.slice(firstChoices)],
  };
}
