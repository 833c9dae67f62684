import type { Block, Reply } from "../../reply/model.js";
import {
  aspectLabel,
  capitalised,
  cell,
  compose,
  factFor,
  factSources,
  listNames,
  midSentence,
  techName,
} from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { rankByNumbers } from "./rank.js";

/** A table of the technologies on one aspect (or the summary aspects), then a short verdict. */
export function compareReply(k: Knowledge, techs: string[], aspect: string | null, want?: Direction): Reply {
  return aspect ? compareOnAspect(k, techs, aspect, want) : compareOverall(k, techs);
}

export type Direction = "high" | "low";

/** The technology a comparison declares the winner, or null: the same call `compareReply` makes. */
export function comparisonPick(
  k: Knowledge,
  techs: string[],
  aspect: string | null,
  want?: Direction,
): string | null {
  if (aspect) return aspectVerdict(k, techs, aspect, want).pick;
  const overall = k.dataset.topic.find((t) => t.pick);
  return overall?.pick && techs.includes(overall.pick) ? overall.pick : null;
}

function compareOnAspect(k: Knowledge, techs: string[], aspectId: string, want?: Direction): Reply {
  const label = aspectLabel(k, aspectId);
  const sources: string[] = [];
  const rows = techs.map((tech) => {
    const fact = factFor(k, tech, aspectId);
    if (fact) sources.push(...factSources(fact));
    return [techName(k, tech), cell(fact, 220)];
  });
  const verdict = aspectVerdict(k, techs, aspectId, want);
  sources.push(...verdict.sources);
  // The answer first, then the figures behind it.
  const blocks: Block[] = [
    { kind: "paragraph", text: verdict.text },
    { kind: "table", headers: [capitalised(k.dataset.meta.noun), label], rows },
  ];
  const notes = techs
    .map((t) => factFor(k, t, aspectId))
    .filter((f) => f?.status === "unknown")
    .map((f) => f?.text);
  if (notes[0]) blocks.push({ kind: "paragraph", text: `Note: ${notes[0]}` });
  return compose(
    k,
    "compare",
    {
      technologies: techs,
      aspect: aspectId,
      pick: verdict.pick,
      title: `${listNames(techs.map((t) => techName(k, t)))}: ${label}`,
    },
    blocks,
    sources,
  );
}

export interface Verdict {
  text: string;
  pick: string | null;
  sources: string[];
}

