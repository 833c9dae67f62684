import type { Reply } from "../../reply/model.js";
import {
  aspectLabel,
  capitalised,
  cell,
  compose,
  factFor,
  factSources,
  listNames,
  midSentence,
  sentences,
  techName,
} from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { searchTerms } from "../passages.js";
import type { InputToken } from "../text/matcher.js";
import { STOPWORDS } from "../text/stopwords.js";
import { NEGATORS } from "../understand.js";

/** The technology a word singles out, the word, and whether the question asked for the one without. */
export interface SingledOut {
  pick: string;
  word: string;
  negated: boolean;
}

/**
 * "Which one isn't Apache licensed?", "which has LTS releases?": a question about a word that the
 * facts of some technologies contain and others don't. Finds it only when exactly one technology
 * is singled out; otherwise null, and the usual comparison answers.
 */
export function singleOut(
  k: Knowledge,
  tokens: InputToken[],
  aspectId: string,
  techs: string[],
): SingledOut | null {
  const aspect = k.aspect.get(aspectId);
  if (!aspect) return null;
  const docs = new Map(k.facts.docs.filter((d) => d.aspect === aspectId).map((d) => [d.tech, d] as const));
  const negated = tokens.some((t) => NEGATORS.has(t.raw));
  let holders: string[] | null = null;
  let word = "";
  for (const t of tokens) {
    // Words every fact shares (the aspect's own name) or none has say nothing about who differs.
    if (STOPWORDS.has(t.raw) || NEGATORS.has(t.raw) || k.nameStems.has(t.stem) || t.raw.length < 3) continue;
    // A short word no fact uses may abbreviate words one does ("LTS" for "long-term support").
    const asWord = techs.some((tech) => docs.get(tech)?.stems.has(t.stem));
    const abbreviation = !asWord && t.raw.length <= 4;
    // A fact that names a word only to deny it ("no mobile route") does not have it.
    const having = techs.filter((tech) => {
      const doc = docs.get(tech);
      return abbreviation ? doc?.initialisms.has(t.raw) : doc?.stems.has(t.stem) && !doc.denied.has(t.stem);
    });
    if (having.length === 0 || having.length === techs.length) continue;
    holders = holders ? holders.filter((h) => having.includes(h)) : having;
    word ||= abbreviation ? t.raw.toUpperCase() : t.raw;
  }
  if (!holders) return null;
  const picked = negated ? techs.filter((t) => !holders?.includes(t)) : holders;
  if (picked.length !== 1 || !picked[0]) return null;
  return { pick: picked[0], word, negated };
}

/**
 * ': ' and the statement's sentence holding the word ("LTS versions are supported for 1-2
 * years"), so the detail asked about is shown and not only named; '.' when none holds it.
 */
export function holding(text: string | undefined, word: string): string {
  // An initialism found as one ("LTS") is spelled out in the statement ("long-term support").
  const spelled =
    word === word.toUpperCase() && /^[A-Z]+$/.test(word)
      ? new RegExp(`\\b${[...word].map((c) => `${c}[a-z]*`).join("[\\s-]+")}\\b`, "i")
      : null;
  const has = (s: string) => s.toLowerCase().includes(word.toLowerCase()) || (spelled?.test(s) ?? false);
  const sentence = text === undefined ? undefined : sentences(text).find(has);
  return sentence ? `: ${sentence}` : ".";
}

/** The reply for a technology singled out on an aspect: the word, then the aspect's table. */
export function singledOutReply(k: Knowledge, aspectId: string, techs: string[], found: SingledOut): Reply {
  const { pick, word, negated } = found;
  const label = aspectLabel(k, aspectId);
  const others = techs.filter((t) => t !== pick);
  const sources = techs.flatMap((t) => {
    const f = factFor(k, t, aspectId);
    return f ? factSources(f) : [];
  });
  return compose(
    k,
    "best-for",
    {
      technologies: [pick, ...others],
      aspect: aspectId,
      pick,
      // Negated, the pick is the one without: the title must not read as "best at it".
      title: `${label}: ${techName(k, pick)}${negated ? " is the odd one out" : ""}`,
    },
    [
      {
        kind: "paragraph",
        text: negated
          ? `The source credits ${listNames(others.map((t) => techName(k, t)))} with "${word}" (${midSentence(k, label)}), but not ${techName(k, pick)}.`
          : `Only ${techName(k, pick)}'s ${midSentence(k, label)} mentions "${word}"${holding(factFor(k, pick, aspectId)?.text, word)}`,
      },
      {
        kind: "table",
        headers: [capitalised(k.dataset.meta.noun), label],
        rows: techs.map((t) => [techName(k, t), cell(factFor(k, t, aspectId), 220)]),
      },
    ],
    sources,
  );
}

/**
 * "does pytorch have an LTS release?": the asked word is one only another technology's statement
 * on the aspect holds. Returns the note that says so, with that statement's sentence, or null
 * when the asked technology's own statement has the word (or no single one does).
 */
export function onlyElsewhere(
  k: Knowledge,
  tokens: InputToken[],
  aspectId: string,
  tech: string,
): string | null {
  const found = singleOut(k, tokens, aspectId, k.techIds);
  if (!found || found.negated || found.pick === tech) return null;
  // The aspect's own name ("install" of "Install / bundle size") names what is asked, whoever's
  // statement happens to spell it out.
  const label = new Set(searchTerms(aspectLabel(k, aspectId)));
  if (searchTerms(found.word).some((s) => label.has(s))) return null;
  // "...and what does pytorch 2 do [for inference latency]?": the word may sit in another of the
  // technology's statements (its throughput fact holds its inference latency cut). Then that
  // statement answers; saying the page never mentions it would be false.
  // Of those, the sentence sharing most of the question's words ("inference latency", not only
  // "inference") is the one meant.
  const asked = new Set(tokens.map((t) => t.stem));
  let best: { aspect: string; said: string; shared: number } | null = null;
  for (const fact of k.dataset.facts) {
    if (fact.tech !== tech || fact.aspect === aspectId) continue;
    const said = holding(fact.text, found.word);
    if (said === ".") continue;
    const shared = searchTerms(said).filter((w) => asked.has(w)).length;
    if (!best || shared > best.shared) best = { aspect: fact.aspect, said, shared };
  }
  if (best)
    return `For ${techName(k, tech)} the page puts it under ${midSentence(k, aspectLabel(k, best.aspect))}${best.said}`;
  return `The page doesn't mention "${found.word}" for ${techName(k, tech)}; it does for ${techName(k, found.pick)}${holding(factFor(k, found.pick, aspectId)?.text, found.word)}`;
}
