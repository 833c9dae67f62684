import type { Block, Reply } from "../../reply/model.js";
import { compose, listNames, midSentence, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import { factReply } from "./fact.js";
import { startChoice } from "./flow-ids.js";

const names = (k: Knowledge) => listNames(k.dataset.technologies.map((t) => t.name));

/** The friendly fallback: what Stackwise is and what to ask. */
export function helpReply(k: Knowledge, intent = "help", lead?: string): Reply {
  const [a, b] = k.dataset.technologies;
  // A concrete aspect makes a better example than a profile one ("what is the best for of X?").
  const example = k.dataset.meta.summaryAspects.find((a) => !k.dataset.meta.profileAspects.includes(a));
  const aspect = midSentence(
    k,
    k.aspect.get(example ?? "")?.label ?? k.dataset.aspects[0]?.label ?? "license",
  );
  const need = k.dataset.needs[0] && midSentence(k, k.dataset.needs[0].label);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text:
        lead ??
        `Hi! I'm Stackwise. I answer questions about ${names(k)} from a comparison dataset (${k.dataset.meta.topic}), and cite where each fact comes from.`,
    },
    {
      kind: "list",
      items: [
        `Ask a fact: "what is the ${aspect} of ${a?.name}?"`,
        `Compare: "${a?.name} vs ${b?.name}" or "compare ${a?.name} and ${b?.name} ${aspect}"`,
        need
          ? `Find the best fit: "which is best for ${need}?"`
          : `Find the best fit: "which is best for ...?"`,
        `Get a recommendation: "recommend", or describe your team and project`,
      ],
    },
    { kind: "choices", prompt: "Or start a guided recommendation:", choices: [startChoice()] },
  ];
  return compose(k, intent, {}, blocks);
}

/**
 * A chat-sized pointer instead of the menu: one line on what Stackwise answers, with two examples
 * and the button that starts a recommendation. For greetings, text about something else and
 * anything not understood; the full menu is for "help".
 */
export function shortHelp(k: Knowledge, intent: string, lead: string): Reply {
  const [a, b] = k.dataset.technologies;
  // Chat-sized: a greeting's whole reply, button label included, stays within about 200 characters.
  const text = `${lead} I answer questions about ${names(k)}: try "${a?.name} vs ${b?.name}".`;
  return compose(k, intent, {}, [
    { kind: "paragraph", text },
    { kind: "choices", prompt: "Or describe your project, or:", choices: [startChoice()] },
  ]);
}

/**
 * A technology the dataset does not cover: say so plainly, never guess. Ours named beside it
 * ("how does tf 3.0 compare to mxnet") get what the source does say of them: the fact on
 * `aspect`, or their overview, so the half of the question the page covers is answered.
 */
export function unknownReply(
  k: Knowledge,
  unknown: string[],
  techs: string[] = [],
  aspect: string | null = null,
): Reply {
  const them = listNames(unknown);
  const decline = `The source page doesn't cover ${them}: ${unknown.length > 1 ? "they are" : "it is"} not in my dataset, so I can't answer about ${
    unknown.length > 1 ? "them" : "it"
  } with sourced facts.`;
  const shown = techs.slice(0, 2);
  const on = aspect ?? k.dataset.meta.profileAspects[0];
  if (shown.length && on) {
    const facts = shown.map((t) => factReply(k, t, [on]));
    const blocks: Block[] = [
      {
        kind: "paragraph",
        text: `${decline} Here is what it says about ${listNames(shown.map((t) => techName(k, t)))}:`,
      },
    ];
    for (const f of facts) blocks.push({ kind: "heading", text: f.title ?? "" }, ...f.blocks);
    return compose(
      k,
      "unknown-technology",
      { technologies: shown, aspect: on },
      blocks,
      facts.flatMap((f) => f.sources.map((s) => s.id)),
    );
  }
  return compose(k, "unknown-technology", {}, [
    // One wording for every decline ("The source page doesn't cover..."), so a reader learns it once.
    { kind: "paragraph", text: `${decline} I cover ${names(k)}.` },
    {
      kind: "paragraph",
      text: `Try "compare ${k.dataset.technologies.map((t) => t.name).join(" and ")}" or ask about one of them.`,
    },
  ]);
}

/** A topic-level entry of the dataset (overall recommendation, metrics, related comparisons...). */
export function topicReply(k: Knowledge, topicId: string): Reply {
  const t = k.topic.get(topicId);
  if (!t) throw new Error(`unknown topic ${topicId}`);
  const blocks: Block[] = [{ kind: "paragraph", text: t.text }];
  if (t.items?.length) blocks.push({ kind: "list", items: t.items });
  return compose(
    k,
    "topic",
    { technologies: t.pick ? [t.pick] : t.technologies, pick: t.pick ?? null, title: t.label },
    blocks,
    t.sources,
  );
}
