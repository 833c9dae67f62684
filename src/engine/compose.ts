import type { Fact } from "../dataset/schema.js";
import type { Block, Reply, Source, Visibility } from "../reply/model.js";
import type { Knowledge } from "./knowledge.js";

/** What a reply is about, and its headline. */
export interface About {
  technologies?: string[];
  aspect?: string | null;
  pick?: string | null;
  /** The headline renderers show above the blocks. */
  title?: string | null;
  /** Default "public"; "asker" for replies only the person who asked or clicked needs. */
  visibility?: Visibility;
}

/** Builds a reply, resolving cited section ids to their titles (unknown ids are dropped, never invented). */
export function compose(
  k: Knowledge,
  intent: string,
  about: About,
  blocks: Block[],
  sectionIds: Iterable<string> = [],
): Reply {
  const sources = sourcesOf(k, sectionIds);
  return {
    intent,
    title: about.title ?? null,
    visibility: about.visibility ?? "public",
    technologies: [...new Set(about.technologies ?? [])],
    aspect: about.aspect ?? null,
    pick: about.pick ?? null,
    blocks,
    sources,
  };
}

/** Section ids resolved to cited sources, each once, in order; unknown ids are dropped. */
export function sourcesOf(k: Knowledge, sectionIds: Iterable<string>): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const id of sectionIds) {
    const section = k.section.get(id);
    if (!section || seen.has(id)) continue;
    seen.add(id);
    sources.push({ id: section.id, title: section.title });
  }
  return sources;
}

/**
 * `reply` with another reply's answer as a section right under its summary (its first paragraph):
 * the other's title as a heading, its blocks (choices left out), its sources cited after.
 */
export function withSection(reply: Reply, section: Reply): Reply {
  const blocks = [...reply.blocks];
  const at = Math.max(1, blocks.findIndex((b) => b.kind === "paragraph") + 1);
  blocks.splice(
    at,
    0,
    ...(section.title ? [{ kind: "heading" as const, text: section.title }] : []),
    ...section.blocks.filter((b) => b.kind !== "choices"),
  );
  const sources = [
    ...reply.sources,
    ...section.sources.filter((x) => !reply.sources.some((s) => s.id === x.id)),
  ];
  return { ...reply, blocks, sources };
}

export const techName = (k: Knowledge, id: string) => k.tech.get(id)?.name ?? id;
export const aspectLabel = (k: Knowledge, id: string) => k.aspect.get(id)?.label ?? id;

export function factFor(k: Knowledge, tech: string, aspect: string): Fact | undefined {
  return k.fact.get(`${tech}/${aspect}`);
}

/** Every section a fact draws on, its own first. */
export function factSources(fact: Fact): string[] {
  return [fact.source, ...(fact.derived?.from ?? [])];
}

/** A short cell for tables: the figure when there is one, else the first sentence. */
export function cell(fact: Fact | undefined, max = 140): string {
  if (!fact) return "not covered by the source";
  if (fact.status === "unknown") return "unknown (see note)";
  if (fact.value) return fact.value;
  return shorten(firstSentence(fact.text), max);
}

/** The sentences of a statement, split after ".", "!" or "?" followed by a space. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m?.[1] ?? text;
}

export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:.\s]+$/, "")}…`;
}

/** "A", "A and B", "A, B and C" */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * A sentence-case label for use mid-sentence: only its first word loses its capital, and only
 * when it is an ordinary word ("Training on Google TPUs" -> "training on Google TPUs"; "GPU / CUDA"
 * and "NumPy-heavy" keep theirs).
 */
export function midSentence(k: Knowledge, label: string): string {
  const [first = "", ...rest] = label.split(" ");
  const lower =
    /^[A-Z][a-z]+(?:[-,][a-z]+)*,?$/.test(first) && !k.properNouns.has(first.replace(/[-,].*$/, ""));
  return [lower ? first.toLowerCase() : first, ...rest].join(" ");
}

export const capitalised = (s: string) => s.replace(/^./, (c) => c.toUpperCase());
