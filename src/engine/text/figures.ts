/**
 * Figures as written in prose: "$3.06/hour", "45,000-65,000", "8-10 million", "10,000+", "45k",
 * "1.3-2.1x". Used to find the statement a user quotes a figure from ("jax tpu at $8/hr for 100
 * hrs is $800 right?"), whatever words came with it.
 */
export interface Figure {
  /** The value, scale applied ("45k" -> 45000, "8-10 million" -> 8000000 and 10000000). */
  value: number;
  /** The figure as written. */
  raw: string;
  /** Character offset in the text. */
  at: number;
  /** Written with a "$", a scale word or letter, a decimal point or a "+": no bare small count. */
  marked: boolean;
}

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

// One number or a range of two ("8-10m", "$800-$3,500"), with an optional "$", scale and "+".
// Not inside a word or a version ("tf2", "v3-8", "3.13" after "python" is the caller's business).
const FIGURE =
  /(?<![\w.])(\$)?\s?(\d(?:[\d,]*\d)?(?:\.\d+)?)(?:\s?(?:-|–|to)\s?\$?(\d(?:[\d,]*\d)?(?:\.\d+)?))?\s?(k|m|mn|b|bn|thousand|million|billion)?(?:x\b|\b)(\+)?/gi;

/** Every figure of a text, a range giving both ends. */
export function figures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [raw, dollar, first, second, scaleWord, plus] = m;
    const scale = scaleWord ? (SCALES[scaleWord.toLowerCase()] ?? 1) : 1;
    const marked = Boolean(dollar || scaleWord || plus || /[.,]/.test(first ?? ""));
    for (const n of [first, second]) {
      if (!n) continue;
      const value = Number(n.replace(/,/g, "")) * scale;
      if (Number.isFinite(value)) out.push({ value, raw: raw.trim(), at: m.index ?? 0, marked });
    }
  }
  return out;
}

/** True when two figures are the same number (written "45k" and "45,000"). */
export const sameValue = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-9;
