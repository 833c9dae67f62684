import type { Reply } from "../reply/model.js";
import { attributeReply } from "./answers/attribute.js";
import { helpReply, topicReply, unknownReply } from "./answers/basic.js";
import { aspectWinnerReply, avoidReply, needReply, noWorstReply } from "./answers/best.js";
import { compareReply } from "./answers/compare.js";
import { factReply, profileReply, withTradeoffs } from "./answers/fact.js";
import { flowCommand, flowText, notAnAnswer, pendingReminder } from "./answers/flow.js";
import { parseFlowChoice } from "./answers/flow-ids.js";
import { recommendFromText, whyNotReply } from "./answers/recommend.js";
import type { TurnInput } from "./input.js";
import type { Knowledge } from "./knowledge.js";
import { MIN_OPEN_RETRIEVAL_SCORE, retrieveAspect } from "./retrieval.js";
import type { ConversationState } from "./state.js";
import { checkedState } from "./state-check.js";
import { hasDigit } from "./text/normalize.js";
import { STOPWORDS } from "./text/stopwords.js";
import { constraintCount, type Scored, type Understanding, understand } from "./understand.js";

export interface TurnResult {
  state: ConversationState;
  reply: Reply;
}

/** Lowest match score that counts as the user naming an aspect, need or topic. */
const MIN_SCORE = 3;

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
  if (u.tokens.length === 0) return { state, reply: helpReply(k) };

  if (state.flow?.current) {
    const turn = flowText(k, state, u);
    if (turn) return turn;
    if (!asksSomething(u)) return notAnAnswer(k, state);
    // A side question mid-flow is answered; the flow keeps waiting.
    const side = answer(k, state, u);
    const reminder = pendingReminder(k, side.state);
    if (reminder) side.reply.blocks.push({ kind: "paragraph", text: reminder });
    return side;
  }
  if (u.cues.has("restart") && u.tokens.length <= 3 && state.flow)
    return flowCommand(k, state, { kind: "restart" });
  return answer(k, state, u);
}

/** True when the message has several clauses and `match` was read from the last one, the question. */
function inLastClause(u: Understanding, match: Scored): boolean {
  const last = u.tokens[u.tokens.length - 1]?.clause ?? 0;
  return last > 0 && u.tokens[match.start]?.clause === last;
}

/** Content words the dataset knows nothing of: no term, typo or fact word comes near them. */
function unmatchedWords(k: Knowledge, u: Understanding): string[] {
  const words = u.tokens
    .filter(
      (t) =>
        t.candidates.size === 0 &&
        t.raw.length >= 4 &&
        !STOPWORDS.has(t.raw) &&
        !hasDigit(t.raw) &&
        !k.facts.idf.has(t.stem),
    )
    .map((t) => t.raw);
  return [...new Set(words)].slice(0, 3);
}

/** True when the text names something the dataset knows, so it is a question rather than noise. */
function asksSomething(u: Understanding): boolean {
  return (
    u.techs.length > 0 ||
    u.unknown.length > 0 ||
    strong(u.aspects).length > 0 ||
    strong(u.needs).length > 0 ||
    u.cues.has("compare") ||
    u.cues.has("help")
  );
}

const strong = (list: Scored[]) => list.filter((s) => s.score >= MIN_SCORE);

/** Up to two aspects: the best, and a second one only when it is nearly as clear. */
function pickAspects(u: Understanding): string[] {
  const [first, second] = strong(u.aspects);
  if (!first) return [];
  return second && second.score >= first.score * 0.75 ? [first.id, second.id] : [first.id];
}

