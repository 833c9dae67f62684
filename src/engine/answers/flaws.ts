import type { Reply } from "../../reply/model.js";
import { compose } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import type { ConversationState } from "../state.js";
import { contentWords } from "../text/analysis.js";
import { stem, tokenize } from "../text/normalize.js";
import type { Understanding } from "../understand.js";

/** Least match (in rarity-weighted words) for an editor's note to answer a doubt. */
const MIN_MATCH = 1.2;

/**
 * "wait tf really takes 15-45 MINUTES?? typo?", "v100 vs a100, is that even apples to apples?":
 * a user doubting a figure has found a flaw of the source, and the dataset records each flaw it
 * knows (meta.editorialNotes: the problem, and what the editors did about it). Answers with the
 * note that shares most of the question's words (and the thread's last aspect, for "seems sus"),
 * or null when no note is close enough: the question is then read as any other.
 */
export function flawReply(
  k: Knowledge,
  u: Understanding,
  state: ConversationState,
  text: string,
): Reply | null {
  const asked = new Set(contentWords(text).map((w) => w.stem));
  for (const t of u.tokens) if (/\d/.test(t.raw)) asked.add(t.raw);
  const aspect = state.focus.aspect ? k.aspect.get(state.focus.aspect) : undefined;
  if (aspect) for (const w of tokenize(aspect.label)) asked.add(stem(w));
  let best: { note: (typeof k.dataset.meta.editorialNotes)[number]; score: number } | null = null;
  for (const note of k.dataset.meta.editorialNotes) {
    const words = new Set(tokenize(`${note.problem} ${note.action}`).flatMap((w) => [w, stem(w)]));
    let score = 0;
    for (const s of asked) if (words.has(s)) score += k.passages.rarity(s);
    if (!best || score > best.score) best = { note, score };
  }
  if (!best || best.score < MIN_MATCH) return null;
  const techs = u.techs.length ? u.techs : state.focus.technologies;
  return compose(
    k,
    "passage",
    { technologies: techs, title: "A known flaw of the source" },
    [
      { kind: "paragraph", text: best.note.problem },
      { kind: "paragraph", text: `How this dataset handles it: ${best.note.action}` },
    ],
    [best.note.section],
  );
}
