import type { Reply } from "../../reply/model.js";
import { compose } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { searchTerms } from "../passages.js";
import { questionFrame } from "../recognise/frame.js";
import type { ContentWord } from "../text/analysis.js";
import { figures } from "../text/figures.js";
import type { Understanding } from "../understand.js";
import { type AskedFigure, statedFigure } from "./asked-figure.js";

/**
 * Sums the page never wrote but its figures settle: "if we rented the tpu v3-8 for 300 hrs
 * instead of 100, what's that cost?" is the page's hourly rate for that instance times the
 * hours asked. The reply shows the working and quotes the statement the rate comes from.
 */

/** A dollar rate per hour as the statements write it: "$8/hour", "$3.06 per hour". */
const RATE = /\$\s?(\d+(?:\.\d+)?)\s*(?:\/\s*|per\s+)(?:hour|hr)\b/gi;
/** What a rate statement is, for the search for one beside the thing named. */
const RATE_ASKED: AskedFigure = { what: "an hourly rate", pattern: new RegExp(RATE.source, "i") };
/** Words that ask for an amount ("what's that", "how much", "what would it cost"). */
const AMOUNT = new Set(["what", "whats", "much", "cost", "costs", "total", "bill", "price", "spend", "come"]);

/**
 * Hours (a quantity in the message) at the hourly rate a statement gives for the thing the
 * question names. Null when the message gives no hours, asks for no amount, or no statement
 * states a rate beside its model codes and rare words ("v3", "p3.2xlarge": see `statedFigure`).
 */
export function hoursAtRate(
  k: Knowledge,
  u: Understanding,
  text: string,
  /** How much a content word says about what is asked (decide.ts's weigher). */
  weight: (w: ContentWord) => number,
): Reply | null {
  const hours = u.quantities.find((q) => q.unit === "hours");
  if (!hours) return null;
  if (questionFrame(u) !== "money" && !u.tokens.some((t) => AMOUNT.has(t.raw))) return null;
  const [hit] = statedFigure(k, u, text, RATE_ASKED, u.techs, weight);
  const rate = hit ? nearestRate(hit.doc.text, text) : null;
  if (!hit || !rate) return null;
  const total = rate.value * hours.value;
  // Whole dollars for a total, as the page writes its own ($3.06 × 730 = $2,234).
  const money = (n: number) => `$${n.toLocaleString("en-US", { maximumFractionDigits: n >= 100 ? 0 : 2 })}`;
  const stated = figures(hit.doc.text).some((f) => Math.abs(f.value - total) < 1);
  const count = hours.value.toLocaleString("en-US");
  return compose(
    k,
    "passage",
    { technologies: hit.doc.technologies, title: "Worked out from the page's figures" },
    [
      {
        kind: "paragraph",
        text: `At the page's ${money(rate.value)}/hour for ${rate.thing}, ${count} hours come to ${money(total)} (${count} × ${money(rate.value)}). ${stated ? "The page gives the same total." : "The page states the rate, not this total."}`,
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
  const asked = new Set(searchTerms(question));
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
    const score = searchTerms(thing).filter((s) => asked.has(s)).length;
    if (!best || score > best.score) best = { value: Number(m[1]), thing, score };
  }
  return best?.thing ? { value: best.value, thing: best.thing } : null;
}
