/**
 * Feedback on Discord: "Helpful" / "Not helpful" in a row of their own under an answer, the
 * "What was wrong?" button of the private thanks, and its modal. Votes and submitted notes go to
 * the dispatcher (Dispatcher.feedback); the modal is this adapter's own translation.
 * - Buttons: https://discord.com/developers/docs/components/reference#button
 * - Modals: interaction response type 9 (MODAL) with a Label holding a Text Input; the
 *   submission is an interaction of type 5 (MODAL_SUBMIT) and must be responded to like any
 *   other, https://discord.com/developers/docs/interactions/receiving-and-responding
 */
import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import {
  type FeedbackControls,
  type FeedbackInbound,
  FEEDBACK_LABELS as LABELS,
  NOTE_MAX,
} from "../../src/index.js";
import type { ActionRow } from "./components.js";
import type { DiscordPlace } from "./parse.js";

/** custom_id prefixes: a vote button, the note button, the modal. The answer id follows. */
export const HELPFUL_ID = "stackwise:fb:helpful:";
export const NOT_HELPFUL_ID = "stackwise:fb:not-helpful:";
export const NOTE_ID = "stackwise:fb:note:";
export const MODAL_ID = "stackwise:fbnote:";
/** The modal's text input. */
export const NOTE_INPUT = "note";

/** The row for a reply's feedback controls (none when it has none). */
export function feedbackRows(controls: FeedbackControls | undefined): ActionRow[] {
  if (!controls) return [];
  const button = (prefix: string, label: string) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    custom_id: `${prefix}${controls.answerId}`,
    label,
  });
  const components =
    controls.offer === "vote"
      ? [button(HELPFUL_ID, LABELS.helpful), button(NOT_HELPFUL_ID, LABELS.notHelpful)]
      : [button(NOTE_ID, LABELS.note)];
  return [{ type: ComponentType.ActionRow, components }];
}

/** True for a button this module handles (never a choice of the engine's). */
export function isFeedbackButton(customId: string): boolean {
  return customId.startsWith("stackwise:fb:");
}

/** The "What was wrong?" modal for one answer. */
export function noteModal(answerId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${MODAL_ID}${answerId}`,
    title: LABELS.noteTitle,
    components: [
      {
        type: ComponentType.Label,
        label: LABELS.note,
        description: LABELS.noteHint,
        component: {
          type: ComponentType.TextInput,
          custom_id: NOTE_INPUT,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: NOTE_MAX,
        },
      },
    ],
  };
}

/** Where the thanks go: the interaction, answered privately. */
function placeOf(i: ButtonInteraction | ModalSubmitInteraction, ack: DiscordPlace["ack"]): DiscordPlace {
  const shared = i.channel?.isThread() === true || !i.inGuild();
  return { channelId: i.channelId ?? "", shared, userId: i.user.id, ...(ack ? { ack } : {}) };
}

/** A vote click, or null for a button that is not a vote (the note button, another id). */
export function parseVote(
  i: ButtonInteraction,
  ack: DiscordPlace["ack"],
): FeedbackInbound<DiscordPlace> | null {
  const vote = i.customId.startsWith(HELPFUL_ID)
    ? ("helpful" as const)
    : i.customId.startsWith(NOT_HELPFUL_ID)
      ? ("not-helpful" as const)
      : null;
  if (!vote) return null;
  const answerId = i.customId.slice((vote === "helpful" ? HELPFUL_ID : NOT_HELPFUL_ID).length);
  if (!answerId) return null;
  return {
    eventId: `discord:int:${i.id}`,
    userId: `discord:${i.user.id}`,
    place: placeOf(i, ack),
    action: { kind: "vote", answerId, vote },
  };
}

/** A submitted "What was wrong?" modal, or null for a modal that is not ours. */
export function parseNote(
  i: ModalSubmitInteraction,
  ack: DiscordPlace["ack"],
): FeedbackInbound<DiscordPlace> | null {
  if (!i.customId.startsWith(MODAL_ID)) return null;
  const answerId = i.customId.slice(MODAL_ID.length);
  if (!answerId) return null;
  let text = "";
  try {
    text = i.fields.getTextInputValue(NOTE_INPUT) ?? "";
  } catch {
    // An empty optional box may come without the field: an empty note.
  }
  return {
    eventId: `discord:int:${i.id}`,
    userId: `discord:${i.user.id}`,
    place: placeOf(i, ack),
    action: { kind: "note", answerId, text },
  };
}
