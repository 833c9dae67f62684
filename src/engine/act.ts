import type { Reply } from "../reply/model.js";
import { singledOutReply } from "./answers/attribute.js";
import { helpReply, shortHelp, topicReply, unknownReply } from "./answers/basic.js";
import { aspectWinnerReply, avoidReply, needReply, noWorstReply } from "./answers/best.js";
import { compareReply } from "./answers/compare.js";
import { factReply, profileReply, withTradeoffs } from "./answers/fact.js";
import { recommendFromText, whyNotReply } from "./answers/recommend.js";
import { describeChanges, whatIfReply } from "./answers/what-if.js";
import { withSection } from "./compose.js";
import type { Knowledge } from "./knowledge.js";
import type { Reading } from "./recognise/reading.js";
import type { ConversationState } from "./state.js";

export interface TurnResult {
  state: ConversationState;
  reply: Reply;
  /**
   * Set only when the engine caught a bug of its own (the reply then has intent "error"): the
   * shell logs it with its stack and counts it; the user got a polite reply and the turn is lost.
   */
  error?: unknown;
}

/** Composes the reply of one reading, and remembers what it was about for the follow-ups. */
export function act(
  k: Knowledge,
  state: ConversationState,
  reading: Reading,
  mentioned: string[],
): TurnResult {
  const focus = state.focus;
  const recent = [...new Set([...mentioned, ...(focus.recent ?? []), ...focus.technologies])].slice(0, 3);
  const withFocus = (reply: Reply, aspectOverride?: string | null): TurnResult => ({
    state: {
      ...state,
      focus: {
        technologies: [...(reply.technologies.length ? reply.technologies : focus.technologies)],
        aspect: aspectOverride !== undefined ? aspectOverride : (reply.aspect ?? focus.aspect),
        recent,
      },
    },
    reply,
  });
  switch (reading.intent) {
    case "fact": {
      const reply = factReply(k, reading.tech, reading.aspects);
      return withFocus(reading.trouble ? withTradeoffs(k, reply, reading.tech, reading.aspects) : reply);
    }
    case "profile":
      return withFocus(profileReply(k, reading.tech, reading.unmatched), null);
    case "compare":
      return withFocus(compareReply(k, reading.techs, reading.aspect, reading.want));
    case "need":
      return withFocus(needReply(k, reading.need, reading.techs), reading.aspect);
    case "aspect-winner":
      return withFocus(aspectWinnerReply(k, reading.aspect, reading.techs, reading.want));
    case "single-out":
      return withFocus(singledOutReply(k, reading.aspect, reading.techs, reading));
    case "avoid":
      return withFocus(avoidReply(k, reading.need));
    case "no-worst":
      return { state, reply: noWorstReply(k) };
    case "unknown-technology":
      return { state, reply: unknownReply(k, reading.names, reading.techs, reading.aspect) };
    case "topic":
      return withFocus(topicReply(k, reading.topic), null);
    case "why-not":
      return withFocus(whyNotReply(k, state, reading.tech));
    case "describe": {
      const turn = recommendFromText(k, state, reading);
      const weighed = reading.weighing;
      if (!weighed || turn.reply.intent !== "recommend" || turn.reply.pick === weighed) return turn;
      // "is jax worth it for us?" and the pick is another: what would make it the pick, under
      // the result's summary.
      return { ...turn, reply: withSection(turn.reply, whatIfReply(k, turn.state, weighed)) };
    }
    case "what-would-change":
      return withFocus(whatIfReply(k, state, reading.tech, reading.figures), null);
    case "revise": {
      const before = state.lastRecommendation?.answers ?? {};
      const turn = recommendFromText(k, state, {
        intent: "describe",
        answers: reading.answers,
        needs: reading.needs,
        // A default recommendation (nothing read) stays the default, not a restart of the questions.
        noConstraints: Object.keys(reading.answers).length === 0 && reading.needs.length === 0,
      });
      if (reading.again) return turn;
      turn.reply.blocks.unshift({
        kind: "paragraph",
        text: reading.changed.length
          ? `Updated from what you said: ${describeChanges(k, before, reading.answers, reading.changed)}.`
          : "Noted. That changes none of the answers I read, so the recommendation stands:",
      });
      return turn;
    }
    case "help":
      return { state, reply: reading.asked ? helpReply(k) : shortHelp(k, "help", "Hi!") };
    case "off-topic":
      return { state, reply: offTopicReply(k) };
  }
}

function offTopicReply(k: Knowledge): Reply {
  return shortHelp(k, "off-topic", "I'm not sure what you mean.");
}
