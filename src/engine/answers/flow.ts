import type { FlowQuestion } from "../../dataset/schema.js";
import type { Block, Choice, Reply } from "../../reply/model.js";
import { compose, listNames, midSentence } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { optionKey } from "../knowledge.js";
import { recogniseChoice } from "../recognise/choice.js";
import { asksPickOnly } from "../recognise/pick-asked.js";
import type { ConversationState, FlowState } from "../state.js";
import type { Understanding } from "../understand.js";
import { needBoosts } from "./boosts.js";
import { answerId, type FlowCommand, navChoices, parseFlowChoice } from "./flow-ids.js";
import { recommendationReply } from "./result.js";

export interface FlowTurn {
  state: ConversationState;
  reply: Reply;
}

/** Lowest score at which free text counts as choosing an option (a 3-letter exact word). */
export const OPTION_THRESHOLD = 3;

/** Starts (or resumes) the guided flow; `prefilled` answers come from a description. */
export function startFlow(
  k: Knowledge,
  state: ConversationState,
  prefilled: Record<string, string> = {},
  lead?: string,
  /** Needs the description named: kept for the result, which they weigh in. */
  needs: string[] = [],
): FlowTurn {
  const resume =
    state.flow && state.flow.current === null && nextQuestion(k, state.flow.answers) ? state.flow : null;
  const answers = resume ? { ...resume.answers, ...prefilled } : { ...prefilled };
  const history = [
    ...(resume?.history ?? []),
    ...Object.keys(prefilled).filter((q) => !resume?.history.includes(q)),
  ];
  const kept = [...new Set([...(resume?.needs ?? []), ...needs])];
  const flow: FlowState = {
    answers,
    history,
    current: nextQuestion(k, answers)?.id ?? null,
    ...(kept.length ? { needs: kept } : {}),
  };
  const intro: Block[] = [];
  if (lead) intro.push({ kind: "paragraph", text: lead });
  else if (!resume) {
    intro.push({
      kind: "paragraph",
      text: `Let's find the right ${k.dataset.meta.noun} for you: ${k.dataset.flow.questions.length} short questions. Pick an answer or type it; "back", "skip" (not sure), "start over" and "cancel" work at any time.`,
    });
  }
  const known = [
    describeAnswers(k, prefilled),
    ...needs.map((id) => {
      const need = k.need.get(id);
      return need ? midSentence(k, need.label) : id;
    }),
  ].filter(Boolean);
  if (known.length)
    intro.push({ kind: "paragraph", text: `From what you said I already have: ${known.join("; ")}.` });
  return advance(k, { ...state, flow }, intro);
}

/** Applies a click (or its typed equivalent) to the flow. */
export function flowCommand(k: Knowledge, state: ConversationState, cmd: FlowCommand): FlowTurn {
  const flow = state.flow;
  switch (cmd.kind) {
    case "start":
      return startFlow(k, state);
    case "restart":
      return startFlow(k, { ...state, flow: null }, {}, "Starting over.");
    case "cancel":
      return {
        state: { ...state, flow: null },
        reply: compose(k, "flow-cancel", {}, [
          {
            kind: "paragraph",
            text: 'Recommendation cancelled. Ask me anything, or say "recommend" to start again.',
          },
        ]),
      };
  }
  if (!flow || flow.current !== cmd.question) return stale(k, state);
  switch (cmd.kind) {
    case "answer": {
      if (!k.option.has(optionKey(cmd.question, cmd.option))) return stale(k, state);
      return advance(k, { ...state, flow: record(flow, cmd.question, cmd.option) });
    }
    case "skip":
      return advance(k, { ...state, flow: record(flow, cmd.question, "skip") });
    case "back": {
      // The question shown just before this one, not the last one filled in from a description.
      const asked = flow.asked?.filter((q) => q !== flow.current) ?? [];
      const previous = asked.length ? asked[asked.length - 1] : flow.history[flow.history.length - 1];
      if (!previous) return advance(k, state, [{ kind: "paragraph", text: "This is the first question." }]);
      const answers = { ...flow.answers };
      delete answers[previous];
      const history = flow.history.filter((q) => q !== previous);
      return advance(
        k,
        { ...state, flow: { answers, history, current: previous, asked: asked.slice(0, -1) } },
        [],
        previous,
      );
    }
  }
}

/**
 * Reads typed text as an answer to the pending question: a command, a number, or the options'
 * own words (see `recogniseChoice`). Returns null when the text is not an answer, so the caller
 * can treat it as a question and keep the flow waiting. Two options read about equally well
 * get a question back with those two as buttons.
 */
