import type { Understanding } from "../understand.js";

/**
 * The shape of answer a question wants, from its frame words alone: "who" (organisations,
 * people: "who runs tensorflow in prod?"), "when" (a date: "when was pytorch 2 released?"),
 * "how" (a mechanism: "how does torch.compile actually work?"). Language-level: it knows no topic.
 * Which aspects answer a frame is the dataset's business (`aspect.frames`).
 */
export type Frame = "who" | "when" | "how" | "money";

/** Words that open a question wherever they stand ("my boss asks what licence..."). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  "what which how who when where why whats hows whos".split(" "),
);

const COMPARING = ["best", "high", "low", "compare", "which"] as const;
const WHEN_VERBS = new Set(["was", "were", "did", "is", "does", "will", "came", "come"]);
const MONEY = new Set(["cost", "costs", "price", "priced", "pricing", "pay", "charge", "dollars", "usd"]);
const PERIOD = new Set(["hour", "hr", "day", "month", "mo", "year", "yr", "run"]);
/** Words that ask for a mechanism on their own. */
const ALONE = new Set(["internals", "mechanism", "powers", "powered"]);
const MECHANISM = new Set(["work", "works", "working", "internals", "explain", "hood", "mechanism"]);

export function questionFrame(u: Understanding): Frame | null {
  const words = u.tokens.map((t) => t.raw);
  const at = (i: number) => words[i] ?? "";
  for (let i = 0; i < words.length; i++) {
    const w = at(i);
    // "who wins", "who has more stack overflow questions" pick one of them: no frame of its own.
    if ((w === "who" || w === "whos") && !COMPARING.some((c) => u.cues.has(c))) return "who";
    // "when was it released", "what year": a date. "when would jax be worth it" asks for conditions.
    if (w === "when" && WHEN_VERBS.has(at(i + 1)) && !u.cues.has("conditions")) return "when";
    if ((w === "what" || w === "which") && (at(i + 1) === "year" || at(i + 1) === "date")) return "when";
  }
  // "how does X work", "how X works", "explain X", "what does X do", "under the hood".
  const how = words.includes("how") || words.includes("explain");
  if (how && words.some((w) => MECHANISM.has(w))) return "how";
  if (words.includes("hood") && words.includes("under")) return "how";
  // "torch.compile internals", "what's it built on", "what powers it": a mechanism, asked without "how".
  if (words.some((w) => ALONE.has(w))) return "how";
  if (words.some((w, i) => (w === "built" || w === "based") && at(i + 1) === "on")) return "how";
  if (at(0) === "what" && at(1) === "does" && at(words.length - 1) === "do") return "how";
  // "how much does X cost", "what's the price of": a sum of money is wanted.
  if (
    words.some((w) => MONEY.has(w)) &&
    (words.includes("much") || words.includes("what") || words.includes("price"))
  )
    return "money";
  // "how much is it per hour", "how much a month": a rate per unit of time is a price.
  const much = words.findIndex((w, i) => w === "much" && at(i - 1) === "how");
  const per = words.findIndex(
    (w, i) => i > much && (w === "per" || w === "an" || w === "a") && PERIOD.has(at(i + 1)),
  );
  if (much >= 0 && per > much) return "money";
  // "tpu v3-8 hourly rate?", "consulting rates per hour": a rate by the hour is a price.
  const rate = words.some((w) => w === "rate" || w === "rates");
  if (rate && (words.includes("hourly") || words.some((w, i) => w === "per" && PERIOD.has(at(i + 1)))))
    return "money";
  return null;
}
