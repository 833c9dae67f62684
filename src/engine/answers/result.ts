import type { Block, Reply } from "../../reply/model.js";
import {
  aspectLabel,
  capitalised,
  compose,
  factFor,
  factSources,
  listNames,
  midSentence,
  techName,
} from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { optionKey } from "../knowledge.js";
import { type Boost, type Contribution, findPivot, type Pivot, score } from "../scoring.js";
import type { RankedTech } from "../state.js";
import { startChoice } from "./flow-ids.js";

export interface RecommendationResult {
  reply: Reply;
  ranking: RankedTech[];
}

/** The ranked recommendation: scores, the reasons that carried it, the trade-offs and the pivot. */
export function recommendationReply(
  k: Knowledge,
  answers: Record<string, string>,
  boosts: Boost[],
  options: { intent: string; refine: boolean },
): RecommendationResult {
  const { ranking, contributions } = score(k, answers, boosts);
  const [winner, ...rest] = ranking as [RankedTech, ...RankedTech[]];
  const sources: string[] = [];
  const name = (t: string) => techName(k, t);
  const answered = Object.values(answers).filter((a) => a !== "skip").length;
  const skipped = Object.values(answers).length - answered;

  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `From ${answered} answer${answered === 1 ? "" : "s"}${skipped ? ` (${skipped} skipped)` : ""}${
        boosts.length ? ` and ${boosts.length} need${boosts.length === 1 ? "" : "s"} you mentioned` : ""
      }, ${name(winner.tech)} scores ${winner.score}, ahead of ${listNames(rest.map((r) => `${name(r.tech)} (${r.score})`))}.`,
    },
    {
      kind: "table",
      headers: ["Rank", capitalised(k.dataset.meta.noun), "Score"],
      rows: ranking.map((r, i) => [String(i + 1), name(r.tech), String(r.score)]),
    },
  ];

  const reasons = topReasons(contributions, winner.tech, rest[0]?.tech);
  if (reasons.length) {
    blocks.push({ kind: "paragraph", text: "Why:" });
    blocks.push({ kind: "list", items: reasons.map((c) => `${c.label}: ${c.rationale}`) });
    for (const c of reasons) sources.push(...c.sources);
  }

  const tradeoffs = tradeOffs(k, contributions, winner.tech, rest, sources);
  if (tradeoffs.length) {
    blocks.push({ kind: "paragraph", text: "Trade-offs:" });
    blocks.push({ kind: "list", items: tradeoffs });
  }

  blocks.push({ kind: "paragraph", text: pivotText(k, findPivot(k, answers, boosts), answers, winner) });
  blocks.push({
    kind: "choices",
    prompt: options.refine ? "Want a sharper answer?" : "Try other answers?",
    choices: [
      options.refine
        ? { ...startChoice(), label: "Refine with a few questions" }
        : { id: "flow:restart", label: "Start over", role: "nav" },
    ],
  });

  const reply = compose(
    k,
    options.intent,
    {
      technologies: ranking.map((r) => r.tech),
      pick: winner.tech,
      title: `Recommendation: ${name(winner.tech)}`,
    },
    blocks,
    sources,
  );
  return { reply, ranking };
}

/** The contributions that most separate the winner from the runner-up. */
export function topReasons(
  contributions: Contribution[],
  winner: string,
  runnerUp: string | undefined,
): Contribution[] {
  const edge = (c: Contribution) => (c.points[winner] ?? 0) - (runnerUp ? (c.points[runnerUp] ?? 0) : 0);
  return contributions
    .filter((c) => (c.points[winner] ?? 0) > 0 && edge(c) > 0)
    .sort((a, b) => edge(b) - edge(a))
    .slice(0, 3);
}

function tradeOffs(
  k: Knowledge,
  contributions: Contribution[],
  winner: string,
  rest: RankedTech[],
  sources: string[],
): string[] {
  const out: string[] = [];
  for (const other of rest) {
    const better = contributions
      .filter((c) => c.from !== "prior" && (c.points[other.tech] ?? 0) > (c.points[winner] ?? 0))
      .map((c) => midSentence(k, c.label));
    if (better.length) {
      out.push(`${techName(k, other.tech)} fits these answers better: ${better.slice(0, 3).join("; ")}.`);
    }
  }
  const aspect = k.dataset.meta.tradeoffAspect;
  const weak = aspect ? factFor(k, winner, aspect) : undefined;
  if (aspect && weak) {
    const items = weak.items?.length ? weak.items.slice(0, 2) : [weak.text];
    // Items are sentences without their full stop: end each, so two never run together.
    const sentences = items.map((i) => (/[.!?]$/.test(i.trim()) ? i.trim() : `${i.trim()}.`));
    out.push(`${techName(k, winner)}'s ${midSentence(k, aspectLabel(k, aspect))}: ${sentences.join(" ")}`);
    sources.push(...factSources(weak));
  }
  return out;
}

/** "What would change the pick: if your hardware answer were X, JAX would come out on top (...)". */
export function pivotText(
  k: Knowledge,
  pivot: Pivot | null,
  answers: Record<string, string>,
  winner: RankedTech,
): string {
  if (!pivot) {
    return `What would change the pick: no single answer. ${techName(k, winner.tech)} stays on top whichever one you change.`;
  }
  const q = k.question.get(pivot.question);
  const to = k.option.get(optionKey(pivot.question, pivot.to))?.label ?? pivot.to;
  const from = pivot.from ? k.option.get(optionKey(pivot.question, pivot.from))?.label : null;
  const newScores = pivot.ranking
    .slice(0, 2)
    .map((r) => `${techName(k, r.tech)} ${r.score}`)
    .join(" vs ");
  const topic = q?.topic ?? pivot.question;
  const change = from
    ? `your ${topic} answer were "${to}" instead of "${from}"`
    : answers[pivot.question] === "skip"
      ? `you answered ${topic} with "${to}" instead of skipping it`
      : `you answered ${topic} with "${to}"`;
  return `What would change the pick: if ${change}, ${techName(k, pivot.winner)} would come out on top (${newScores}).`;
}
