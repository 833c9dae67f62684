import type { Block, Reply } from "../../reply/model.js";
import {
  aspectLabel,
  capitalised,
  cell,
  compose,
  factFor,
  factSources,
  midSentence,
  techName,
} from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { aspectVerdict, type Direction } from "./compare.js";

/** "Which is best for X": the source's pick for that need, why, and what the others offer instead. */
export function needReply(k: Knowledge, needId: string, mentioned: string[]): Reply {
  const need = k.need.get(needId);
  if (!need) throw new Error(`unknown need ${needId}`);
  const pickName = techName(k, need.pick);
  const blocks: Block[] = [{ kind: "paragraph", text: need.reason }];
  const others = Object.entries(need.others);
  if (others.length) {
    blocks.push({ kind: "paragraph", text: "What the others offer instead:" });
    blocks.push({ kind: "list", items: others.map(([tech, text]) => `${techName(k, tech)}: ${text}`) });
  }
  const asked = mentioned.filter((t) => t !== need.pick);
  if (asked.length === 1 && mentioned.length === 1) {
    blocks.push({
      kind: "paragraph",
      text: `So for this, the source favours ${pickName} over ${techName(k, asked[0] as string)}.`,
    });
  }
  const technologies = [need.pick, ...mentioned, ...others.map(([t]) => t)];
  const title = `Best for ${midSentence(k, need.label)}: ${pickName}`;
  return compose(k, "best-for", { technologies, pick: need.pick, title }, blocks, need.sources);
}

/** "Which has the most downloads?": all technologies on one aspect, with the winner when figures compare. */
export function aspectWinnerReply(k: Knowledge, aspectId: string, techs: string[], want?: Direction): Reply {
  const verdict = aspectVerdict(k, techs, aspectId, want);
  const label = aspectLabel(k, aspectId);
  const sources: string[] = [];
  const rows = techs.map((t) => {
    const fact = factFor(k, t, aspectId);
    if (fact) sources.push(...factSources(fact));
    return [techName(k, t), cell(fact, 220)];
  });
  const blocks: Block[] = [
    { kind: "paragraph", text: verdict.text },
    { kind: "table", headers: [capitalised(k.dataset.meta.noun), label], rows },
  ];
  const technologies = verdict.pick ? [verdict.pick, ...techs] : techs;
  const title = verdict.pick ? `${label}: ${techName(k, verdict.pick)}` : label;
  return compose(k, "best-for", { technologies, aspect: aspectId, pick: verdict.pick, title }, blocks, [
    ...verdict.sources,
    ...sources,
  ]);
}

/** "Which should we NOT use for X?": the source ranks the best fit, not the worst; say so, then show all. */
export function avoidReply(k: Knowledge, needId: string): Reply {
  const need = k.need.get(needId);
  if (!need) throw new Error(`unknown need ${needId}`);
  const label = midSentence(k, need.label);
  const others = Object.entries(need.others);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `The source doesn't name one to avoid for ${label}. It favours ${techName(k, need.pick)}: ${need.reason}`,
    },
  ];
  if (others.length) {
    blocks.push({ kind: "paragraph", text: "Where the others stand:" });
    blocks.push({ kind: "list", items: others.map(([tech, text]) => `${techName(k, tech)}: ${text}`) });
  }
  const about = { technologies: [...others.map(([t]) => t), need.pick], title: `Least suited for ${label}` };
  return compose(k, "avoid", about, blocks, need.sources);
}

/** "What's the worst framework?": no worst in the source; its overall advice instead. */
export function noWorstReply(k: Knowledge): Reply {
  const overall = k.dataset.topic.find((t) => t.pick);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `The source doesn't rank a worst ${k.dataset.meta.noun}: each one is the better pick for some needs.${overall ? ` Its overall advice: ${overall.text}` : ""}`,
    },
  ];
  return compose(
    k,
    "avoid",
    { technologies: overall?.pick ? [overall.pick] : [] },
    blocks,
    overall?.sources ?? [],
  );
}
