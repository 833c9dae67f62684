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
  const totals = new Map(k.dataset.technologies.map((t) => [t.id, prior.weights[t.id] ?? 0] as const));
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
    for (const [tech, w] of Object.entries(option.weights)) totals.set(tech, (totals.get(tech) ?? 0) + w);
    contributions.push({
      from: q.id,
      label: `${q.topic}: ${option.label}`,
      points: option.weights,
      rationale: option.rationale,
      sources: option.sources,
    });
  }
  for (const b of boosts) {
    totals.set(b.tech, (totals.get(b.tech) ?? 0) + b.points);
    contributions.push({
      from: `need:${b.label}`,
      label: b.label,
      points: { [b.tech]: b.points },
      rationale: b.reason,
      sources: b.sources,
    });
  }
  const order = k.dataset.technologies.map((t) => t.id);
  const ranking = [...totals.entries()]
    .map(([tech, s]) => ({ tech, score: s }))
    // Ties go to the one with the larger prior (the source's default), then dataset order.
    .sort(
      (a, b) =>
        b.score - a.score ||
        (prior.weights[b.tech] ?? 0) - (prior.weights[a.tech] ?? 0) ||
        order.indexOf(a.tech) - order.indexOf(b.tech),
    );
  return { ranking, contributions };
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
  const base = score(k, answers, boosts).ranking;
  const current = base[0]?.tech;
  const totals = techs.map((t) => base.find((r) => r.tech === t)?.score ?? 0);
  const none = techs.map(() => 0);
  const scores = techs.map(() => 0);
  let best: { question: string; option: string; winner: string; lead: number } | null = null;
  for (const q of k.dataset.flow.questions) {
    const answered = answers[q.id];
    const was = (answered && k.weightVector.get(optionKey(q.id, answered))) || none;
    for (const o of q.options) {
      if (o.id === answered) continue;
      const now = k.weightVector.get(optionKey(q.id, o.id)) ?? none;
      let top = 0;
      for (let i = 0; i < techs.length; i++) {
        scores[i] = (totals[i] ?? 0) - (was[i] ?? 0) + (now[i] ?? 0);
        if ((scores[i] ?? 0) > (scores[top] ?? 0)) top = i;
      }
      let second = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < techs.length; i++) if (i !== top) second = Math.max(second, scores[i] ?? 0);
      const lead = (scores[top] ?? 0) - second;
      const winner = techs[top] as string;
      if (winner === current || lead <= 0 || (target && winner !== target)) continue;
      if (!best || lead > best.lead) best = { question: q.id, option: o.id, winner, lead };
    }
  }
  if (!best) return null;
  const was = answers[best.question];
  return {
    question: best.question,
    from: was && was !== "skip" ? was : null,
    to: best.option,
    winner: best.winner,
    ranking: score(k, { ...answers, [best.question]: best.option }, boosts).ranking,
  };
}
