import type { Reply } from "../../reply/model.js";
import { compose } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { questionFrame } from "../recognise/frame.js";
import { MEASURES } from "../recognise/mentions.js";
import { contentWords } from "../text/analysis.js";
import { figures } from "../text/figures.js";
import type { Understanding } from "../understand.js";

/**
 * Sums the page never wrote but its figures settle: "if we rented the tpu v3-8 for 300 hrs
 * instead of 100, what's that cost?" is the page's hourly rate for that instance times the
 * hours asked. The reply shows the working and quotes the statement the rate comes from.
 */

/** A dollar rate per hour as the statements write it: "$8/hour", "$3.06 per hour". */
const RATE = /\$\s?(\d+(?:\.\d+)?)\s*(?:\/\s*|per\s+)(?:hour|hr)\b/gi;
/** Words that ask for an amount ("what's that", "how much", "what would it cost"). */
const AMOUNT = new Set(["what", "whats", "much", "cost", "costs", "total", "bill", "price", "spend", "come"]);

/**
 * Hours (a quantity in the message) at the hourly rate a statement gives for the thing the
 * question names. Null when the message gives no hours, asks for no amount, or no statement
 * states a rate beside one of the question's rare words or model codes ("v3", "p3.2xlarge").
 */
export function hoursAtRate(k: Knowledge, u: Understanding, text: string): Reply | null {
  const hours = u.quantities.find((q) => q.unit === "hours");
  if (!hours) return null;
  if (questionFrame(u) !== "money" && !u.tokens.some((t) => AMOUNT.has(t.raw))) return null;
  const words = contentWords(text).filter((w) => !k.idStems.has(w.stem) && !MEASURES.has(w.stem));
  const named = words.filter((w) => /\d/.test(w.word) || k.passages.specific(w.stem)).map((w) => w.stem);
  if (named.length === 0) return null;
  const hit = k.passages
    .find(
      words.map((w) => w.stem),
      u.techs,
      30,
    )
    .find((h) => named.some((s) => h.matched.has(s)) && new RegExp(RATE.source, "i").test(h.doc.text));
  if (!hit) return null;
  const rate = nearestRate(hit.doc.text, text);
  if (!rate) return null;
  const total = rate.value * hours.value;
  // Whole dollars for a total, as the page writes its own ($3.06 × 730 = $2,234).
  const money = (n: number) => `$${n.toLocaleString("en-US", { maximumFractionDigits: n >= 100 ? 0 : 2 })}`;
  const stated = figures(hit.doc.text).some((f) => Math.abs(f.value - total) < 1);
  return compose(
    k,
    "passage",
    { technologies: hit.doc.technologies, title: "Worked out from the page's figures" },
    [
      {
        kind: "paragraph",
        text: `At the page's ${money(rate.value)}/hour for ${rate.thing}, ${hours.value.toLocaleString("en-US")} hours come to ${money(total)} (${hours.value.toLocaleString("en-US")} × ${money(rate.value)}). ${stated ? "The page gives the same total." : "The page states the rate, not this total."}`,
      },
      { kind: "paragraph", text: hit.doc.text },
    ],
    hit.doc.sources,
  );
}

/**
 * The rate in `statement` whose preceding words share most with the question ("TPU v3-8 at
 * $8/hour" for a question about the v3-8), with those words (up to four) naming what it prices.
 */
function nearestRate(statement: string, question: string): { value: number; thing: string } | null {
  const asked = new Set(question.toLowerCase().split(/[^a-z0-9.]+/));
  let best: { value: number; thing: string; score: number } | null = null;
  for (const m of statement.matchAll(RATE)) {
    const before = statement.slice(0, m.index).replace(/\s+(at|for|of)\s*$/i, "");
    const thing =
      before
        .split(/[,;:(]/)
        .pop()
        ?.trim()
        .split(/\s+/)
        .slice(-4)
        .join(" ") ?? "";
    const score = thing
      .toLowerCase()
      .split(/[^a-z0-9.]+/)
      .filter((w) => asked.has(w) || [...asked].some((a) => a.length > 2 && w.startsWith(a))).length;
    if (!best || score > best.score) best = { value: Number(m[1]), thing, score };
  }
  return best?.thing ? { value: best.value, thing: best.thing } : null;
}