export function flowText(
  k: Knowledge,
  state: ConversationState,
  u: Understanding,
  text: string,
): FlowTurn | null {
  const flow = state.flow;
  const question = flow?.current ? k.question.get(flow.current) : undefined;
  if (!flow || !question) return null;
  const matched = u.options.get(question.id);
  const answers = matched && matched.score >= OPTION_THRESHOLD ? matched : undefined;
  // A short command, unless the words are an answer to this very question ("from scratch").
  const command = u.tokens.length <= 4 && !answers;
  if (u.cues.has("cancel") && command) return flowCommand(k, state, { kind: "cancel" });
  if (u.cues.has("restart") && command) return flowCommand(k, state, { kind: "restart" });
  if (u.cues.has("back") && command) return flowCommand(k, state, { kind: "back", question: question.id });
  // "not sure" is a skip even where an option lists it among its words.
  if (u.cues.has("skip") && u.tokens.length <= 4) {
    return flowCommand(k, state, { kind: "skip", question: question.id });
  }

  // "just give me your pick": the result now, from the answers so far, naming what was not asked.
  const statesAnswers = [...u.options.values()].some((o) => o.score >= OPTION_THRESHOLD);
  if ((u.cues.has("result") || asksPickOnly(u)) && !answers && !statesAnswers)
    return finishNow(k, state, flow);

  let option: string | undefined = answers?.id;
  if (!option && u.number !== null) {
    // Numbers follow the choices as shown: the options, then Back (when offered), Skip, Start over, Cancel.
    const choices = questionChoices(question, flow);
    const picked = choices[u.number - 1];
    const cmd = picked ? parseFlowChoice(picked.id) : null;
    if (cmd && cmd.kind !== "answer") return flowCommand(k, state, cmd);
    if (cmd?.kind === "answer") option = cmd.option;
  }
  // A question ("which is cheaper?") is a side question, however many option words it holds.
  if (!option && !asksBack(text)) {
    const [best, second] = recogniseChoice(question, u, k.dataset.flow);
    if (best && second && best.score - second.score < CLEAR_LEAD)
      return choiceClarify(k, state, question, [best.option, second.option]);
    option = best?.option;
  }
  if (option) {
    // Other questions answered in the same breath are taken too, if still open.
    let next = record(flow, question.id, option);
    const also: string[] = [];
    for (const [qid, o] of u.options) {
      if (qid !== question.id && !(qid in next.answers) && o.score >= OPTION_THRESHOLD) {
        next = record(next, qid, o.id);
        also.push(qid);
      }
    }
    // Typed answers are acknowledged, so a misreading shows at once; a click needs no echo.
    const noted = `Noted for ${question.topic}: ${optionLabel(k, question.id, option)}.${
      also.length
        ? ` Also noted: ${describeAnswers(k, Object.fromEntries(also.map((q) => [q, next.answers[q] ?? ""])))}.`
        : ""
    }`;
    // "...the team is fluent in FP. what should we use?": answers, and the result asked for now.
    if (u.cues.has("recommend") || u.cues.has("result"))
      return finishNow(k, { ...state, flow: next }, next, noted);
    // A description rather than a reply: it answers more than was asked, or comes at the first
    // question. "our runs cost way over 50k" at the budget question is that question's answer.
    const describing = also.length > 0 || (flow.asked?.length ?? 0) <= 1;
    const decided = describing ? decisive(k, u, next, noted) : null;
    if (decided) return finishNow(k, { ...state, flow: decided.flow }, decided.flow, decided.noted);
    return advance(k, { ...state, flow: next }, [{ kind: "paragraph", text: noted }], undefined, also);
  }
  if (u.cues.has("skip") && u.tokens.length <= 5) {
    return flowCommand(k, state, { kind: "skip", question: question.id });
  }
  if (u.cues.has("cancel") && u.tokens.length <= 6) return flowCommand(k, state, { kind: "cancel" });
  // Not this question, but a statement answering (or correcting) others: take those, ask again.
  // Only what changes something: an answer already recorded the same way is no news.
  const others = [...u.options].filter(
    ([qid, o]) => qid !== question.id && o.score >= OPTION_THRESHOLD && flow.answers[qid] !== o.id,
  );
  if (others.length > 0 && !asksBack(text)) {
    let next = flow;
    for (const [qid, o] of others) next = record(next, qid, o.id);
    const stated = `Noted: ${describeAnswers(k, Object.fromEntries(others.map(([qid, o]) => [qid, o.id])))}.`;
    const decided = decisive(k, u, next, stated);
    if (decided) return finishNow(k, { ...state, flow: decided.flow }, decided.flow, decided.noted);
    const noted = `${stated} I still need ${question.topic}:`;
    return advance(k, { ...state, flow: next }, [{ kind: "paragraph", text: noted }], question.id);
  }
  return null;
}

