import type { Knowledge } from "./knowledge.js";
import { optionKey } from "./knowledge.js";
import type { RankedTech } from "./state.js";

/** Extra points from something the user said that is not a flow answer (a need like "TPUs"). */
export interface Boost {
  tech: string;
  points: number;
  reason: string;
  label: string;
  sources: string[];
}

export interface Contribution {
  /** question id, or "prior" / "need:<id>" */
  from: string;
  label: string;
  points: Record<string, number>;
  rationale: string;
  sources: string[];
}

export interface Scores {
  ranking: RankedTech[];
  contributions: Contribution[];
}

/** Adds up the prior, each answered option's weights and any boosts. Skipped questions add nothing. */
export function score(k: Knowledge, answers: Record<string, string>, boosts: Boost[] = []): Scores {
  const { prior } = k.dataset.flow;
  const contributions: Contribution[] = [
    {
      from: "prior",
      label: "Starting point",
      points: prior.weights,
      rationale: prior.rationale,
      sources: prior.sources,
    },
  ];
  for (const q of k.dataset.flow.questions) {
    const answer = answers[q.id];
    const option = answer ? k.option.get(optionKey(q.id, answer)) : undefined;
    if (!option) continue;
    contributions.push({
      from: q.id,
      label: `${q.topic}: ${option.label}`,
      points: option.weights,
      rationale: option.rationale,
      sources: option.sources,
    });
  }
  for (const b of boosts) {
    contributions.push({
      from: `need:${b.label}`,
      label: b.label,
      points: { [b.tech]: b.points },
      rationale: b.reason,
      sources: b.sources,
    });
  }
  return { ranking: rank(k, totals(k, answers, boosts)), contributions };
}

/** Score vector in dataset technology order: the prior plus every answer and boost. */
function totals(k: Knowledge, answers: Record<string, string>, boosts: Boost[]): number[] {
  const { prior } = k.dataset.flow;
  const out = k.techIds.map((t) => prior.weights[t] ?? 0);
  for (const q of k.dataset.flow.questions) {
    const answer = answers[q.id];
    const v = answer ? k.weightVector.get(optionKey(q.id, answer)) : undefined;
    if (v) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (v[i] ?? 0);
  }
  for (const b of boosts) {
    const i = k.techIds.indexOf(b.tech);
    if (i >= 0) out[i] = (out[i] ?? 0) + b.points;
  }
  return out;
}

/** Highest first; ties go to the larger prior (the source's default), then dataset order. */
function rank(k: Knowledge, scores: number[]): RankedTech[] {
  const prior = k.dataset.flow.prior.weights;
  return k.techIds
    .map((tech, i) => ({ tech, score: scores[i] ?? 0, i }))
    .sort((a, b) => b.score - a.score || (prior[b.tech] ?? 0) - (prior[a.tech] ?? 0) || a.i - b.i)
    .map(({ tech, score }) => ({ tech, score }));
}

export interface Pivot {
  question: string;
  from: string | null;
  to: string;
  winner: string;
  ranking: RankedTech[];
}

/**
 * The single answer change that would most clearly change the pick (or make `target` win), if any.
 * A question not yet answered (or skipped) comes first: what the user has not said is likelier to
 * change than what they just told us ("no budget" is not the answer to flip).
 * Works on score vectors: one change only swaps one option's weights, so every alternative costs
 * a few additions instead of a full re-score.
 */
export function findPivot(
  k: Knowledge,
  answers: Record<string, string>,
  boosts: Boost[],
  target?: string,
): Pivot | null {
  const techs = k.techIds;
  const base = totals(k, answers, boosts);
  const current = rank(k, base)[0]?.tech;
  const none = techs.map(() => 0);
  const scores = techs.map(() => 0);
  type Candidate = { question: string; option: string; winner: string; lead: number };
  let best: Candidate | null = null;
  let bestOpen: Candidate | null = null;
  for (const q of k.flowVectors) {
    const answered = answers[q.question];
    const was = q.options.find((o) => o.id === answered)?.weights ?? none;
    for (const o of q.options) {
      if (o.id === answered) continue;
      let top = 0;
      for (let i = 0; i < techs.length; i++) {
        scores[i] = (base[i] ?? 0) - (was[i] ?? 0) + (o.weights[i] ?? 0);
        if ((scores[i] ?? 0) > (scores[top] ?? 0)) top = i;
      }
      let second = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < techs.length; i++) if (i !== top) second = Math.max(second, scores[i] ?? 0);
      const lead = (scores[top] ?? 0) - second;
      const winner = techs[top] as string;
      if (winner === current || lead <= 0 || (target && winner !== target)) continue;
      const candidate = { question: q.question, option: o.id, winner, lead };
      if (!best || lead > best.lead) best = candidate;
      const open = answered === undefined || answered === "skip";
      if (open && (!bestOpen || lead > bestOpen.lead)) bestOpen = candidate;
    }
  }
  best = bestOpen ?? best;
  if (!best) return null;
  const was = answers[best.question];
  return {
    question: best.question,
    from: was && was !== "skip" ? was : null,
    to: best.option,
    winner: best.winner,
    ranking: rank(k, totals(k, { ...answers, [best.question]: best.option }, boosts)),
  };
}
