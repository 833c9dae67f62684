import type { Block, Reply } from "../../reply/model.js";
import { compose, listNames, midSentence, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { findPivot, score } from "../scoring.js";
import type { ConversationState } from "../state.js";
import { needBoosts } from "./boosts.js";
import { type Figure, marksAnswer, marksFor } from "./marks.js";
import { pivotText } from "./result.js";

/** How many of the source's reasons to list per technology. */
const REASONS = 6;

/**
 * "What would flip this?", "when would JAX be worth it for us?": after a recommendation, the
 * single answer that would change the pick (toward `tech` when one is named); then the source's
 * own reasons to choose each other technology (needs citing a decision section of the source).
 * `figures` the user gave ("3B params", "$70k a run") are first held against the source's marks.
 */
export function whatIfReply(
  k: Knowledge,
  state: ConversationState,
  tech: string | null,
  figures: readonly Figure[] = [],
): Reply {
  const last = state.lastRecommendation;
  const blocks: Block[] = [];
  const sources: string[] = [];
  // "we're at 3B params, is that where jax pays off?": the figures given are checked against the
  // source's marks first; the pick follows from them.
  const checks = marksFor(k, figures, tech);
  const marks = marksAnswer(k, checks);
  blocks.push(...marks.blocks);
  for (const c of checks) sources.push(...c.need.sources);
  const winner = last?.ranking[0]?.tech ?? null;
  if (last && winner) {
    const boosts = needBoosts(k, last.needs ?? []);
    if (tech === winner) {
      blocks.push({
        kind: "paragraph",
        text: `${techName(k, tech)} is already the pick for what you described.`,
      });
    } else {
      const pivot = findPivot(k, last.answers, boosts, tech ?? undefined);
      const [top] = score(k, last.answers, boosts).ranking;
      blocks.push({
        kind: "paragraph",
        text: pivot
          ? pivotText(k, pivot, last.answers, top ?? { tech: winner, score: 0 })
          : `No single change of answer would put ${tech ? techName(k, tech) : "another one"} ahead of ${techName(k, winner)}.`,
      });
    }
  }
  const targets = tech ? [tech] : k.techIds.filter((t) => t !== winner);
  for (const t of targets) {
    const reasons = triggers(k, t);
    if (reasons.length === 0) continue;
    blocks.push({ kind: "paragraph", text: `The source's own reasons to choose ${techName(k, t)}:` });
    blocks.push({ kind: "list", items: reasons.map((n) => midSentence(k, n.label)) });
    for (const n of reasons) sources.push(...n.sources);
  }
  if (!last && !marks.pick) {
    blocks.push({
      kind: "paragraph",
      text: 'Say "recommend", or describe your team and project, and I\'ll check these against your answers.',
    });
  }
  // With figures checked, the reply is first of all that check ("3B parameters: under the 10B mark").
  const title =
    tech && marks.blocks.length
      ? `Your figures against ${techName(k, tech)}'s marks`
      : tech
        ? `When ${techName(k, tech)} would be the pick`
        : "What would change the pick";
  return compose(k, "what-would-change", { technologies: targets, title, pick: marks.pick }, blocks, sources);
}

/**
 * The source's own reasons to pick `tech`: its needs that cite a decision section (the
 * recommendation, the analysis, a "choose X if" list), the most authoritative section first.
 */
export function triggers(k: Knowledge, tech: string) {
  const sections = k.dataset.meta.decisionSections;
  const rank = (sources: string[]) => {
    const found = sources.map((s) => sections.indexOf(s)).filter((i) => i >= 0);
    return found.length ? Math.min(...found) : -1;
  };
  return k.dataset.needs
    .filter((n) => n.pick === tech && rank(n.sources) >= 0)
    .sort((a, b) => rank(a.sources) - rank(b.sources))
    .slice(0, REASONS);
}

/** "hardware: NVIDIA GPUs (was Google Cloud TPUs)" for each changed question. */
export function describeChanges(
  k: Knowledge,
  before: Record<string, string>,
  after: Record<string, string>,
  changed: string[],
): string {
  const label = (q: string, o: string | undefined) =>
    o
      ? (k.dataset.flow.questions.find((x) => x.id === q)?.options.find((x) => x.id === o)?.label ?? o)
      : undefined;
  return listNames(
    changed.map((q) => {
      const topic = k.question.get(q)?.topic ?? q;
      const now = label(q, after[q]);
      const was = label(q, before[q]);
      if (!now) return `${topic}: dropped${was ? ` (was ${was})` : ""}`;
      return `${topic}: ${now}${was ? ` (was ${was})` : ""}`;
    }),
  );
}
