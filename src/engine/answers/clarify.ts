import type { Reply } from "../../reply/model.js";
import { compose, listNames, techName } from "../compose.js";
import type { Knowledge } from "../knowledge.js";
import type { Reading } from "../recognise/reading.js";

/**
 * Asking back instead of guessing (intent `clarify`): the message could mean one of our
 * technologies or something else that shares its name, and nothing else in it settles which.
 * Each choice carries the reading it stands for, so a click (or its number typed) answers it.
 */

/** Prefix of a clarification's choice ids: `ask:profile:<tech>`. */
const ASK = "ask";

/** The choice id that stands for a reading; only readings a clarification offers are encoded. */
function choiceId(reading: Extract<Reading, { intent: "profile" }>): string {
  return `${ASK}:profile:${reading.tech}`;
}

/**
 * The reading a clarification's choice stands for, or null when `id` is not one (or names a
 * technology the dataset no longer has: the click is then answered as a stale one).
 */
export function parseAskChoice(k: Knowledge, id: string): Reading | null {
  const [prefix, intent, tech] = id.split(":");
  if (prefix !== ASK || intent !== "profile" || !tech || !k.tech.has(tech)) return null;
  return { intent: "profile", tech, unmatched: [] };
}

/**
 * "is jax beach worth a visit in march": the name is ours, the rest ("beach", "visit") is about
 * something else. Asks whether the technology was meant; the user's own words are quoted back
 * only as the nouns the source does not hold.
 */
export function senseClarify(k: Knowledge, techs: string[], strange: string[]): Reply {
  const names = listNames(techs.map((t) => techName(k, t)));
  const quoted = listNames(strange.slice(0, 3).map((w) => `"${w}"`));
  return compose(k, "clarify", { technologies: [] }, [
    {
      kind: "paragraph",
      text: `Did you mean ${names}, the ${k.dataset.meta.noun}? The source page says nothing about ${quoted}, so I may have the wrong ${names}.`,
    },
    {
      kind: "choices",
      prompt: "If so:",
      choices: techs.slice(0, 3).map((tech) => ({
        id: choiceId({ intent: "profile", tech, unmatched: [] }),
        label: `Yes, ${techName(k, tech)} the ${k.dataset.meta.noun}`,
        role: "answer" as const,
      })),
    },
  ]);
}
