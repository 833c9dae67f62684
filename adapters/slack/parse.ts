/**
 * Slack payloads to turns. Each parser reads only the fields it names in its zod schema and
 * returns null for a payload without them (logged by the caller, never answered).
 * Payload shapes: https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
 * https://docs.slack.dev/interactivity/implementing-slash-commands, Events API app_mention/message.
 */

import type { RespondFn } from "@slack/bolt";
import { z } from "zod";
import { choiceInput, type Inbound, type MessageRef, textInput } from "../../src/index.js";
import { shortcodesToEmoji } from "../shared/emoji.js";
import { stripChatMarkup } from "../shared/markup.js";
import { ACTION_PREFIX, type SlackBlock } from "./blocks.js";
import { parseSlashCommand } from "./commands.js";
import { decodeSlackEntities } from "./mrkdwn.js";

/** Where a Slack turn happens and how to answer there. */
export interface SlackPlace {
  team: string;
  channel: string;
  /** The conversation's thread; none at a DM's top level (or a channel's, before a post roots one). */
  threadTs?: string;
  /** The asker: private replies go to them, intros mention them. */
  user?: string;
  /** A conversation of this user's alone (a help command they ran privately). */
  privateTo?: string;
  /** Bolt's respond() for the event's response_url: private replies where the bot is no member. */
  respond?: RespondFn;
  /** The interaction's trigger_id, which opens a modal (views.open) within 3 s of the click. */
  triggerId?: string;
}

/** A message the bot posted (or one that was clicked), with the blocks an edit starts from. */
export interface SlackRef extends MessageRef {
  channel: string;
  blocks: SlackBlock[];
  /** Shown to one user only: Slack refuses chat.update on it; response_url edits it. */
  ephemeral?: boolean;
  respond?: RespondFn;
}

/** A Slack turn for the dispatcher. */
export type SlackInbound = Inbound<SlackPlace, SlackRef>;

/** One conversation per thread; a DM's top level is one conversation too. */
export function conversationKey(team: string, channel: string, threadTs?: string): string {
  return threadTs ? `slack:${team}:${channel}:${threadTs}` : `slack:${team}:${channel}`;
}

/** Direct-message conversation ids start with D. */
export const isDmChannel = (channel: string) => channel.startsWith("D");

/** Who did something, namespaced for rate limits: "slack:T1:U1". */
export const slackUserId = (team: string, user: string) => `slack:${team}:${user}`;

/**
 * The user's words for the engine: mentions and links removed (the bot's and anyone's), emoji
 * shortcodes made emoji (":+1:" is a reaction), Slack's entity encoding undone.
 */
export function cleanUserText(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ") : text;
  return decodeSlackEntities(shortcodesToEmoji(stripChatMarkup(withoutBot)))
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the text mentions the bot (`<@UBOT>` or `<@UBOT|name>`). */
export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return Boolean(botUserId) && text.includes(`<@${botUserId}`);
}

const commandSchema = z.object({
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  text: z.string().default(""),
  trigger_id: z.string().optional(),
});

/**
 * `/stackwise …`: help is answered privately; a question's answer becomes a new message in the
 * channel (its thread holds the follow-ups); a recommendation opens a thread for its questions.
 */
export function parseCommand(raw: unknown, respond: RespondFn | undefined): SlackInbound | null {
  const c = commandSchema.safeParse(raw);
  if (!c.success) return null;
  const { team_id: team, channel_id: channel, user_id: user } = c.data;
  // Slack encodes &, < and > in the command text as in messages: decoded once, here.
  const request = parseSlashCommand(decodeSlackEntities(c.data.text));
  const base = {
    eventId: `slack-command:${c.data.trigger_id ?? `${channel}:${user}:${Date.now()}`}`,
    userId: slackUserId(team, user),
    input: textInput(request.engineText),
  };
  const place: SlackPlace = { team, channel, user, ...(respond ? { respond } : {}) };
  if (request.kind === "help") return { ...base, place: { ...place, privateTo: user }, private: true };
  if (request.kind === "ask") {
    return { ...base, place, opens: "answer", intro: { user, says: "asked", text: request.question } };
  }
  const intro = { user, says: "asked for a recommendation", text: request.description };
  return { ...base, place, opens: "thread", intro };
}

