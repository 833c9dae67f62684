import type { UnitDef } from "../../dataset/schema.js";
import type { InputToken } from "./matcher.js";
import { tokenize } from "./normalize.js";

/**
 * Numbers with units as people type them: "200k text samples", "8 A100s", "$60k a run", "a few
 * thousand a month", "3 of us", "team of 6", "70B llm", "~1500 GPU-hours". The unit is told by
 * the words next to the number (the dataset's `meta.units`), or by "$" for money, and never
 * guessed from the number alone: "200k" on its own is no budget.
 */
export interface Quantity {
  /** A unit id of the dataset ("samples", "gpus", "usd", "usd-month"...). */
  unit: string;
  value: number;
  /** Token position of the number. */
  start: number;
  /** Token position just after the quantity's last word (its unit's, when words name it). */
  end: number;
}

/** A dataset's unit words, compiled once: word sequences (as tokenised) to unit id. */
export interface UnitTable {
  phrases: Map<string, string>;
  /** Longest phrase, in words. */
  longest: number;
  /** Units that need a scale to count ("7B params", not "3 models"). */
  scaled: Set<string>;
  /** Largest plausible count per unit (`unit.max`); above it the number counts nothing of ours. */
  max: Map<string, number>;
}

const MONEY = "usd";
const MONEY_PER_MONTH = "usd-month";

export function compileUnits(units: UnitDef[]): UnitTable {
  const phrases = new Map<string, string>();
  let longest = 1;
  for (const u of units) {
    for (const w of u.words) {
      const words = tokenize(w);
      if (words.length === 0) continue;
      phrases.set(words.join(" "), u.id);
      longest = Math.max(longest, words.length);
    }
  }
  return {
    phrases,
    longest,
    scaled: new Set(units.filter((u) => u.needsScale).map((u) => u.id)),
    max: new Map(units.flatMap((u) => (u.max === undefined ? [] : [[u.id, u.max] as const]))),
  };
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  thousands: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  t: 1e12,
  trillion: 1e12,
  hundred: 100,
  hundreds: 100,
};
/** Number words, and the rough counts of "a few", "a couple" and "several". */
const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
  dozen: 12,
  dozens: 24,
  couple: 2,
  few: 3,
  several: 4,
  hundreds: 200,
  thousands: 2000,
};
/** Words before a number that say it is money ("budget of 20k", "we spend 5k"). */
const MONEY_BEFORE = new Set([
  "budget",
  "spend",
  "spending",
  "cost",
  "costs",
  "bill",
  "pay",
  "paying",
  "burn",
  "burning",
]);
/** Words before a number that count people ("team of 6"). */
const PEOPLE_BEFORE = new Set(["team", "group", "lab"]);
const PER_MONTH = ["a month", "per month", "monthly", "each month", "every month", "mo", "month"];
const PER_RUN = ["a run", "per run", "each run", "every run", "a training run", "per training run"];

interface Parsed {
  value: number;
  /** Token position after the number (and its scale). */
  end: number;
  scaled: boolean;
}

/** A number at token i: "200k", "1.5", "7 billion", "a few thousand", "two". */
function parseNumber(tokens: InputToken[], i: number): Parsed | null {
  const raw = tokens[i]?.raw ?? "";
  // "30B+" and "1000+" are at least that many.
  const digits = /^(\d+(?:\.\d+)?)(k|m|mn|b|bn|t)?\+?$/.exec(raw);
  let value: number;
  let end = i + 1;
  let scaled = false;
  if (digits) {
    value = Number(digits[1]);
    if (digits[2]) {
      value *= SCALE[digits[2]] ?? 1;
      scaled = true;
    }
  } else {
    // "a few thousand", "a couple of": the article is optional, the word is not.
    const word = raw === "a" ? tokens[i + 1]?.raw : raw;
    if (!word || !(word in WORDS)) return null;
    value = WORDS[word] ?? 0;
    end = raw === "a" ? i + 2 : i + 1;
  }
  const next = tokens[end]?.raw;
  if (!scaled && next && next in SCALE) {
    value *= SCALE[next] ?? 1;
    scaled = true;
    end++;
  }
  if (tokens[end]?.raw === "of" && !digits) end++;
  return { value, end, scaled };
}