/**
 * "we do legged robots and need hessians of the dynamics": a typed answer naming a reason the
 * source counts as enough on its own to decide (`meta.standaloneTriggers`) ends the questions:
 * the rest could not outweigh it. The flow keeps the reason as a need, and the reply says why it
 * stopped asking. Null when the message names no such reason.
 */
function decisive(
  k: Knowledge,
  u: Understanding,
  flow: FlowState,
  noted: string,
): { flow: FlowState; noted: string } | null {
  // Only a description ("we do legged robots and need hessians of the dynamics..."): a short
  // answer to the question asked ("tpu v4 pods on gcp") keeps the questions going.
  if (u.tokens.length < DESCRIPTION_WORDS) return null;
  const triggers = new Set(k.dataset.meta.standaloneTriggers);
  const named = u.needs.filter((n) => n.score >= OPTION_THRESHOLD && triggers.has(n.id)).map((n) => n.id);
  if (named.length === 0) return null;
  const needs = [...new Set([...(flow.needs ?? []), ...named])];
  const label = (n: string) => k.need.get(n)?.label ?? n;
  const labels = listNames(named.map((n) => label(n).charAt(0).toLowerCase() + label(n).slice(1)));
  return {
    flow: { ...flow, needs },
    noted: `${noted} You named ${labels}, which the page counts as reason enough on its own, so here is the result now.`,
  };
}

/** Words from which a typed answer is a description of the project rather than a reply. */
const DESCRIPTION_WORDS = 8;

/** How far ahead the best option's reading must be to be taken without asking. */
const CLEAR_LEAD = 0.2;

/** A message that asks something back rather than answering ("which one is cheaper?"). */
function asksBack(text: string): boolean {
  return (
    text.includes("?") || /^\s*(what|which|how|who|why|when|where|is|are|does|do|can|should)\b/i.test(text)
  );
}

const optionLabel = (k: Knowledge, question: string, option: string) =>
  k.option.get(optionKey(question, option))?.label ?? option;

/** "Did you mean A or B?": the pending question again, with only the two close readings as buttons. */
function choiceClarify(
  k: Knowledge,
  state: ConversationState,
  question: FlowQuestion,
  options: string[],
): FlowTurn {
  const labels = options.map((o) => `"${optionLabel(k, question.id, o)}"`);
  const choices: Choice[] = options.map((o) => ({
    id: answerId(question.id, o),
    label: optionLabel(k, question.id, o),
    role: "answer" as const,
  }));
  return {
    state,
    reply: compose(k, "clarify", { title: `Question: ${question.topic}` }, [
      { kind: "choices", prompt: `For ${question.topic}, did you mean ${labels.join(" or ")}?`, choices },
    ]),
  };
}

/** Re-asks the pending question after text that was neither an answer nor a question. */
export function notAnAnswer(k: Knowledge, state: ConversationState): FlowTurn {
  return advance(k, state, [
    {
      kind: "paragraph",
      text: 'I didn\'t catch that as an answer. Pick one of these, type it, or say "skip":',
    },
  ]);
}

/** One line reminding that the flow still waits, to append after answering a side question. */
export function pendingReminder(k: Knowledge, state: ConversationState): string | null {
  const q = state.flow?.current ? k.question.get(state.flow.current) : undefined;
  return q ? `(The recommendation is still waiting for your answer on ${q.topic}: "${q.prompt}")` : null;
}

function record(flow: FlowState, question: string, answer: string): FlowState {
  const answers = { ...flow.answers, [question]: answer };
  const history = [...flow.history.filter((q) => q !== question), question];
  return { ...flow, answers, history };
}

/** Moves to the next open question (or the given one), or gives the result when none is left. */
function advance(
  k: Knowledge,
  state: ConversationState,
  intro: Block[] = [],
  at?: string,
  justNoted: string[] = [],
): FlowTurn {
  const flow = state.flow as FlowState;
  const question = at ? k.question.get(at) : nextQuestion(k, flow.answers);
  // Never pass a question by in silence: the ones between the last asked and the next were known
  // (unless this very reply just said so: "Also noted: scale").
  const known = passedKnown(k, flow, question?.id ?? null, justNoted);
  if (known) intro.push({ kind: "paragraph", text: known });
  if (!question) return resultTurn(k, state, flow, intro, 0, false);
  const asked = [...(flow.asked ?? []).filter((q) => q !== question.id), question.id];
  const next = { ...flow, current: question.id, asked };
  return { state: { ...state, flow: next }, reply: questionReply(k, question, next, intro) };
}

/**
 * The result before the questions are done: recommends from the answers given, and says which
 * questions were left unasked, so the user knows what a "Refine" would still weigh.
 */