function answer(k: Knowledge, state: ConversationState, u: Understanding): TurnResult {
  const all = k.dataset.technologies.map((t) => t.id);
  const focus = state.focus;
  let techs = u.techs;
  const recent = [...new Set([...u.techs, ...(focus.recent ?? []), ...focus.technologies])].slice(0, 3);
  if (techs.length === 0 && u.cues.has("plural")) {
    techs = focus.technologies.length >= 2 ? focus.technologies : recent.slice(0, 2);
  } else if (techs.length === 0 && u.cues.has("pronoun")) techs = focus.technologies;
  const aspects = pickAspects(u);
  const aspect = aspects[0] ?? null;
  const need = strong(u.needs)[0];
  const topic = strong(u.topics)[0];
  const superlative = u.cues.has("best") || u.cues.has("which");
  const want =
    u.cues.has("high") && !u.cues.has("low")
      ? "high"
      : u.cues.has("low") && !u.cues.has("high")
        ? "low"
        : undefined;
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

  if (u.cues.has("whyNot") && techs[0]) return withFocus(whyNotReply(k, state, techs[0]));
  if (u.cues.has("offTopic") && techs.length === 0) return { state, reply: offTopicReply(k) };

  // "which one is NOT good for mobile?": the one whose facts lack it, when exactly one does.
  // A team saying what it does not need ("we don't use TPUs, what framework?") is a brief instead.
  const negatedAsk =
    u.negatedNeeds.length > 0 &&
    !need &&
    techs.length === 0 &&
    (u.cues.has("which") || u.cues.has("best")) &&
    !u.cues.has("description") &&
    !u.cues.has("recommend");
  if (negatedAsk && aspect) {
    const singled = attributeReply(k, u.tokens, aspect, all);
    if (singled) return withFocus(singled);
  }
  // "which should we NOT use for mobile?", "worst for beginners": the source ranks best fits only.
  const ruledOut = u.negatedNeeds[0] ?? need;
  if ((u.cues.has("avoid") || negatedAsk) && ruledOut && techs.length === 0)
    return withFocus(avoidReply(k, ruledOut.id));
  if (u.cues.has("avoid") && techs.length === 0 && !aspect) {
    return { state, reply: noWorstReply(k) };
  }

  if (u.unknown.length > 0 && (techs.length === 0 || (techs.length === 1 && u.cues.has("compare")))) {
    return { state, reply: unknownReply(k, u.unknown) };
  }

  const constraints = constraintCount(u, MIN_SCORE);
  // "we need X, which one?" describes a team; "can we get paid support for pytorch" asks a fact.
  // "...we keep hitting OOM. Which framework has the lowest memory footprint?" closes on a ranking
  // question: the context before it explains, it does not ask for a recommendation.
  const closingSuperlative =
    u.cues.has("best") && !u.cues.has("recommend") && strong(u.aspects).some((a) => inLastClause(u, a));
  const describes =
    u.cues.has("description") &&
    !closingSuperlative &&
    !(techs.length > 0 && aspect) &&
    (constraints >= 2 || (constraints >= 1 && u.cues.has("which")));
  if (u.cues.has("recommend") || describes) {
    // One stated need is a "which is best for" question ("what should I use for mobile?", "we need
    // X, which one?"); a team asking for a recommendation on one fact gets the questions instead.
    const asksAdvice = u.cues.has("recommend") && u.cues.has("description");
    if (need && constraints <= 1 && !asksAdvice) return withFocus(needReply(k, need.id, techs), aspect);
    // "...our CI disks are tight. Which framework has the smallest install?": the context explains,
    // the closing question asks for one need's best fit.
    const asked =
      superlative && techs.length === 0 ? strong(u.needs).find((n) => inLastClause(u, n)) : undefined;
    if (asked) return withFocus(needReply(k, asked.id, techs), aspect);
    // "should we use pytorch?" / "thoughts on jax?" is about the named technologies, not a brief.
    if (!(techs.length >= 1 && constraints === 0)) return recommendFromText(k, state, u);
  }

  if (
    need &&
    techs.length <= 1 &&
    (superlative || techs.length === 0) &&
    (!aspect || superlative || need.score >= (strong(u.aspects)[0]?.score ?? 0))
  ) {
    return withFocus(needReply(k, need.id, techs), aspect);
  }
  // "Which one isn't Apache licensed?" singles one out by a word; "which is biggest?" ranks instead.
  if (u.cues.has("which") && !u.cues.has("best") && aspect && techs.length === 0) {
    const singled = attributeReply(k, u.tokens, aspect, all);
    if (singled) return withFocus(singled);
  }
  if (superlative && aspect && techs.length <= 1 && !(techs.length === 1 && !u.cues.has("best"))) {
    return withFocus(aspectWinnerReply(k, aspect, all, want));
  }

  // A need naming one of the compared technologies is more specific than the overall verdict,
  // and settles an aspect on which the source declares no winner.
  const needPick = need ? k.need.get(need.id)?.pick : undefined;
  if (techs.length >= 2) {
    const reply = compareReply(k, techs, aspect, want);
    if (need && needPick && techs.includes(needPick) && (!aspect || reply.pick === null)) {
      return withFocus(needReply(k, need.id, techs), aspect);
    }
    return withFocus(reply);
  }
  const [tech] = techs;
  if (tech) {
    // "vs tf?", "add tf too", "and tf?" after a comparison: the same comparison, one more technology.
    const before = focus.technologies.filter((t) => t !== tech);
    const extends_ = u.cues.has("extend") || (u.cues.has("followUp") && before.length >= 2);
    if (before.length && (u.cues.has("compare") || extends_)) {
      return withFocus(compareReply(k, [...before, tech], aspect ?? focus.aspect, want));
    }
    // One technology against the others; but "PyTorch 2 vs PyTorch 1.x" compares its versions, a fact.
    if (u.cues.has("compare") && u.techMentions < 2) {
      return withFocus(compareReply(k, [tech, ...all.filter((t) => t !== tech)], aspect, want));
    }
    if (aspects.length) {
      const reply = factReply(k, tech, aspects);
      return withFocus(u.cues.has("trouble") ? withTradeoffs(k, reply, tech, aspects) : reply);
    }
    if (need) return withFocus(needReply(k, need.id, techs), aspect);
    // "and TensorFlow?" after a fact question: the same aspect, for the new technology.
    if (focus.aspect && (u.cues.has("followUp") || u.tokens.length <= 3)) {
      return withFocus(factReply(k, tech, [focus.aspect]));
    }
    const found = retrieveAspect(k.facts, u.tokens, [tech], k.idStems);
    if (found) return withFocus(factReply(k, tech, [found.aspect]));
    return withFocus(profileReply(k, tech, unmatchedWords(k, u)), null);
  }

  if (aspects.length) {
    if (focus.technologies.length === 1 && focus.technologies[0]) {
      return withFocus(factReply(k, focus.technologies[0], aspects));
    }
    const group = focus.technologies.length >= 2 && !superlative ? focus.technologies : all;
    const reply = compareReply(k, group, aspect, want);
    if (need && reply.pick === null) return withFocus(needReply(k, need.id, []), aspect);
    return withFocus(reply);
  }
  if (topic) return withFocus(topicReply(k, topic.id), null);
  if (need) return withFocus(needReply(k, need.id, []));
  const found =
    u.unknown.length === 0
      ? retrieveAspect(k.facts, u.tokens, [], k.idStems, MIN_OPEN_RETRIEVAL_SCORE)
      : null;
  if (found) return withFocus(compareReply(k, all, found.aspect));
  if (u.unknown.length > 0) return { state, reply: unknownReply(k, u.unknown) };
  if (u.cues.has("help") || u.cues.has("greeting")) return { state, reply: helpReply(k) };
  if (u.cues.has("compare")) return withFocus(compareReply(k, all, null));
  return { state, reply: offTopicReply(k) };
}

function offTopicReply(k: Knowledge): Reply {
  return helpReply(
    k,
    "off-topic",
    `I'm not sure what you mean. I'm Stackwise: I answer questions about ${k.dataset.technologies
      .map((t) => t.name)
      .join(", ")} from a sourced comparison. For example:`,
  );
}
