/**
 * Discord events to turns. A thread or a DM is one conversation; a question at a guild channel's
 * top level belongs to that asker's conversation there (keyed by channel and user), so people
 * asking at once in one channel never wait for each other.
 */

import {
  type APIEmbed,
  type ButtonInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  ComponentType,
  type Message,
  type StringSelectMenuInteraction,
} from "discord.js";
import { choiceInput, type Inbound, type MessageRef, textInput } from "../../src/index.js";
import { stripChatMarkup } from "../shared/markup.js";
import type { Ack } from "./ack.js";
import { COMPARE_OPTIONS, SUBCOMMANDS } from "./commands.js";
import { SELECT_PREFIX } from "./render.js";

/** Where a Discord turn happens and how to answer there. */
export interface DiscordPlace {
  channelId: string;
  /** A thread or a DM: one conversation for everyone in it. Otherwise one per asker. */
  shared: boolean;
  /** The asker. */
  userId: string;
  /** A conversation of this user's alone (the help command, answered privately). */
  privateTo?: string;
  /** The user's message a reply answers (a mention outside DMs). */
  replyTo?: string;
  /** The interaction to respond to, when the event is one. */
  ack?: Ack;
  /** A guild text or announcement channel: a recommendation can open a thread there. */
  threadable?: boolean;
  /** Team decisions: the member may close anyone's decision (Manage Threads or Manage Channels). */
  canManage?: boolean;
  /** Team decisions: the part of the form to show, and whether it replaces the clicked form message. */
  formPage?: number;
  formUpdate?: boolean;
}

/** A message the bot posted (or one clicked), with what it showed, so an edit keeps it. */
export interface DiscordRef extends MessageRef {
  channelId: string;
  content: string;
  embeds: APIEmbed[];
}

/** A Discord turn for the dispatcher. */
export type DiscordInbound = Inbound<DiscordPlace, DiscordRef>;

/** discord:<thread or DM>, discord:<channel>:<user> at a channel's top level, discord:help:<user>. */
export function conversationKey(
  place: Pick<DiscordPlace, "channelId" | "shared" | "userId" | "privateTo">,
): string {
  if (place.privateTo) return `discord:help:${place.privateTo}`;
  return place.shared ? `discord:${place.channelId}` : `discord:${place.channelId}:${place.userId}`;
}

/** The place a key names (without any interaction or message to reply to). */
export function placeOfKey(key: string): DiscordPlace | null {
  const [platform, channelId, userId] = key.split(":");
  if (platform !== "discord" || !channelId || !/^\d+$/.test(userId ?? "0")) return null;
  if (channelId === "help")
    return userId ? { channelId: "", shared: false, userId, privateTo: userId } : null;
  return userId ? { channelId, shared: false, userId } : { channelId, shared: true, userId: "" };
}

/** What a message says to the bot, or null when it is not for the bot or says nothing. */
export function parseMessage(
  message: Message,
  me: string,
  botRoleId: string | undefined,
): DiscordInbound | null {
  const isDm = message.channel.type === ChannelType.DM || !message.inGuild();
  const mentioned =
    message.mentions.users.has(me) || (botRoleId !== undefined && message.mentions.roles.has(botRoleId));
  const inThread = message.channel.isThread();
  if (!isDm && !mentioned && !inThread) return null;
  // A bare mention asks what the bot can do; a message with no text at all (an image, a
  // sticker, any message without the Message Content intent) says nothing.
  const typed = stripMentions(message.content, me, botRoleId).trim();
  const text = typed || (message.content.trim() && mentioned ? "help" : "");
  return {
    eventId: `discord:msg:${message.id}`,
    userId: `discord:${message.author.id}`,
    place: {
      channelId: message.channelId,
      shared: isDm || inThread,
      userId: message.author.id,
      ...(mentioned && !isDm ? { replyTo: message.id } : {}),
    },
    input: textInput(text),
    onlyIfActive: !isDm && !mentioned,
  };
}

