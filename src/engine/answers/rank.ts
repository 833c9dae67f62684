import type { Fact } from "../../dataset/schema.js";
import { factFor } from "../compose.js";
import type { Knowledge } from "../knowledge.js";

export interface AspectRanking {
  /** Best first. */
  order: { tech: string; fact: Fact; mid: number }[];
  /** Null when the top two tie. */
  winner: string | null;
  /** True when the top two ranges overlap and their middles are within CLOSE of each other. */
  overlap: boolean;
}

/** Middles this close (the smaller at least this share of the larger) are too close to call. */
const CLOSE = 0.75;

/** Two ranges that overlap with middles within CLOSE: "~500-700MB" against "~500 MB-1 GB". */
function tooClose(a: Fact, b: Fact, midA: number, midB: number): boolean {
  const [x, y] = [a.number, b.number];
  if (!x || !y || midA === midB) return false;
  const overlapping = x.low <= y.high && y.low <= x.high;
  return overlapping && Math.min(midA, midB) >= CLOSE * Math.max(midA, midB);
}

/**
 * Orders technologies on an aspect whose facts carry comparable numbers. Null when the aspect
 * has no direction or any technology lacks a figure in the shared unit: we never guess.
 */
export function rankByNumbers(
  k: Knowledge,
  aspectId: string,
  techs: string[],
  want?: "high" | "low",
): AspectRanking | null {
  const aspect = k.aspect.get(aspectId);
  if (!aspect?.better || techs.length < 2) return null;
  const rows: AspectRanking["order"] = [];
  let unit: string | null = null;
  for (const tech of techs) {
    const fact = factFor(k, tech, aspectId);
    if (!fact?.number || fact.status === "unknown") return null;
    if (unit !== null && fact.number.unit !== unit) return null;
    unit = fact.number.unit;
    rows.push({ tech, fact, mid: (fact.number.low + fact.number.high) / 2 });
  }
  // The user may ask for either end ("biggest install"); otherwise the better end comes first.
  const end = want ?? (aspect.better === "higher" ? "high" : "low");
  const sign = end === "high" ? -1 : 1;
  rows.sort((a, b) => sign * (a.mid - b.mid));
  const [first, second] = rows;
  const overlap = Boolean(first && second && tooClose(first.fact, second.fact, first.mid, second.mid));
  const winner = first && second && first.mid !== second.mid ? first.tech : null;
  return { order: rows, winner, overlap };
}
