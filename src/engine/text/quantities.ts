import type { InputToken } from "./matcher.js";

/** Units the dataset can attach to flow options and needs ("more than 128 GPUs", "over $50K"). */
export type Unit = "gpus" | "params" | "usd";

export interface Quantity {
  unit: Unit;
  value: number;
  /** Token position of the number. */
  start: number;
}

const GPU_WORDS = new Set(["gpu", "a100", "h100", "v100", "t4", "card", "accelerator", "tpu", "chip"]);
const PARAM_WORDS = new Set(["param", "parameter", "model", "llm", "weight"]);
const MONEY_WORDS = new Set([
  "usd",
  "dollar",
  "buck",
  "spend",
  "budget",
  "cost",
  "run",
  "per",
  "month",
  "bill",
]);
const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  mn: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
};

/**
 * Reads counts people type: "300 gpus", "30b param llms", "7 billion parameters", "100k per run",
 * "50000 dollars". Units are told by the word that follows, never guessed from the number alone.
 */
export function quantities(tokens: InputToken[]): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]?.raw ?? "";
    // Only a word starting with a digit can be a count; most words are not, so skip the pattern.
    if (!(raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57)) continue;
    const m = /^(\d+(?:\.\d+)?)(k|m|mn|b|bn|t)?$/.exec(raw);
    if (!m) continue;
    let value = Number(m[1]);
    let suffix = m[2];
    let next = i + 1;
    const word = tokens[next]?.raw;
    if (!suffix && word && word in SCALE) {
      suffix = word;
      next++;
    }
    value *= suffix ? (SCALE[suffix] ?? 1) : 1;
    const after = [tokens[next]?.stem, tokens[next + 1]?.stem].filter((s): s is string => Boolean(s));
    if (after.some((s) => GPU_WORDS.has(s)) && !suffix) out.push({ unit: "gpus", value, start: i });
    else if (after.some((s) => PARAM_WORDS.has(s)) && suffix && value >= 1e6)
      out.push({ unit: "params", value, start: i });
    else if (
      (suffix === "k" || suffix === "m" || after.some((s) => MONEY_WORDS.has(s))) &&
      !after.some((s) => PARAM_WORDS.has(s) || GPU_WORDS.has(s))
    ) {
      out.push({ unit: "usd", value, start: i });
    }
  }
  return out;
}
