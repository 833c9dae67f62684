import type { Fact } from "../../dataset/schema.js";
import { factFor } from "../compose.js";
import type { Knowledge } from "../knowledge.js";

export interface AspectRanking {
  /** Best first. */
  order: { tech: string; fact: Fact; mid: number }[];
  /** Null when the top two tie. */
  winner: string | null;
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
  const winner = first && second && first.mid !== second.mid ? first.tech : null;
  return { order: rows, winner };
}
