/**
 * Words of measure and their opposites, in plain English: "how small" asks for the same figure as
 * "how big", "how slow" the same as "how fast"; which end is wanted is a cue of its own (`high`,
 * `low`). Used only for what is measured (aspects), never for constraints, where "big budget" and
 * "small budget" differ.
 */
const PAIRS: [string, string][] = [
  ["big", "small"],
  ["large", "small"],
  ["heavy", "light"],
  ["fast", "slow"],
  ["quick", "slow"],
  ["long", "short"],
  ["high", "low"],
  ["many", "few"],
  ["expensive", "cheap"],
];

const OPPOSITES = new Map<string, string[]>();
for (const [a, b] of PAIRS) {
  OPPOSITES.set(a, [...(OPPOSITES.get(a) ?? []), b]);
  OPPOSITES.set(b, [...(OPPOSITES.get(b) ?? []), a]);
}

/** The phrase with each measure word swapped for its opposite, one word at a time ("how big" -> "how small"). */
export function oppositePhrases(words: string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    for (const o of OPPOSITES.get(w) ?? [])
      out.push([...words.slice(0, i), o, ...words.slice(i + 1)].join(" "));
  });
  return out;
}
