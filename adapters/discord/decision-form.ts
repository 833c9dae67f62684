/**
 * A form block as Discord ephemeral messages (issue 13): one string select per action row, four
 * questions a message (Discord allows five action rows a message, and the fifth holds the
 * buttons), "Next" to the following part and "Submit". What was chosen so far travels in the
 * components' custom ids as the form's state code (FormBlock.state), so nothing is kept between
 * clicks and a restart loses no half-filled form.
 * https://discord.com/developers/docs/components/reference#string-select
 */
import { ButtonStyle, ComponentType, MessageFlags } from "discord.js";
import type { FormBlock } from "../../src/index.js";
import type { ActionRow, DiscordMessage } from "./render.js";
import { breakMentions, DISCORD_LIMITS, escapeText, truncate } from "./text.js";

/** custom_id prefix of the form's components: "dform:<decision>:<op>:<state>". */
export const FORM_PREFIX = "dform:";
/** Questions per message: four selects and one row of buttons. */
export const FIELDS_PER_PART = 4;
/** The first option of every select: leaves the question unanswered. */
export const NOT_SURE = { value: "skip", label: "Not sure" };

/** What a form component asks for: a part shown again, a select changed, or the submission. */
export type FormOp = { kind: "part"; part: number } | { kind: "pick"; field: number } | { kind: "submit" };

/** Reads a form component's custom id; null for any other id. */
export function parseFormId(customId: string): { id: string; op: FormOp; state: string } | null {
  const m = /^dform:([0-9a-f]{6,32}):(p\d+|q\d+|s):([0-9a-z]*)$/.exec(customId);
  if (!m) return null;
  const [, id, op, state] = m as unknown as [string, string, string, string];
  const n = Number(op.slice(1));
  const parsed: FormOp =
    op === "s"
      ? { kind: "submit" }
      : op.startsWith("p")
        ? { kind: "part", part: n }
        : { kind: "pick", field: n };
  return { id, op: parsed, state };
}

/** The state code with field `field` set to `digit` (0 = not sure). */
export function withPick(state: string, field: number, digit: number): string {
  const chars = state.padEnd(field + 1, "0").split("");
  chars[field] = digit.toString(36);
  return chars.join("");
}

/** One part of the form as an ephemeral message: its questions listed, a select for each, the buttons. */
export function formPart(
  form: FormBlock,
  requested: number,
): DiscordMessage & { flags: MessageFlags.Ephemeral } {
  const parts = Math.max(1, Math.ceil(form.fields.length / FIELDS_PER_PART));
  const part = Math.min(Math.max(0, requested), parts - 1);
  const id = form.id.replace(/^decision:/, "");
  const first = part * FIELDS_PER_PART;
  const fields = form.fields.slice(first, first + FIELDS_PER_PART);
  const rows: ActionRow[] = fields.map((f, i) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: `${FORM_PREFIX}${id}:q${first + i}:${form.state}`,
        placeholder: truncate(breakMentions(f.label), DISCORD_LIMITS.selectPlaceholder),
        min_values: 1,
        max_values: 1,
        options: [NOT_SURE, ...f.options.map((o) => ({ value: o.id, label: o.label }))]
          .slice(0, DISCORD_LIMITS.selectOptions)
          .map((o) => ({
            label: truncate(o.label, DISCORD_LIMITS.selectOptionLabel),
            value: o.value,
            ...(o.value === f.initial ? { default: true } : {}),
          })),
      },
    ],
  }));
  const buttons: ActionRow["components"] = [];
  if (part > 0)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: `${FORM_PREFIX}${id}:p${part - 1}:${form.state}`,
      label: "Back",
    });
  if (part < parts - 1)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: `${FORM_PREFIX}${id}:p${part + 1}:${form.state}`,
      label: "Next",
    });
  buttons.push({
    type: ComponentType.Button,
    style: ButtonStyle.Success,
    custom_id: `${FORM_PREFIX}${id}:s:${form.state}`,
    label: truncate(form.submitLabel, DISCORD_LIMITS.buttonLabel),
  });
  rows.push({ type: ComponentType.ActionRow, components: buttons });
  const questions = fields.map((f, i) => `${first + i + 1}. ${escapeText(f.label)}`).join("\n");
  const content = truncate(
    `**${escapeText(form.title)}** (part ${part + 1} of ${parts}; every question is optional)\n${questions}`,
    DISCORD_LIMITS.content,
  );
  return { content, embeds: [], components: rows, flags: MessageFlags.Ephemeral };
}