/** `/stackwise …`: ask and compare answer in place; recommend opens a thread; help is private. */
export function parseCommand(i: ChatInputCommandInteraction, ack: Ack): DiscordInbound {
  const user = i.user.id;
  const shared = i.channel?.isThread() === true || !i.inGuild();
  const place: DiscordPlace = { channelId: i.channelId, shared, userId: user, ack };
  const base = { eventId: `discord:int:${i.id}`, userId: `discord:${user}`, place };
  const sub = i.options.getSubcommand(false);
  if (sub === SUBCOMMANDS.ask) return { ...base, input: textInput(i.options.getString("question") ?? "") };
  if (sub === SUBCOMMANDS.compare) {
    const [first, second, aspect] = [
      COMPARE_OPTIONS.first,
      COMPARE_OPTIONS.second,
      COMPARE_OPTIONS.aspect,
    ].map((name) => i.options.getString(name)?.trim() ?? "");
    return { ...base, input: textInput(`compare ${first} and ${second}${aspect ? ` ${aspect}` : ""}`) };
  }
  if (sub === SUBCOMMANDS.recommend) {
    const description = i.options.getString("description")?.trim() ?? "";
    const threadable =
      i.inGuild() &&
      (i.channel?.type === ChannelType.GuildText || i.channel?.type === ChannelType.GuildAnnouncement);
    return {
      ...base,
      place: { ...place, threadable },
      input: textInput(description ? `recommend ${description}` : "recommend"),
      opens: "thread",
      intro: { user, says: "asked for a recommendation", text: description },
    };
  }
  // Help, and any subcommand this version does not know: what the bot can do, privately.
  return { ...base, place: { ...place, privateTo: user }, input: textInput("help"), private: true };
}

/** A click on a button or a choice in a menu of a question the bot posted. */
export function parseClick(
  i: ButtonInteraction | StringSelectMenuInteraction,
  ack: Ack,
): DiscordInbound | null {
  const choiceId = i.isStringSelectMenu() ? i.values[0] : i.customId;
  if (!choiceId || (i.isButton() && i.customId.startsWith(SELECT_PREFIX))) return null;
  const shared = i.channel?.isThread() === true || !i.inGuild();
  return {
    eventId: `discord:int:${i.id}`,
    userId: `discord:${i.user.id}`,
    place: { channelId: i.channelId, shared, userId: i.user.id, ack },
    input: choiceInput(choiceId),
    clicked: {
      message: {
        id: i.message.id,
        channelId: i.message.channelId,
        content: i.message.content,
        embeds: i.message.embeds.map((e) => e.toJSON() as APIEmbed),
      },
      label: chosenLabel(i, choiceId),
    },
  };
}

/** Removes mentions of the bot (user or its managed role) from typed text. */
export function stripMentions(content: string, botId: string, botRoleId?: string): string {
  // indexOf and slices rather than replaceAll or a regular expression: this runs on every message,
  // when the process is cold from waiting for it, and those paths cost more than the loop then.
  let text = cut(cut(content, `<@${botId}>`), `<@!${botId}>`);
  if (botRoleId) text = cut(text, `<@&${botRoleId}>`);
  // Other people's mentions, channels and custom emoji mean nothing to the engine either.
  if (text.includes("<")) text = stripChatMarkup(text);
  const trimmed = text.trim();
  return singleSpaced(trimmed) ? trimmed : text.replace(/\s+/g, " ").trim();
}

/** `text` with every occurrence of `tag` replaced by a space. */
function cut(text: string, tag: string): string {
  let out = text;
  for (let at = out.indexOf(tag); at >= 0; at = out.indexOf(tag, at)) {
    out = `${out.slice(0, at)} ${out.slice(at + tag.length)}`;
  }
  return out;
}

/** Printable ASCII without double spaces: collapsing whitespace would change nothing. */
function singleSpaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126 || (c === 32 && text.charCodeAt(i + 1) === 32)) return false;
  }
  return true;
}

/** The label of the button or option the user picked, as shown on the message. */
function chosenLabel(i: ButtonInteraction | StringSelectMenuInteraction, choiceId: string): string {
  for (const row of i.message.components) {
    const json = row.toJSON();
    if (json.type !== ComponentType.ActionRow) continue;
    for (const c of json.components) {
      if (c.type === ComponentType.Button && "custom_id" in c && c.custom_id === choiceId && c.label)
        return c.label;
      if (c.type === ComponentType.StringSelect && c.custom_id === i.customId) {
        const option = c.options.find((o) => o.value === choiceId);
        if (option) return option.label;
      }
    }
  }
  return choiceId;
}
