/**
 * Discord interactions of team decisions (issue 13) to the decision desk's events:
 * `/stackwise decide topic: [anonymous:]`, `/stackwise decisions`, the message command "Decide
 * this with Stackwise" (its message's text is the topic), the card's buttons, and the form's
 * selects and buttons (decision-form.ts). Who may close anyone's decision is read from the
 * interaction's member permissions (Manage Threads or Manage Channels).
 */
import { type Interaction, PermissionFlagsBits } from "discord.js";
import { type DecisionInbound, parseDecisionChoice } from "../../src/index.js";
import { stripChatMarkup } from "../shared/markup.js";
import type { Ack, AckedInteraction } from "./ack.js";
import { FIELDS_PER_PART, parseFormId, withPick } from "./decision-form.js";
import type { DiscordPlace } from "./parse.js";

/** The message command's name, as users see it in the message's Apps menu. */
export const DECIDE_MESSAGE_COMMAND = "Decide this with Stackwise";
/** The `/stackwise` subcommands of team decisions. */
export const DECISION_SUBCOMMANDS = { decide: "decide", decisions: "decisions" } as const;

/** A Discord decision event for the dispatcher. */
export type DiscordDecisionInbound = DecisionInbound<DiscordPlace>;

/** The card's channel, as decisions key it (whoever asks there). */
export const channelKeyOf = (channelId: string) => `discord:${channelId}`;

/**
 * A decision interaction, or null when `i` is not one (the caller handles it as before).
 * `ack(privately)` makes the interaction's one response handle.
 */
export function parseDecisionInteraction(
  i: Interaction,
  command: string,
  ack: (i: AckedInteraction, privately: boolean) => Ack,
): DiscordDecisionInbound | null {
  if (!i.inGuild() || !i.channelId) return null;
  const channelId = i.channelId;
  const base = (a: Ack, extra: Partial<DiscordPlace> = {}) => ({
    eventId: `discord:int:${i.id}`,
    userId: `discord:${i.user.id}`,
    user: i.user.id,
    name: stripChatMarkup(i.user.displayName || i.user.username).slice(0, 80) || i.user.id,
    place: {
      channelId,
      shared: false,
      userId: i.user.id,
      ack: a,
      canManage: Boolean(
        i.memberPermissions?.any([PermissionFlagsBits.ManageThreads, PermissionFlagsBits.ManageChannels]),
      ),
      ...extra,
    } satisfies DiscordPlace,
    channelKey: channelKeyOf(channelId),
  });
  if (i.isChatInputCommand() && i.commandName === command) {
    const sub = i.options.getSubcommand(false);
    if (sub === DECISION_SUBCOMMANDS.decisions) return { ...base(ack(i, true)), request: { kind: "list" } };
    if (sub !== DECISION_SUBCOMMANDS.decide) return null;
    const topic = stripChatMarkup(i.options.getString("topic") ?? "");
    const anonymous = i.options.getBoolean("anonymous") ?? false;
    return { ...base(ack(i, false)), request: { kind: "start", topic, anonymous } };
  }
  if (i.isMessageContextMenuCommand() && i.commandName === DECIDE_MESSAGE_COMMAND) {
    const topic = stripChatMarkup(i.targetMessage.content ?? "");
    return { ...base(ack(i, false)), request: { kind: "start", topic, anonymous: false } };
  }
  if (i.isButton()) {
    const card = parseDecisionChoice(i.customId);
    if (card) {
      const request =
        card.what === "answer"
          ? { kind: "answer" as const, id: card.id }
          : { kind: "close" as const, id: card.id };
      return { ...base(ack(i, false)), request };
    }
  }
  if (!i.isButton() && !i.isStringSelectMenu()) return null;
  const form = parseFormId(i.customId);
  if (!form) return null;
  const a = ack(i, true);
  if (form.op.kind === "submit")
    return { ...base(a, { formUpdate: true }), request: { kind: "submit", id: form.id, code: form.state } };
  if (form.op.kind === "part")
    return {
      ...base(a, { formPage: form.op.part, formUpdate: true }),
      request: { kind: "answer", id: form.id, code: form.state },
    };
  if (!i.isStringSelectMenu()) return null;
  // The select's options are "Not sure" and then the question's options, in the form's order:
  // the chosen one's place is the digit of the state code.
  const value = i.values[0];
  const digit = i.component.options.findIndex((o) => o.value === value);
  const field = form.op.field;
  const code = withPick(form.state, field, Math.max(0, digit));
  return {
    ...base(a, { formPage: Math.floor(field / FIELDS_PER_PART), formUpdate: true }),
    request: { kind: "answer", id: form.id, code },
  };
}
