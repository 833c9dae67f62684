import type { Reply } from "../reply/model.js";
import { notice } from "../reply/notice.js";
import type { TurnInput } from "./input.js";
import type { Knowledge } from "./knowledge.js";
import type { ConversationState } from "./state.js";

export interface TurnResult {
  state: ConversationState;
  reply: Reply;
}

/** One conversation turn: pure, deterministic, never throws. (Stub: being written.) */
export function respond(_k: Knowledge, state: ConversationState, _input: TurnInput): TurnResult {
  return { state, reply: notice("help", "Stackwise engine under construction.") };
}
