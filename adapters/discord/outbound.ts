/**
 * Discord's side of the adapter contract. An interaction gets its one response through
 * discord.js (reply, update, or the edit of a deferral); everything else, and everything once
 * the interaction can no longer be answered, goes to the channel through REST with the bot token
 * (https://discord.com/developers/docs/resources/message#create-message). Failures are narrowed
 * by discord.js's error classes.
 */
import {
  type APIMessage,
  type Client,
  DiscordAPIError,
  HTTPError,
  MessageFlags,
  type MessageMentionOptions,
  RateLimitError,
  RESTJSONErrorCodes,
  Routes,
} from "discord.js";
import type { Intro, MessageEdit, PlatformFailure, Posted, Reply } from "../../src/index.js";
import type { DiscordPlace, DiscordRef } from "./parse.js";
import { answeredMessage, type DiscordMessage, renderNotice, renderReply, truncate } from "./render.js";

/** Nothing the bot posts may ping anyone, even when it echoes a user's @everyone or a role. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };
const NO_PINGS_API = { parse: [], replied_user: false };

/** The reply to /stackwise recommend, from which the recommendation's thread starts. */
export const RECOMMEND_INTRO = "Let's find the right fit. I'll ask a few questions in the thread below.";
const CANNOT_POST =
  "I can't post in that channel. Ask an admin to let me view it and send messages (and embed links) there.";

/** Codes meaning the interaction or message can no longer be answered or edited. */
const GONE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownWebhook,
]);
const NOT_ALLOWED = new Set<number | string>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
]);

/** Posts, private replies, edits and threads, through the interaction or the channel. */
export class DiscordOutbound {
  constructor(private readonly client: Client) {}

  async post(place: DiscordPlace, reply: Reply): Promise<Posted<DiscordPlace, DiscordRef>> {
    return { message: await this.respondOrSend(place, renderReply(reply)), thread: place };
  }

  /** Ephemeral through the interaction when there is one still answerable; else posted in place. */
  async postPrivate(place: DiscordPlace, reply: Reply): Promise<void> {
    const edited = { ...renderReply(reply), allowedMentions: NO_PINGS };
    const payload = { ...edited, flags: MessageFlags.Ephemeral as const };
    const ack = place.ack;
    if (ack) {
      const state = await ack.settle();
      const i = ack.interaction;
      const done = await this.gone(place, async () => {
        if (state === "open") await i.reply(payload);
        else if (state === "deferred" && !ack.isClick && ack.privately) await i.editReply(edited);
        else if (state === "deferred" || state === "done") {
          await i.followUp(payload);
          // A public "thinking…" must not stay behind a private answer.
          if (state === "deferred" && !ack.isClick) await i.deleteReply().catch(() => {});
        } else return undefined;
        return true;
      });
      if (done) return;
    }
    await this.send(place.channelId, renderReply(reply), place.replyTo);
  }

  /** A clicked question through its interaction (update); anything else through the channel. */
  async edit(place: DiscordPlace, message: DiscordRef, edit: MessageEdit): Promise<void> {
    const body = answeredMessage(message, edit.chosen);
    const ack = place.ack;
    if (ack?.isClick && ack.interaction.isMessageComponent() && ack.interaction.message.id === message.id) {
      const i = ack.interaction;
      const state = await ack.settle();
      const done = await this.gone(place, async () => {
        if (state === "open") await i.update(body);
        else if (state === "deferred") await i.editReply(body);
        else return undefined;
        return true;
      });
      if (done) return;
    }
    await this.client.rest.patch(Routes.channelMessage(message.channelId, message.id), {
      body: apiBody(body),
    });
  }

