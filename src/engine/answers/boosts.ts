import { midSentence } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import type { Boost } from "../scoring.js";

/**
 * Points a need named in a description adds to its pick. A trigger the source names in its own
 * verdict (it cites a `meta.triggerSections` section: the recommendation, the analysis) outweighs
 * the source's default lead (the prior) and a generic answer or two; any other need (a "choose X
 * if" point, a benchmark, a community figure) weighs like one answer.
 */
const TRIGGER_POINTS = 5;
const NEED_POINTS = 2;

/** The needs a description named, as points for their picks (see TRIGGER_POINTS). */
export function needBoosts(k: Knowledge, needIds: string[]): Boost[] {
  const decisive = new Set(k.dataset.meta.triggerSections);
  return needIds.flatMap((id) => {
    const need = k.need.get(id);
    return need
      ? [
          {
            tech: need.pick,
            points: need.sources.some((s) => decisive.has(s)) ? TRIGGER_POINTS : NEED_POINTS,
            reason: need.reason,
            label: `You mentioned ${midSentence(k, need.label)}`,
            sources: need.sources,
          },
        ]
      : [];
  });
}
