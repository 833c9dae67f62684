import type { Block, Reply } from "../../reply/model.js";
import { aspectLabel, compose, factFor, factSources, listNames, midSentence, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { stem, tokenize } from "../text/normalize.js";
import { STOPWORDS } from "../text/stopwords.js";

/** What the source says about one technology on one or more aspects. */
export function factReply(k: Knowledge, tech: string, aspects: string[], intent = "fact"): Reply {
  const blocks: Block[] = [];
  const sources: string[] = [];
  const name = techName(k, tech);
  // One aspect is the whole reply's title; several each get a heading under the technology's name.
  const title = aspects.length === 1 ? `${name}: ${aspectLabel(k, aspects[0] as string)}` : name;
  for (const aspect of aspects) {
    const label = aspectLabel(k, aspect);
    if (aspects.length > 1) blocks.push({ kind: "heading", text: label });
    const fact = factFor(k, tech, aspect);
    if (!fact) {
      const others = k.dataset.technologies.filter((t) => t.id !== tech && factFor(k, t.id, aspect));
      blocks.push({
        kind: "paragraph",
        text:
          `The source page says nothing about ${name}'s ${midSentence(k, label)}.` +
          (others.length ? ` It does cover it for ${listNames(others.map((t) => t.name))}.` : ""),
      });
      continue;
    }
    // The figure leads, unless the sentence already gives every number of it ("Over 85000. ... over 85000").
    const figures = fact.value?.match(/\d+(?:[.,]\d+)*/g) ?? [];
    const repeated =
      fact.value !== undefined &&
      (fact.text.includes(fact.value) || (figures.length > 0 && figures.every((f) => fact.text.includes(f))));
    const lead = fact.value && !repeated ? `${fact.value}. ` : "";
    blocks.push({ kind: "paragraph", text: `${lead}${fact.text}` });
    if (fact.items?.length) blocks.push({ kind: "list", items: fact.items });
    if (fact.derived) blocks.push({ kind: "paragraph", text: `Editor's note: ${fact.derived.note}` });
    sources.push(...factSources(fact));
  }
  return compose(k, intent, { technologies: [tech], aspect: aspects[0] ?? null, title }, blocks, sources);
}

/** "Tell me about X": the dataset's profile aspects for one technology. */
export function profileReply(k: Knowledge, tech: string, unmatched: string[] = []): Reply {
  const blocks: Block[] = [];
  // Words the dataset has nothing on ("salary", "windows"): say so rather than let the profile pass for an answer.
  if (unmatched.length) {
    blocks.push({
      kind: "paragraph",
      text: `The source page doesn't cover ${listNames(unmatched.map((w) => `"${w}"`))} for ${techName(k, tech)}. Here is what it does cover:`,
    });
  }
  const sources: string[] = [];
  for (const aspect of k.dataset.meta.profileAspects) {
    const fact = factFor(k, tech, aspect);
    if (!fact || fact.status === "unknown") continue;
    blocks.push({ kind: "paragraph", text: `${aspectLabel(k, aspect)}: ${fact.value ?? fact.text}` });
    if (fact.items?.length) blocks.push({ kind: "list", items: fact.items.slice(0, 5) });
    sources.push(...factSources(fact));
  }
  blocks.push({
    kind: "paragraph",
    text: `Ask about a detail (${detailExamples(k)}...) or compare it with ${listNames(
      k.dataset.technologies.filter((t) => t.id !== tech).map((t) => t.name),
    )}.`,
  });
  return compose(k, "profile", { technologies: [tech], title: techName(k, tech) }, blocks, sources);
}

/**
 * "Why does JAX keep running out of memory?": the facts on the aspects, plus the points of the
 * technology's trade-offs (the dataset's `tradeoffAspect`) that speak of the same thing.
 */
export function withTradeoffs(k: Knowledge, reply: Reply, tech: string, aspects: string[]): Reply {
  const tradeoffAspect = k.dataset.meta.tradeoffAspect;
  const tradeoffs =
    tradeoffAspect && !aspects.includes(tradeoffAspect) ? factFor(k, tech, tradeoffAspect) : undefined;
  const words = new Set(aspects.flatMap((a) => [...aspectWords(k, a)]));
  const points = (tradeoffs?.items ?? []).filter((item) => tokenize(item).some((w) => words.has(stem(w))));
  if (!tradeoffs || points.length === 0) return reply;
  const blocks: Block[] = [
    ...reply.blocks,
    { kind: "paragraph", text: `Among ${techName(k, tech)}'s downsides, the source notes:` },
    { kind: "list", items: points },
  ];
  const about = { technologies: reply.technologies, aspect: reply.aspect, title: reply.title };
  return compose(k, reply.intent, about, blocks, [
    ...reply.sources.map((s) => s.id),
    ...factSources(tradeoffs),
  ]);
}

/** The words that name an aspect: its label and its one-word terms ("memory", "ram", "oom"). */
function aspectWords(k: Knowledge, aspectId: string): Set<string> {
  const aspect = k.aspect.get(aspectId);
  const words = new Set<string>();
  if (!aspect) return words;
  for (const w of tokenize(aspect.label)) if (!STOPWORDS.has(w)) words.add(stem(w));
  for (const term of aspect.terms) {
    const [w, ...more] = tokenize(term);
    if (w && more.length === 0 && !STOPWORDS.has(w) && !k.nameStems.has(stem(w))) words.add(stem(w));
  }
  return words;
}

/** A few aspects worth asking about, from the dataset: its summary aspects that are not profile ones. */
function detailExamples(k: Knowledge): string {
  const { summaryAspects, profileAspects } = k.dataset.meta;
  return summaryAspects
    .filter((a) => !profileAspects.includes(a))
    .slice(0, 3)
    .map((a) => aspectLabel(k, a).toLowerCase())
    .join(", ");
}