/** The unit phrase starting at token i, longest first, if any. */
function unitAt(tokens: InputToken[], i: number, table: UnitTable): { unit: string; end: number } | null {
  for (let n = table.longest; n >= 1; n--) {
    const words = tokens.slice(i, i + n).map((t) => t.raw);
    if (words.length < n) continue;
    const unit = table.phrases.get(words.join(" "));
    if (unit) return { unit, end: i + n };
  }
  return null;
}

/** A unit that needs a scale ("params", "model"), named one to three words before token i in its clause. */
function unitBefore(tokens: InputToken[], i: number, table: UnitTable): string | null {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    if (tokens[j]?.clause !== tokens[i]?.clause) return null;
    const unit = table.phrases.get(tokens[j]?.raw ?? "");
    if (unit && table.scaled.has(unit)) return unit;
  }
  return null;
}

const phraseAt = (tokens: InputToken[], i: number, phrases: string[]) =>
  phrases.some((p) => {
    const words = p.split(" ");
    return words.every((w, j) => tokens[i + j]?.raw === w);
  });

/** Amounts written with a dollar sign, as the tokenizer spells their number ("60k", "1500"). */
function dollarAmounts(text: string): string[] {
  if (!text.includes("$")) return [];
  return [...text.matchAll(/\$\s?(\d[\d,]*(?:\.\d+)?)\s?(k|mn|m|bn|b)?\b/gi)].map(
    (m) => `${(m[1] ?? "").replace(/,/g, "")}${(m[2] ?? "").toLowerCase()}`,
  );
}

export function quantities(tokens: InputToken[], table: UnitTable, text = ""): Quantity[] {
  const out: Quantity[] = [];
  const dollars = dollarAmounts(text);
  for (let i = 0; i < tokens.length; i++) {
    const number = parseNumber(tokens, i);
    if (!number) continue;
    const raw = tokens[i]?.raw ?? "";
    // "tpu v3-8 a month", "p3.2xlarge": a number inside a model code counts nothing.
    const before = tokens[i - 1]?.raw ?? "";
    if (/[a-z]\d*$/.test(before) && /\d/.test(before) && text.toLowerCase().includes(`${before}-${raw}`))
      continue;
    // "8-10m devs", "2-4 gpus": a range is read at its upper end, which carries the scale.
    // "team of 8, 5 yrs of tf": a comma between two numbers ends the first count, no range.
    if (parseNumber(tokens, number.end) && tokens[number.end]?.clause === tokens[i]?.clause) continue;
    let unit: string | null = null;
    let after = number.end;
    const here = unitAt(tokens, after, table) ?? unitAt(tokens, after + 1, table);
    const named = number.scaled ? unitBefore(tokens, i, table) : null;
    if (dollars.includes(raw)) unit = MONEY;
    else if (here) {
      unit = here.unit;
      after = here.end;
    } else if (MONEY_BEFORE.has(tokens[i - 1]?.raw ?? "") || MONEY_BEFORE.has(tokens[i - 2]?.raw ?? ""))
      unit = MONEY;
    else if (PEOPLE_BEFORE.has(tokens[i - 2]?.raw ?? "") && tokens[i - 1]?.raw === "of") unit = "people";
    // "the model grew to 20b", "models of 70B": a scaled count whose unit was named just before.
    else if (named) unit = named;
    // "a few thousand a month", "60k a run": an amount per month or per run is money.
    else if (phraseAt(tokens, after, [...PER_MONTH, ...PER_RUN])) unit = MONEY;
    if (!unit || (table.scaled.has(unit) && !number.scaled)) continue;
    if (number.value > (table.max.get(unit) ?? Number.POSITIVE_INFINITY)) continue;
    if (unit === MONEY && (phraseAt(tokens, after, PER_MONTH) || phraseAt(tokens, after + 1, PER_MONTH)))
      unit = MONEY_PER_MONTH;
    out.push({ unit, value: number.value, start: i, end: after });
    i = Math.max(i, number.end - 1);
  }
  return out;
}
