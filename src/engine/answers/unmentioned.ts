import type { Reply } from "../../reply/model.js";
import type { Knowledge } from "../knowledge.js";
import { QUESTION_WORDS } from "../recognise/frame.js";
import { isNoun, MEASURES } from "../recognise/mentions.js";
import { contentWords } from "../text/analysis.js";
import { STOPWORDS } from "../text/stopwords.js";
import type { Understanding } from "../understand.js";

/** Words that open a yes/no question ("does jax run on windows", "is there an R api for tf"). */
const YES_NO = new Set(["does", "do", "did", "is", "are", "can", "has", "have", "will", "could"]);

/** Replies that answer from the source (not a menu, a flow question or a social line). */
const ANSWERS = new Set(["fact", "profile", "passage", "compare", "topic", "best-for"]);

/**
 * "does jax run natively on windows?", "is tf.estimator still around in tf3?": a yes/no question
 * about a thing no phrase of the dataset names. When the reply never says that thing, as typed,
 * the honest answer starts by saying the source does not mention it: a statement about a word
 * that only shares a stem with it ("window" in the code sample) is no answer.
 * Words the source never uses are left to `decide`'s "not covered" check.
 * Returns the nouns to name in that note, in the order asked; empty when the reply holds them all.
 */
export function unmentioned(
  k: Knowledge,
  u: Understanding,
  text: string,
  reply: Reply,
  said: string,
): string[] {
  if (!ANSWERS.has(reply.intent)) return [];
  // A yes/no question asks whether the thing is there at all. A wh-question names the kind of
  // answer it wants right after its question word ("what prng seed does the sample use" is
  // answered by "PRNGKey(42)" without the word "seed"); the other things it names must be there
  // ("which one is best for graph neural nets", "torch.compile speedup on an rtx 4090?").
  const yesNo = YES_NO.has(u.tokens[0]?.raw ?? "");
  const answerType = new Set<number>();
  u.tokens.forEach((t, i) => {
    if (!QUESTION_WORDS.has(t.raw)) return;
    // The phrase up to its verb: "what prng seed | does", "which optimizer | does".
    for (let j = i + 1; j < Math.min(u.tokens.length, i + 4); j++) {
      if (YES_NO.has(u.tokens[j]?.raw ?? "")) break;
      answerType.add(j);
    }
  });
  const spanned = new Set<number>();
  for (const s of u.spans) for (let i = s.start; i < s.end; i++) spanned.add(i);
  return contentWords(text)
    .filter((w) => yesNo || !answerType.has(u.tokens.findIndex((t) => t.raw === w.word)))
    .filter(
      (w) =>
        isNoun(w) &&
        !STOPWORDS.has(w.word) &&
        !k.idStems.has(w.stem) &&
        !k.nounStems.has(w.stem) &&
        !MEASURES.has(w.stem) &&
        !k.everydayAliases.has(w.word) &&
        // Only a word the source uses rarely and about something else ("window" of a pooling
        // layer for "windows"): a word it never uses is already "not covered"; a common one
        // ("models", "data") is answered in other words.
        k.passages.using(w.stem).length > 0 &&
        // A name the source writes ("paypal", "tesla") points at its statement (answers/quoted.ts).
        !k.passages.isName(w.stem) &&
        k.passages.specific(w.stem),
    )
    .filter((w) => {
      const at = u.tokens.findIndex((t) => t.raw === w.word);
      return at >= 0 && !spanned.has(at) && !new RegExp(`\\b${escapeRegExp(w.word)}\\b`).test(said);
    })
    .map((w) => w.word);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
