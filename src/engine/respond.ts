import { act, type TurnResult } from "./act.js";
import { helpReply } from "./answers/basic.js";
import { flowCommand, flowText, notAnAnswer, pendingReminder } from "./answers/flow.js";
import { parseFlowChoice } from "./answers/flow-ids.js";
import { socialReply } from "./answers/social.js";
import { answerText } from "./decide.js";
import type { TurnInput } from "./input.js";
import type { Knowledge } from "./knowledge.js";
import { asksSomething, readQuestion } from "./recognise/question.js";
import { recogniseSocial } from "./recognise/social.js";
import type { ConversationState } from "./state.js";
import { checkedState } from "./state-check.js";
import { understand } from "./understand.js";

export type { TurnResult };

/**
 * One conversation turn: (knowledge, state, input) -> (new state, reply). Pure and
 * deterministic; it never throws and never returns an empty reply.
 */
export function respond(
  k: Knowledge,
  state: ConversationState | null | undefined,
  input: TurnInput,
): TurnResult {
  const current = checkedState(k, state);
  try {
    return input.kind === "choice" ? onChoice(k, current, input.id) : onText(k, current, input.text);
  } catch {
    // A bug must cost the user one answer, not the conversation.
    return {
      state: current,
      reply: helpReply(k, "error", "Sorry, I couldn't work that one out. Here is what I can do:"),
    };
  }
}

function onChoice(k: Knowledge, state: ConversationState, id: string): TurnResult {
  const cmd = parseFlowChoice(id);
  if (!cmd)
    return {
      state,
      reply: helpReply(k, "unknown-choice", "That button is no longer valid. Here is what I can do:"),
    };
  return flowCommand(k, state, cmd);
}

function onText(k: Knowledge, state: ConversationState, text: string): TurnResult {
  const u = understand(k, text);
  if (u.tokens.length === 0) {
    const social = recogniseSocial(text, u);
    return { state, reply: social ? socialReply(k, social) : helpReply(k) };
  }

  if (state.flow?.current) {
    const turn = flowText(k, state, u);
    if (turn) return turn;
    if (!asksSomething(u)) return notAnAnswer(k, state);
    // A side question mid-flow is answered; the flow keeps waiting.
    const side = act(k, state, readQuestion(k, state, u), u.techs);
    const reminder = pendingReminder(k, side.state);
    if (reminder) side.reply.blocks.push({ kind: "paragraph", text: reminder });
    return side;
  }
  if (u.cues.has("restart") && u.tokens.length <= 3 && state.flow)
    return flowCommand(k, state, { kind: "restart" });
  return answerText(k, state, u, text);
}