function finishNow(k: Knowledge, state: ConversationState, flow: FlowState, noted?: string): FlowTurn {
  const open = k.dataset.flow.questions.filter((q) => !(q.id in flow.answers)).map((q) => q.topic);
  const given = Object.values(flow.answers).filter((o) => o !== "skip").length;
  const intro: Block[] = [
    ...(noted ? [{ kind: "paragraph" as const, text: noted }] : []),
    {
      kind: "paragraph",
      text:
        given === 0
          ? "Here is the result with no answers yet: the source's default."
          : `Here is the result from your ${given} answer${given === 1 ? "" : "s"} so far${
              open.length ? `; not asked: ${listNames(open)}` : ""
            }.`,
    },
  ];
  // With questions left, "Refine" goes on from these answers (the flow state keeps them).
  return resultTurn(k, state, flow, intro, 1, open.length > 0);
}

/**
 * The flow's result from its answers and the needs its description named: `intro` goes in at
 * block `at`, the flow stops waiting, and the result is kept for "why not X?" and what-ifs.
 */
function resultTurn(
  k: Knowledge,
  state: ConversationState,
  flow: FlowState,
  intro: Block[],
  at: number,
  refine: boolean,
): FlowTurn {
  const { reply, ranking } = recommendationReply(k, flow.answers, needBoosts(k, flow.needs ?? []), {
    intent: "flow-result",
    refine,
  });
  reply.blocks.splice(at, 0, ...intro);
  return {
    state: {
      ...state,
      flow: { ...flow, current: null },
      lastRecommendation: { ranking, answers: flow.answers, needs: flow.needs ?? [] },
      focus: { technologies: [ranking[0]?.tech ?? ""].filter(Boolean), aspect: null },
    },
    reply,
  };
}

/**
 * "Already known from what you said: deployment (Cloud or server API)." for the questions
 * between the one asked last and `next` (or the end) that are answered but were never asked.
 */
function passedKnown(k: Knowledge, flow: FlowState, next: string | null, justNoted: string[]): string | null {
  const questions = k.dataset.flow.questions;
  const last = flow.asked?.[flow.asked.length - 1];
  if (!last || last === next) return null;
  const from = questions.findIndex((q) => q.id === last);
  const to = next ? questions.findIndex((q) => q.id === next) : questions.length;
  const passed = questions
    .slice(from + 1, Math.max(from + 1, to))
    .filter(
      (q) =>
        q.id in flow.answers &&
        flow.answers[q.id] !== "skip" &&
        !flow.asked?.includes(q.id) &&
        !justNoted.includes(q.id),
    );
  if (passed.length === 0) return null;
  const what = passed.map(
    (q) => `${q.topic} (${k.option.get(optionKey(q.id, flow.answers[q.id] ?? ""))?.label})`,
  );
  return `Already known from what you said, so not asked: ${listNames(what)}.`;
}

function questionReply(k: Knowledge, q: FlowQuestion, flow: FlowState, intro: Block[]): Reply {
  const all = k.dataset.flow.questions;
  const position = all.findIndex((x) => x.id === q.id) + 1;
  const choices = questionChoices(q, flow);
  return compose(k, "flow", { title: `Question ${position} of ${all.length}: ${q.topic}` }, [
    ...intro,
    { kind: "choices", prompt: q.prompt, choices },
  ]);
}

/** The choices a question shows, in order: its options, then the navigation. */
function questionChoices(q: FlowQuestion, flow: FlowState): Choice[] {
  return [
    ...q.options.map((o) => ({ id: answerId(q.id, o.id), label: o.label, role: "answer" as const })),
    ...navChoices(q.id, flow.history.length > 0),
  ];
}

function stale(k: Knowledge, state: ConversationState): FlowTurn {
  const q = state.flow?.current ? k.question.get(state.flow.current) : undefined;
  const text = q
    ? `That question was already answered; we're now on ${q.topic}.`
    : 'That question was already answered. Say "recommend" to start a new recommendation.';
  return { state, reply: compose(k, "flow-stale", { visibility: "asker" }, [{ kind: "paragraph", text }]) };
}

export function nextQuestion(k: Knowledge, answers: Record<string, string>): FlowQuestion | undefined {
  return k.dataset.flow.questions.find((q) => !(q.id in answers));
}

export function describeAnswers(k: Knowledge, answers: Record<string, string>): string {
  const parts = Object.entries(answers)
    .filter(([, o]) => o !== "skip")
    .map(([q, o]) => `${k.question.get(q)?.topic ?? q}: ${k.option.get(optionKey(q, o))?.label ?? o}`);
  // Labels hold "and" themselves ("Research and rapid prototyping"): semicolons keep items apart.
  return parts.join("; ");
}
