import type { Reply } from "../../reply/model.js";
import { compose, factFor, factSources, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { optionKey } from "../knowledge.js";
import type { Reading } from "../recognise/reading.js";
import { findPivot, score } from "../scoring.js";
import type { ConversationState } from "../state.js";
import { needBoosts } from "./boosts.js";
import { describeAnswers, type FlowTurn, startFlow } from "./flow.js";
import { recommendationReply, topReasons } from "./result.js";

/**
 * "We're a startup doing NLP research with a small team, what should we use?": the constraints
 * read from the text; recommend when that is enough, otherwise start the flow with those
 * answers filled in.
 */
export function recommendFromText(
  k: Knowledge,
  state: ConversationState,
  described: Extract<Reading, { intent: "describe" }>,
): FlowTurn {
  const { answers } = described;
  const boosts = needBoosts(k, described.needs);

  const evidence = Object.keys(answers).length + boosts.length;
  const [first, second] = score(k, answers, boosts).ranking;
  const lead = (first?.score ?? 0) - (second?.score ?? 0);
  const enough =
    evidence >= k.dataset.flow.minAnswersToRecommend ||
    (evidence >= 1 && lead >= k.dataset.flow.confidentLead) ||
    (evidence === 0 && described.noConstraints);
  if (!enough) {
    const lead =
      evidence === 0
        ? undefined
        : `Good start. To recommend with confidence I need a little more (${k.dataset.flow.questions.length - Object.keys(answers).length} questions at most).`;
    return startFlow(k, { ...state, flow: null }, answers, lead, described.needs);
  }
  const { reply, ranking } = recommendationReply(k, answers, boosts, { intent: "recommend", refine: true });
  const understood = [
    describeAnswers(k, answers),
    ...boosts.map((b) => b.label.replace(/^You mentioned /, "")),
  ].filter(Boolean);
  reply.blocks.splice(1, 0, {
    kind: "paragraph",
    text: understood.length
      ? `What I read from your description: ${understood.join("; ")}.`
      : "Nothing you said narrows the choice, so this is the source's default; the questions below can sharpen it.",
  });
  return {
    state: {
      ...state,
      // Kept so "Refine with a few questions" continues from these answers.
      flow: { answers, history: Object.keys(answers), current: null },
      lastRecommendation: { ranking, answers, needs: described.needs },
      focus: { technologies: [ranking[0]?.tech ?? ""].filter(Boolean), aspect: null },
    },
    reply,
  };
}

/** "Why not JAX?" after a recommendation: what counted against it and what would make it win. */
export function whyNotReply(k: Knowledge, state: ConversationState, tech: string): Reply {
  const name = techName(k, tech);
  const last = state.lastRecommendation;
  const weakness = k.dataset.meta.tradeoffAspect
    ? factFor(k, tech, k.dataset.meta.tradeoffAspect)
    : undefined;
  const sources: string[] = weakness ? factSources(weakness) : [];
  const weakItems = weakness ? (weakness.items?.slice(0, 2) ?? [weakness.text]) : [];

  if (!last) {
    const overall = k.dataset.topic.find((t) => t.pick);
    const blocks: Reply["blocks"] = [];
    if (overall) {
      blocks.push({ kind: "paragraph", text: overall.text });
      sources.push(...overall.sources);
    }
    if (weakItems.length)
      blocks.push({ kind: "paragraph", text: `Its downsides:` }, { kind: "list", items: weakItems });
    const about = { technologies: [tech], pick: overall?.pick ?? null, title: `Why not ${name}?` };
    return compose(k, "why-not", about, blocks, sources);
  }

  const { ranking, contributions } = score(k, last.answers, needBoosts(k, last.needs ?? []));
  const winner = ranking[0]?.tech ?? tech;
  const winnerName = techName(k, winner);
  const mine = ranking.find((r) => r.tech === tech);
  const top = ranking[0];
  if (winner === tech) {
    // "why?", "why pytorch?": the answers that most set the pick apart from the runner-up.
    const second = ranking[1];
    const reasons = topReasons(contributions, tech, second?.tech);
    const lead = second
      ? `${name} is the recommendation: it scored ${mine?.score}, ahead of ${techName(k, second.tech)} (${second.score}).`
      : `${name} is the recommendation: it scored ${mine?.score}, the highest.`;
    const blocks: Reply["blocks"] = [{ kind: "paragraph", text: lead }];
    if (reasons.length)
      blocks.push({ kind: "list", items: reasons.map((c) => `${c.label}: ${c.rationale}`) });
    return compose(
      k,
      "why-not",
      { technologies: [tech], pick: tech, title: `Why ${name}?` },
      blocks,
      reasons.flatMap((c) => c.sources),
    );
  }
  const against = contributions
    .map((c) => ({ c, gap: (c.points[winner] ?? 0) - (c.points[tech] ?? 0) }))
    .filter((x) => x.gap > 0)
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 3);
  for (const x of against) sources.push(...x.c.sources);
  const blocks: Reply["blocks"] = [
    {
      kind: "paragraph",
      text: `${name} scored ${mine?.score} against ${winnerName}'s ${top?.score}. What counted against it:`,
    },
    { kind: "list", items: against.map((x) => `${x.c.label} (${winnerName} +${x.gap}): ${x.c.rationale}`) },
  ];
  if (weakItems.length)
    blocks.push(
      { kind: "paragraph", text: `${name}'s known downsides:` },
      { kind: "list", items: weakItems },
    );
  const pivot = findPivot(k, last.answers, [], tech);
  if (pivot) {
    const q = k.question.get(pivot.question);
    const to = k.option.get(optionKey(pivot.question, pivot.to))?.label;
    blocks.push({ kind: "paragraph", text: `${name} would win if your ${q?.topic} answer were "${to}".` });
  } else {
    blocks.push({ kind: "paragraph", text: `No single change of answer would put ${name} on top.` });
  }
  const about = { technologies: [tech, winner], pick: winner, title: `Why not ${name}?` };
  return compose(k, "why-not", about, blocks, sources);
}
