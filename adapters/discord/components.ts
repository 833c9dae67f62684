/** Choice blocks as Discord action rows: buttons, or a string select for many answers. */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Block, Choice } from "../../src/index.js";
import { breakMentions, DISCORD_LIMITS, labelText, truncate } from "./text.js";

/** A string select's custom id carries this prefix; the chosen option's value is the choice id. */
export const SELECT_PREFIX = "stackwise:select:";

/** One row of a message's components, as the API takes it. */
export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Choice blocks → action rows: answer buttons (a select when more than 5), then nav buttons. */
export function renderChoices(blocks: Block[]): ActionRow[] {
  const rows: ActionRow[] = [];
  const used = new Set<string>();
  const usable = (c: Choice) => {
    if (!c.id || c.id.length > DISCORD_LIMITS.customId || used.has(c.id)) return false;
    used.add(c.id);
    return true;
  };
  blocks.forEach((block, index) => {
    if (block.kind !== "choices") return;
    const answers = block.choices.filter((c) => c.role === "answer").filter(usable);
    // A button's custom_id is its choice id: one that looks like a select id could repeat a select's
    // custom_id (Discord rejects the message), and the bot ignores such buttons anyway.
    const isButtonId = (c: Choice) => !c.id.startsWith(SELECT_PREFIX);
    const nav = block.choices
      .filter((c) => c.role === "nav")
      .filter(usable)
      .filter(isButtonId);
    if (answers.length > DISCORD_LIMITS.buttonsPerRow) {
      rows.push({
        type: ComponentType.ActionRow,
        components: [select(`${SELECT_PREFIX}${index}`, block.prompt, answers)],
      });
    } else if (answers.some(isButtonId)) {
      rows.push({
        type: ComponentType.ActionRow,
        components: answers.filter(isButtonId).map((c) => button(c, ButtonStyle.Primary)),
      });
    }
    for (let i = 0; i < nav.length; i += DISCORD_LIMITS.buttonsPerRow) {
      const slice = nav.slice(i, i + DISCORD_LIMITS.buttonsPerRow);
      rows.push({
        type: ComponentType.ActionRow,
        components: slice.map((c) => button(c, ButtonStyle.Secondary)),
      });
    }
  });
  return rows.slice(0, DISCORD_LIMITS.actionRows);
}

function button(
  choice: Choice,
  style: ButtonStyle.Primary | ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    custom_id: choice.id,
    label: labelText(choice.label, DISCORD_LIMITS.buttonLabel),
  };
}

function select(customId: string, prompt: string, choices: Choice[]): APIStringSelectComponent {
  return {
    type: ComponentType.StringSelect,
    custom_id: customId,
    placeholder: truncate(
      prompt.trim() ? breakMentions(prompt) : "Choose an answer",
      DISCORD_LIMITS.selectPlaceholder,
    ),
    min_values: 1,
    max_values: 1,
    options: choices
      .filter((c) => c.id.length <= DISCORD_LIMITS.selectOptionValue)
      .slice(0, DISCORD_LIMITS.selectOptions)
      .map((c) => ({ label: labelText(c.label, DISCORD_LIMITS.selectOptionLabel), value: c.id })),
  };
}
