import type { AutocompleteInteraction } from "discord.js";
import { type Knowledge, suggestAspects, suggestTechnologies } from "../../src/index.js";
import { COMPARE_OPTIONS } from "./commands.js";
import { truncate } from "./render.js";

/**
 * `/stackwise compare` autocompletes from the dataset: technologies by name, id and alias;
 * aspects ranked by what is typed, the most asked first when nothing is
 * (https://discord.com/developers/docs/interactions/application-commands#autocomplete: 25 choices
 * at most, names and values of 100 characters at most).
 */
export async function autocomplete(
  i: AutocompleteInteraction,
  knowledge: Knowledge,
  askedAspects: () => readonly string[],
): Promise<void> {
  const focused = i.options.getFocused(true);
  const typed = String(focused.value);
  const found =
    focused.name === COMPARE_OPTIONS.aspect
      ? suggestAspects(knowledge, typed, askedAspects())
      : suggestTechnologies(knowledge, typed);
  await i.respond(found.map((s) => ({ name: truncate(s.name, 100), value: truncate(s.value, 100) })));
}