/** Who wins on an aspect: by the numbers when comparable, else the source's own call, else no call. */
export function aspectVerdict(k: Knowledge, techs: string[], aspectId: string, want?: Direction): Verdict {
  const aspect = k.aspect.get(aspectId);
  const label = midSentence(k, aspectLabel(k, aspectId));
  const preferred = aspect?.better === "higher" ? "high" : "low";
  const inverted = want !== undefined && aspect?.better !== undefined && want !== preferred;
  const verdict = aspect?.verdict;
  const verdictPick = verdict?.pick && techs.includes(verdict.pick) ? verdict.pick : null;
  // Asked for no direction, the source's own conclusion outranks its raw figures ("TCO": the
  // estimates favour JAX and TensorFlow, the cost summary concludes for PyTorch); "which is
  // cheaper?" asks for the figures, and gets the conclusion only when there are none.
  const ranking = want === undefined && verdictPick ? null : rankByNumbers(k, aspectId, techs, want);
  const figure = (r: { tech: string; fact: { value?: string | undefined } }) =>
    `${techName(k, r.tech)} (${r.fact.value ?? "no figure"})`;
  // "Which is cheaper?": the figures are shown, but where the source draws its own conclusion and
  // the figures do not clearly agree with it, the conclusion decides and both are said.
  if (ranking && !inverted && verdict && verdictPick && ranking.winner !== verdictPick) {
    const lead = ranking.winner
      ? `By the figures alone, ${figure(ranking.order[0] as (typeof ranking.order)[number])} is ahead`
      : `The figures alone don't settle it (${listNames(ranking.order.map(figure))})`;
    return {
      text: `${lead}; the source's own conclusion decides: ${verdict.text}`,
      pick: verdictPick,
      sources: verdict.sources,
    };
  }
  if (ranking?.overlap && ranking.winner && !inverted) {
    const [first, second] = ranking.order as [(typeof ranking.order)[number], (typeof ranking.order)[number]];
    return {
      text: `On ${label}, ${figure(first)} comes out slightly ahead, but its range overlaps that of ${figure(second)}: the difference is small, and the figures may not measure quite the same thing.`,
      pick: ranking.winner,
      sources: [],
    };
  }
  if (ranking && inverted) {
    // "Which has the biggest install?": answer the question asked, not "which is best".
    const figures = ranking.order.map((r) => `${techName(k, r.tech)} (${r.fact.value ?? "no figure"})`);
    const extreme = want === "high" ? "highest" : "lowest";
    return {
      text: ranking.winner
        ? `On ${label}, ${figures[0]} has the ${extreme} figure, then ${listNames(figures.slice(1))}.`
        : `On ${label}, the top figures tie: ${listNames(figures)}.`,
      pick: ranking.winner,
      sources: [],
    };
  }
  if (ranking) {
    const [first, ...rest] = ranking.order;
    const figures = (r: { tech: string; fact: { value?: string | undefined } }) =>
      `${techName(k, r.tech)} (${r.fact.value ?? "no figure"})`;
    if (!first) return { text: "", pick: null, sources: [] };
    const lead = ranking.winner
      ? `On ${label}, ${figures(first)} comes out ahead of ${listNames(rest.map(figures))}.`
      : `On ${label}, ${listNames(ranking.order.filter((r) => r.mid === first.mid).map(figures))} tie at the top${
          rest.some((r) => r.mid !== first.mid)
            ? `, ahead of ${listNames(rest.filter((r) => r.mid !== first.mid).map(figures))}`
            : ""
        }.`;
    return { text: lead, pick: ranking.winner, sources: [] };
  }
  // The source's own call: `pick` beats every other technology; `order` ranks the ones it names.
  if (verdict && verdictPick) return { text: verdict.text, pick: verdictPick, sources: verdict.sources };
  if (verdict?.order && techs.every((t) => verdict.order?.includes(t))) {
    const pick = verdict.order.find((t) => techs.includes(t)) ?? null;
    return { text: verdict.text, pick, sources: verdict.sources };
  }
  if (verdict && !verdict.pick && !verdict.order) {
    return { text: verdict.text, pick: null, sources: verdict.sources };
  }
  const facts = techs.map((t) => factFor(k, t, aspectId));
  const values = facts.map((f) => f?.value);
  if (values.every((v) => v && v === values[0])) {
    return { text: `Same for all of them: ${values[0]}.`, pick: null, sources: [] };
  }
  // Short categorical values (licenses, pricing models) read well inline; long figures stay in the table.
  if (facts.every((f) => f?.value && f.value.length <= 32)) {
    return {
      text: `They differ: ${techs.map((t, i) => `${techName(k, t)}: ${values[i]}`).join("; ")}. The source names no overall winner on ${label}.`,
      pick: null,
      sources: [],
    };
  }
  return {
    text: `The source gives no like-for-like figure on ${label}, so there is no winner to declare; the table shows what it says for each.`,
    pick: null,
    sources: [],
  };
}

function compareOverall(k: Knowledge, techs: string[]): Reply {
  const sources: string[] = [];
  const rows = k.dataset.meta.summaryAspects.map((aspectId) => [
    aspectLabel(k, aspectId),
    ...techs.map((tech) => {
      const fact = factFor(k, tech, aspectId);
      if (fact) sources.push(fact.source);
      return cell(fact, 110);
    }),
  ]);
  const blocks: Block[] = [];
  const overall = k.dataset.topic.find((t) => t.pick);
  let pick: string | null = null;
  // The answer first (the source's verdict), then the figures behind it.
  if (overall?.pick && techs.includes(overall.pick)) {
    pick = overall.pick;
    blocks.push({ kind: "paragraph", text: `Verdict: ${overall.text}` });
    sources.push(...overall.sources);
  }
  blocks.push({ kind: "table", headers: ["", ...techs.map((t) => techName(k, t))], rows });
  // Where each one wins, from the source's own guidance.
  const wins = techs
    .map((tech) => ({ tech, needs: k.dataset.needs.filter((n) => n.pick === tech).slice(0, 5) }))
    .filter((w) => w.needs.length > 0);
  if (wins.length) {
    blocks.push({
      kind: "list",
      items: wins.map(
        (w) =>
          `${techName(k, w.tech)} is the pick for: ${w.needs.map((n) => midSentence(k, n.label)).join(", ")}`,
      ),
    });
    for (const w of wins) for (const n of w.needs) sources.push(...n.sources);
  }
  if (!pick) {
    blocks.push({
      kind: "paragraph",
      text: 'No overall winner between these: it depends on what you need. Ask "which is best for ..." or say "recommend" for a guided pick.',
    });
  }
  const title = listNames(techs.map((t) => techName(k, t)));
  return compose(k, "compare", { technologies: techs, pick, title }, blocks, sources);
}
