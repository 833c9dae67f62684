import { foldIndex } from "../reply/layout.js";
import { MORE_CHOICE, type Reply } from "../reply/model.js";
import { act, type TurnResult } from "./act.js";
import { helpReply, shortHelp } from "./answers/basic.js";
import { parseAskChoice } from "./answers/clarify.js";
import { flowCommand, flowText, notAnAnswer, OPTION_THRESHOLD, pendingReminder } from "./answers/flow.js";
import { parseFlowChoice } from "./answers/flow-ids.js";
import { socialReply } from "./answers/social.js";
import { compose } from "./compose.js";
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
    const result = input.kind === "choice" ? onChoice(k, current, input.id) : onText(k, current, input.text);
    // A reply only the asker sees (a stale click) leaves the buttons already shown in force.
    if (result.reply.visibility === "asker") return result;
    const reply = result.reply;
    const fold = foldIndex(reply);
    const more =
      fold === undefined
        ? null
        : {
            title: reply.title,
            blocks: reply.blocks.slice(fold).filter((b) => b.kind !== "choices"),
            sources: reply.sources.map((s) => s.id),
          };
    // A reply with no choices of its own while the same question still waits ("thanks", a side
    // question) leaves that question's numbered choices in force: "2" next still answers it.
    const waiting = result.state.flow?.current && result.state.flow.current === current.flow?.current;
    const own = choiceIds(reply);
    const offered =
      own.length === 0 && waiting && fold === undefined
        ? (current.offered ?? [])
        : [...own, ...(fold === undefined ? [] : [MORE_CHOICE.id])];
    return {
      state: { ...result.state, offered, more },
      reply: fold === undefined ? reply : { ...reply, fold },
    };
  } catch (error) {
    // A bug must cost the user one answer, not the conversation; the shell logs what it was.
    return {
      state: current,
      reply: helpReply(k, "error", "Sorry, I couldn't work that one out. Here is what I can do:"),
      error,
    };
  }
}

function onChoice(k: Knowledge, state: ConversationState, id: string): TurnResult {
  if (id === MORE_CHOICE.id) return moreTurn(k, state);
  // A clarification's choice is the reading it offered.
  const asked = parseAskChoice(k, id);
  if (asked) return act(k, state, asked, asked.intent === "profile" ? [asked.tech] : []);
  const cmd = parseFlowChoice(id);
  if (!cmd)
    return {
      state,
      reply: helpReply(k, "unknown-choice", "That button is no longer valid. Here is what I can do:"),
    };
  return flowCommand(k, state, cmd);
}

/** The ids of a reply's choices in display order: what a typed number picks next turn. */
function choiceIds(reply: Reply): string[] {
  return reply.blocks.flatMap((b) => (b.kind === "choices" ? b.choices.map((c) => c.id) : []));
}

function onText(k: Knowledge, state: ConversationState, text: string): TurnResult {
  const u = understand(k, text);
  if (state.more && u.cues.has("more") && u.tokens.length <= 4) return moreTurn(k, state);
  // A bare number picks that choice of the last reply, whatever it offered (a question, a clarification).
  const offered = u.number !== null ? state.offered?.[u.number - 1] : undefined;
  if (offered) return onChoice(k, state, offered);
  if (u.tokens.length === 0) {
    const social = recogniseSocial(text, u);
    return { state, reply: social ? socialReply(k, social) : shortHelp(k, "help", "Hi!") };
  }

  if (state.flow?.current) {
    const turn = flowText(k, state, u, text);
    if (turn) return turn;
    // "thanks", "ok cool" between questions: a short reply and where the flow stands, not "I
    // didn't catch that" with the whole question again.
    const social = recogniseSocial(text, u);
    if (social) return withReminder(k, { state, reply: socialReply(k, social) });
    if (!asksSomething(u)) return notAnAnswer(k, state);
    // A side question mid-flow is answered; the flow keeps waiting.
    return withReminder(k, act(k, state, readQuestion(k, state, u), u.techs));
  }
  // "starting from scratch" answers the codebase question; it restarts nothing.
  const answers = [...u.options.values()].some((o) => o.score >= OPTION_THRESHOLD);
  if (u.cues.has("restart") && u.tokens.length <= 3 && state.flow && !answers)
    return flowCommand(k, state, { kind: "restart" });
  return answerText(k, state, u, text);
}

/** A turn taken between the guided questions, closed with the question still waiting. */
function withReminder(k: Knowledge, turn: TurnResult): TurnResult {
  const reminder = pendingReminder(k, turn.state);
  if (reminder) turn.reply.blocks.push({ kind: "paragraph", text: reminder });
  return turn;
}

/** "More": the rest of the last reply, itself folded again if it is long. */
function moreTurn(k: Knowledge, state: ConversationState): TurnResult {
  const more = state.more;
  if (!more) {
    return {
      state,
      reply: compose(k, "more", { visibility: "asker" }, [
        { kind: "paragraph", text: "That was all of it." },
      ]),
    };
  }
  const title = more.title ? `${more.title} (continued)` : null;
  // The rest is about what the last answer was about: the focus it left names its technologies.
  const technologies = [...state.focus.technologies];
  return {
    state: { ...state, more: null },
    reply: compose(k, "more", { title, technologies }, more.blocks, more.sources),
  };
}
