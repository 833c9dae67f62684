import type { Need } from "../../dataset/schema.js";
import type { Block } from "../../reply/model.js";
import { listNames, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { score } from "../scoring.js";

/** A user's figure, in one of the dataset's units ("3B params" = params 3e9). */
export interface Figure {
  unit: string;
  value: number;
}

/** One of the source's marks held against the user's figure in the same unit. */
export interface MarkCheck {
  need: Need;
  figure: Figure;
  min?: number;
  max?: number;
  /** The figure lies within the mark: the need, and its pick, apply. */
  met: boolean;
}

/**
 * The source's marks (needs with a quantity range: "models beyond 10B parameters", "runs over
 * $50K") that the user's figures can be held against, for `tech`'s needs or every need when null.
 * One check per need, on the first of its ranges a figure shares a unit with.
 */
export function marksFor(k: Knowledge, figures: readonly Figure[], tech: string | null): MarkCheck[] {
  const checks: MarkCheck[] = [];
  for (const need of k.dataset.needs) {
    if (tech !== null && need.pick !== tech) continue;
    for (const range of need.quantities ?? []) {
      const figure = figures.find((f) => f.unit === range.unit);
      if (!figure) continue;
      const met =
        (range.min === undefined || figure.value >= range.min) &&
        (range.max === undefined || figure.value <= range.max);
      checks.push({ need, figure, min: range.min, max: range.max, met });
      break;
    }
  }
  return checks;
}

/**
 * An amount as a reply writes it, in the unit's `format` ("$#", "# GPU-hours"): billions and
 * millions shortened ("10B", "2.5M"), smaller numbers with thousands separators ("1,000").
 */
export function formatAmount(k: Knowledge, unit: string, value: number): string {
  const format = k.dataset.meta.units.find((u) => u.id === unit)?.format ?? "#";
  const short = (n: number, div: number, suffix: string) => `${Number((n / div).toFixed(1))}${suffix}`;
  const number =
    value >= 1e9
      ? short(value, 1e9, "B")
      : value >= 1e6
        ? short(value, 1e6, "M")
        : value.toLocaleString("en-US");
  return format.replace("#", number);
}

/**
 * "Your figures against the source's marks": each figure beside the mark it reaches or misses,
 * then what that means for the pick: the mark's technology when one is reached, else the
 * source's default (the flow's prior alone). Empty blocks and no pick when nothing can be checked.
 */
export function marksAnswer(
  k: Knowledge,
  checks: readonly MarkCheck[],
): { blocks: Block[]; pick: string | null } {
  if (checks.length === 0) return { blocks: [], pick: null };
  // One line per figure and mark: "40 GPU-hours" under 1,000 is one finding however many needs share it.
  const lines = new Map<string, MarkCheck[]>();
  for (const c of checks) {
    const key = `${c.figure.unit}:${c.figure.value}:${c.min}:${c.max}:${c.need.pick}`;
    lines.set(key, [...(lines.get(key) ?? []), c]);
  }
  const items = [...lines.values()].map((group) => {
    const [c] = group as [MarkCheck];
    const yours = formatAmount(k, c.figure.unit, c.figure.value);
    const label = `${listNames(group.map((g) => `"${g.need.label}"`))} (${techName(k, c.need.pick)})`;
    if (c.met) return `${yours}: reaches the mark for ${label}`;
    if (c.min !== undefined && c.figure.value < c.min)
      return `${yours}: under the ${formatAmount(k, c.figure.unit, c.min)} mark for ${label}`;
    return `${yours}: over the ${formatAmount(k, c.figure.unit, c.max ?? 0)} limit for ${label}`;
  });
  const reached = checks.find((c) => c.met);
  const fallback = score(k, {}).ranking[0]?.tech ?? null;
  const pick = reached ? reached.need.pick : fallback;
  const verdict = reached
    ? `So by the page, ${techName(k, reached.need.pick)} is the pick on that.`
    : `None of these marks is reached, so the page's default stands: ${pick ? techName(k, pick) : "no change"}.`;
  return {
    blocks: [
      { kind: "paragraph", text: "Your figures against the page's marks:" },
      { kind: "list", items },
      { kind: "paragraph", text: verdict },
    ],
    pick,
  };
}