const eventSchema = z.object({
  channel: z.string(),
  user: z.string(),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
});

interface EventMeta {
  team: string;
  eventId: string | undefined;
  retryNum: number | undefined;
  botUserId: string | undefined;
}

/** @Stackwise in a channel: answered in a thread of that message; a bare mention asks for help. */
export function parseMention(raw: unknown, meta: EventMeta): SlackInbound | null {
  const e = eventSchema.safeParse(raw);
  if (!e.success || !meta.eventId) return null;
  const threadTs = e.data.thread_ts ?? e.data.ts;
  return {
    eventId: meta.eventId,
    retryNum: meta.retryNum,
    userId: slackUserId(meta.team, e.data.user),
    place: { team: meta.team, channel: e.data.channel, threadTs, user: e.data.user },
    input: textInput(cleanUserText(e.data.text, meta.botUserId) || "help"),
  };
}

/** A DM, or a reply in a thread the bot takes part in (others are ignored by the dispatcher). */
export function parseMessage(raw: unknown, meta: EventMeta): SlackInbound | null {
  const e = eventSchema.safeParse(raw);
  if (!e.success || !meta.eventId) return null;
  const dm = e.data.channel_type === "im";
  if (!dm && !e.data.thread_ts) return null;
  return {
    eventId: meta.eventId,
    retryNum: meta.retryNum,
    userId: slackUserId(meta.team, e.data.user),
    place: { team: meta.team, channel: e.data.channel, threadTs: e.data.thread_ts, user: e.data.user },
    input: textInput(cleanUserText(e.data.text, meta.botUserId)),
    onlyIfActive: !dm,
  };
}

const text = z.object({ text: z.string() });
const actionSchema = z.object({
  type: z.string(),
  action_id: z.string().startsWith(ACTION_PREFIX),
  action_ts: z.string().default(""),
  value: z.string().optional(),
  text: text.optional(),
  selected_option: z.object({ value: z.string(), text }).optional(),
});
/** A block_actions payload's fields a click needs (also read by feedback.ts). */
export const clickSchema = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).nullish(),
  container: z
    .object({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .default({}),
  message: z
    .object({ ts: z.string(), thread_ts: z.string().optional(), blocks: z.array(z.any()).default([]) })
    .optional(),
});

/**
 * A click on a choice. On a message shown to the clicker alone (an ephemeral help), Slack has no
 * message to update: the choice opens a thread of its own, and the ephemeral is edited through
 * its response_url.
 */
export function parseClick(
  body: unknown,
  action: unknown,
  respond: RespondFn | undefined,
  teamId: string | undefined,
): SlackInbound | null {
  const b = clickSchema.safeParse(body);
  const a = actionSchema.safeParse(action);
  if (!b.success || !a.success) return null;
  const chosen = a.data.selected_option ?? (a.data.value ? { value: a.data.value, text: a.data.text } : null);
  const channel = b.data.channel?.id ?? b.data.container.channel_id;
  const messageTs = b.data.container.message_ts ?? b.data.message?.ts;
  if (!chosen || !channel || !messageTs) return null;
  const team = b.data.team?.id ?? teamId ?? "";
  const user = b.data.user.id;
  const label = decodeSlackEntities(chosen.text?.text ?? chosen.value);
  const ephemeral = b.data.container.is_ephemeral === true;
  const threadTs = b.data.message?.thread_ts ?? b.data.container.thread_ts;
  // A question at a DM's top level belongs to the DM conversation; anywhere else, to its thread.
  const rootTs = threadTs ?? (ephemeral || isDmChannel(channel) ? undefined : messageTs);
  const place: SlackPlace = { team, channel, threadTs: rootTs, user, ...(respond ? { respond } : {}) };
  const message: SlackRef = {
    id: messageTs,
    channel,
    blocks: (b.data.message?.blocks ?? []) as SlackBlock[],
    ...(ephemeral ? { ephemeral, ...(respond ? { respond } : {}) } : {}),
  };
  return {
    eventId: `slack-action:${channel}:${messageTs}:${a.data.action_ts}`,
    userId: slackUserId(team, user),
    place,
    input: choiceInput(chosen.value),
    clicked: { message, label },
    ...(ephemeral && !threadTs
      ? { opens: "thread" as const, intro: { user, says: "chose", text: label } }
      : {}),
  };
}
