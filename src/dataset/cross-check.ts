import type { Dataset } from "./schema.js";

/** A reference inside the dataset that points at nothing, located by top-level key and path. */
export interface CrossProblem {
  key: keyof Dataset;
  /** Index into the merged array for `facts`, whose entries come from several files. */
  index?: number;
  /** Path within the entry (for facts) ... */
  path: string;
  /** ... or within the file (for everything else). */
  pathInFile: string;
  message: string;
}

/** Checks what zod cannot: ids that refer to other parts of the dataset, and duplicates. */
export function crossCheck(d: Dataset): CrossProblem | null {
  const techs = new Set(d.technologies.map((t) => t.id));
  const aspects = new Set(d.aspects.map((a) => a.id));
  const sections = new Set(d.meta.sections.map((s) => s.id));

  const dup = firstDuplicate(d.technologies.map((t) => t.id));
  if (dup !== null) return at("technologies", `[${dup}].id`, "duplicate technology id");
  const dupAspect = firstDuplicate(d.aspects.map((a) => a.id));
  if (dupAspect !== null) return at("aspects", `[${dupAspect}].id`, "duplicate aspect id");

  for (const [i, t] of d.technologies.entries()) {
    const bad = t.components.findIndex((c) => !t.aliases.includes(c));
    if (bad >= 0)
      return at("technologies", `[${i}].components[${bad}]`, "a component must be one of the aliases");
  }
  for (const [i, note] of d.meta.editorialNotes.entries()) {
    if (!sections.has(note.section))
      return at("meta", `editorialNotes[${i}].section`, unknownSection(note.section));
  }
  const needIds = new Set(d.needs.map((n) => n.id));
  const readable = new Set([...aspects, ...needIds, ...d.topic.map((t) => t.id)]);
  for (const [i, note] of d.meta.editorialNotes.entries()) {
    const bad = note.about.findIndex((a) => !readable.has(a));
    if (bad >= 0)
      return at(
        "meta",
        `editorialNotes[${i}].about[${bad}]`,
        `unknown aspect, need or topic "${note.about[bad]}"`,
      );
  }
  const badTrigger = d.meta.standaloneTriggers.findIndex((n) => !needIds.has(n));
  if (badTrigger >= 0)
    return at(
      "meta",
      `standaloneTriggers[${badTrigger}]`,
      `unknown need "${d.meta.standaloneTriggers[badTrigger]}"`,
    );
  for (const key of ["profileAspects", "summaryAspects"] as const) {
    const bad = d.meta[key].findIndex((a) => !aspects.has(a));
    if (bad >= 0) return at("meta", `${key}[${bad}]`, `unknown aspect "${d.meta[key][bad]}"`);
  }
  if (d.meta.tradeoffAspect && !aspects.has(d.meta.tradeoffAspect)) {
    return at("meta", "tradeoffAspect", `unknown aspect "${d.meta.tradeoffAspect}"`);
  }
  if (d.meta.adviceTopic && !d.topic.some((t) => t.id === d.meta.adviceTopic)) {
    return at("meta", "adviceTopic", `unknown topic "${d.meta.adviceTopic}"`);
  }
  for (const [i, a] of d.aspects.entries()) {
    if (a.narrows && !aspects.has(a.narrows.aspect))
      return at("aspects", `[${i}].narrows.aspect`, `unknown aspect "${a.narrows.aspect}"`);
    if (a.verdict?.pick && !techs.has(a.verdict.pick))
      return at("aspects", `[${i}].verdict.pick`, unknownTech(a.verdict.pick));
    const badOrder = a.verdict?.order?.findIndex((t) => !techs.has(t)) ?? -1;
    if (badOrder >= 0)
      return at(
        "aspects",
        `[${i}].verdict.order[${badOrder}]`,
        unknownTech(a.verdict?.order?.[badOrder] ?? ""),
      );
    const bad = a.verdict?.sources.findIndex((s) => !sections.has(s)) ?? -1;
    if (bad >= 0)
      return at("aspects", `[${i}].verdict.sources[${bad}]`, unknownSection(a.verdict?.sources[bad]));
  }
  const seen = new Set<string>();
  for (const [i, f] of d.facts.entries()) {
    const fact = (path: string, message: string): CrossProblem => ({
      key: "facts",
      index: i,
      path,
      pathInFile: "",
      message,
    });
    if (!techs.has(f.tech)) return fact(".tech", unknownTech(f.tech));
    if (!aspects.has(f.aspect)) return fact(".aspect", `unknown aspect "${f.aspect}"`);
    if (!sections.has(f.source)) return fact(".source", unknownSection(f.source));
    const bad = f.derived?.from.findIndex((s) => !sections.has(s)) ?? -1;
    if (bad >= 0) return fact(`.derived.from[${bad}]`, unknownSection(f.derived?.from[bad]));
    const key = `${f.tech}/${f.aspect}`;
    if (seen.has(key)) return fact("", `second fact for ${key}; merge them`);
    seen.add(key);
  }
  const units = new Set(d.meta.units.map((u) => u.id));
  for (const [i, n] of d.needs.entries()) {
    const badUnit = n.quantities?.findIndex((q) => !units.has(q.unit)) ?? -1;
    if (badUnit >= 0)
      return at("needs", `[${i}].quantities[${badUnit}].unit`, unknownUnit(n.quantities?.[badUnit]?.unit));
    if (!techs.has(n.pick)) return at("needs", `[${i}].pick`, unknownTech(n.pick));
    for (const t of Object.keys(n.others))
      if (!techs.has(t)) return at("needs", `[${i}].others.${t}`, unknownTech(t));
    const bad = n.sources.findIndex((s) => !sections.has(s));
    if (bad >= 0) return at("needs", `[${i}].sources[${bad}]`, unknownSection(n.sources[bad]));
  }
  for (const t of Object.keys(d.flow.prior.weights))
    if (!techs.has(t)) return at("flow", `prior.weights.${t}`, unknownTech(t));
  for (const [qi, q] of d.flow.questions.entries()) {
    for (const [oi, o] of q.options.entries()) {
      const here = `questions[${qi}].options[${oi}]`;
      const badUnit = o.quantities?.findIndex((q) => !units.has(q.unit)) ?? -1;
      if (badUnit >= 0)
        return at("flow", `${here}.quantities[${badUnit}].unit`, unknownUnit(o.quantities?.[badUnit]?.unit));
      for (const t of Object.keys(o.weights))
        if (!techs.has(t)) return at("flow", `${here}.weights.${t}`, unknownTech(t));
      const bad = o.sources.findIndex((s) => !sections.has(s));
      if (bad >= 0) return at("flow", `${here}.sources[${bad}]`, unknownSection(o.sources[bad]));
    }
  }
  for (const [i, t] of d.topic.entries()) {
    if (t.pick && !techs.has(t.pick)) return at("topic", `[${i}].pick`, unknownTech(t.pick));
    const other = t.technologies.findIndex((id) => !techs.has(id));
    if (other >= 0)
      return at("topic", `[${i}].technologies[${other}]`, unknownTech(t.technologies[other] ?? ""));
    const bad = t.sources.findIndex((s) => !sections.has(s));
    if (bad >= 0) return at("topic", `[${i}].sources[${bad}]`, unknownSection(t.sources[bad]));
  }
  const dupPassage = firstDuplicate(d.passages.map((p) => p.id));
  if (dupPassage !== null) return at("passages", `[${dupPassage}].id`, "duplicate passage id");
  for (const [i, p] of d.passages.entries()) {
    if (!sections.has(p.section)) return at("passages", `[${i}].section`, unknownSection(p.section));
    const bad = p.technologies.findIndex((t) => !techs.has(t));
    if (bad >= 0)
      return at("passages", `[${i}].technologies[${bad}]`, unknownTech(p.technologies[bad] ?? ""));
  }
  const dupSense = firstDuplicate(d.senses.map((s) => s.id));
  if (dupSense !== null) return at("senses", `[${dupSense}].id`, "duplicate sense id");
  return null;
}

function at(key: keyof Dataset, pathInFile: string, message: string): CrossProblem {
  return { key, path: "", pathInFile, message };
}

function firstDuplicate(ids: string[]): number | null {
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) return i;
    seen.add(id);
  }
  return null;
}

const unknownTech = (id: string) => `unknown technology "${id}"`;
const unknownUnit = (id: string | undefined) => `unknown unit "${id}" (declare it in meta.json units)`;
const unknownSection = (id: string | undefined) => `unknown source section "${id}"`;