  /** A recommendation's thread, started from the command's reply; where none can be, the channel itself. */
  async openThread(place: DiscordPlace, intro: Intro): Promise<DiscordPlace> {
    const ack = place.ack;
    if (!place.threadable || !ack) return place;
    const starter = await this.respondOrSend(place, renderNotice(RECOMMEND_INTRO));
    const name = truncate(
      `Recommendation for ${ack.interaction.user.displayName || intro.user || "you"}`,
      100,
    );
    try {
      const thread = (await this.client.rest.post(Routes.threads(place.channelId, starter.id), {
        body: { name, auto_archive_duration: 1440 },
      })) as { id: string };
      return { channelId: thread.id, shared: true, userId: place.userId };
    } catch (err) {
      // No permission to create threads (or an old channel type): the flow runs right here.
      if (this.classify(err)) return { ...place, threadable: false };
      throw err;
    }
  }

  /** A user over the rate limit was told once already: the interaction is closed quietly. */
  async acknowledge(place: DiscordPlace): Promise<void> {
    const ack = place.ack;
    if (!ack) return;
    const state = await ack.settle();
    const i = ack.interaction;
    await this.gone(place, async () => {
      if (state === "open" && i.isMessageComponent()) await i.deferUpdate();
      else if (state === "open") await i.reply({ content: "…", flags: MessageFlags.Ephemeral });
      else if (state === "deferred" && !ack.isClick) await i.deleteReply();
      return true;
    });
  }

  classify(err: unknown): PlatformFailure | null {
    if (err instanceof RateLimitError) return { kind: "rate-limited", code: "429" };
    if (err instanceof DiscordAPIError) {
      const code = String(err.code);
      if (GONE.has(err.code)) return { kind: "gone", code };
      if (NOT_ALLOWED.has(err.code)) return { kind: "not-allowed", code, hint: CANNOT_POST };
      return { kind: err.status === 429 ? "rate-limited" : "other", code };
    }
    if (err instanceof HTTPError)
      return { kind: err.status === 429 ? "rate-limited" : "other", code: String(err.status) };
    return null;
  }

  /**
   * Runs an interaction response; when Discord says the interaction is gone (expired, already
   * answered), marks it dead and returns undefined so the caller falls back to the channel.
   */
  private async gone<T>(place: DiscordPlace, respond: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      const result = await respond();
      if (result !== undefined) place.ack?.done();
      return result;
    } catch (err) {
      if (this.classify(err)?.kind !== "gone") throw err;
      place.ack?.dead();
      return undefined;
    }
  }

  /**
   * The interaction's response when it still has none (or the edit of a command's deferral);
   * otherwise a message in the channel, a reply to the user's message when there is one.
   */
  private async respondOrSend(place: DiscordPlace, payload: DiscordMessage): Promise<DiscordRef> {
    const ack = place.ack;
    if (ack) {
      const state = await ack.settle();
      const i = ack.interaction;
      const sent = await this.gone(place, async () => {
        if (state === "open") {
          const res = await i.reply({ ...payload, allowedMentions: NO_PINGS, withResponse: true });
          const id = res.resource?.message?.id ?? res.interaction.responseMessageId ?? "";
          return { id, channelId: res.resource?.message?.channelId ?? i.channelId ?? place.channelId };
        }
        if (state === "deferred" && !ack.isClick)
          return i.editReply({ ...payload, allowedMentions: NO_PINGS });
        return undefined;
      });
      if (sent) return ref(sent.id, sent.channelId, payload);
    }
    const sent = await this.send(place.channelId, payload, place.replyTo);
    return ref(sent.id, sent.channel_id, payload);
  }

  private async send(channelId: string, payload: DiscordMessage, replyTo?: string): Promise<APIMessage> {
    const body = {
      ...apiBody(payload),
      ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}),
    };
    return (await this.client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  }
}

/** A message body as the REST API takes it, pinging nobody. */
function apiBody(payload: DiscordMessage) {
  return { ...payload, allowed_mentions: NO_PINGS_API };
}

function ref(id: string, channelId: string, payload: DiscordMessage): DiscordRef {
  return { id, channelId, content: payload.content ?? "", embeds: payload.embeds };
}
