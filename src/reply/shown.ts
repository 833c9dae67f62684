import { type Block, MORE_CHOICE, type Reply, shownBlocks } from "./model.js";

/**
 * The blocks a chat renderer draws (Slack, Discord): a folded reply's first part, then a
 * question offering "More" (the engine answers it with the rest); an unfolded reply as it is.
 */
export function chatBlocks(reply: Reply): Block[] {
  if (reply.fold === undefined) return reply.blocks;
  return [...shownBlocks(reply), { kind: "choices", prompt: "", choices: [MORE_CHOICE] }];
}
