/**
 * Discord's side of team decisions (issue 13): the card edited in place (PATCH the channel
 * message), the form as ephemeral select menus (an interaction reply, or an update of the form
 * message it came from), a thread opened on the card (a thread started from a message:
 * POST /channels/{id}/messages/{id}/threads), who may close, and links to cards.
 */
import { type Client, MessageFlags, Routes } from "discord.js";
import { formOf, type Reply } from "../../src/index.js";
import { formPart } from "./decision-form.js";
import type { DiscordPlace, DiscordRef } from "./parse.js";
import { renderReply, truncate } from "./render.js";

const NO_PINGS_API = { parse: [] };

/** The REST and interaction calls of team decisions. */
export class DiscordDecisions {
  constructor(private readonly client: Client) {}

  /** Edits the card (its buttons go once the reply has none). */
  async replace(channelKey: string, messageId: string, reply: Reply): Promise<void> {
    const channelId = channelKey.split(":")[1] ?? "";
    await this.client.rest.patch(Routes.channelMessage(channelId, messageId), {
      body: { ...renderReply(reply), allowed_mentions: NO_PINGS_API },
    });
  }

  /**
   * Shows a part of the form: as the interaction's ephemeral reply (a click on the card), or in
   * place of the form message a "Next" or a select came from; once the interaction was
   * deferred, as its edit or an ephemeral follow-up.
   */
  async openForm(place: DiscordPlace, reply: Reply): Promise<void> {
    const form = formOf(reply);
    const ack = place.ack;
    if (!form || !ack) throw new Error("a decision form needs a form block and an interaction");
    const message = formPart(form, place.formPage ?? 0);
    const i = ack.interaction;
    const state = await ack.settle();
    const update = place.formUpdate === true && i.isMessageComponent();
    if (state === "open") {
      if (update) await i.update({ content: message.content, components: message.components });
      else await i.reply({ ...message, allowedMentions: { parse: [] } });
    } else if (update) await i.editReply({ content: message.content, components: message.components });
    else await i.followUp({ ...message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    ack.done();
  }

  /**
   * Answers a click on a form (its submission) in place of the form message: the form's menus
   * and buttons go, the answer (thanks, "this decision is closed") shows instead. Where the
   * interaction can no longer update it, an ephemeral follow-up says it.
   */
  async closeForm(place: DiscordPlace, reply: Reply): Promise<void> {
    const ack = place.ack;
    if (!ack) throw new Error("a form's answer needs its interaction");
    const { embeds } = renderReply(reply);
    const i = ack.interaction;
    const state = await ack.settle();
    if (state === "open" && i.isMessageComponent()) await i.update({ content: "", embeds, components: [] });
    else if (state === "deferred") await i.editReply({ content: "", embeds, components: [] });
    else await i.followUp({ embeds, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    ack.done();
  }

  /** A thread on the card; where none can be made (no permission), the card's channel itself. */
  async threadOn(place: DiscordPlace, message: DiscordRef, name: string): Promise<DiscordPlace> {
    try {
      const thread = (await this.client.rest.post(Routes.threads(message.channelId, message.id), {
        body: { name: truncate(name || "Team decision", 100), auto_archive_duration: 10080 },
      })) as { id: string };
      return { channelId: thread.id, shared: true, userId: place.userId };
    } catch {
      return { channelId: message.channelId, shared: true, userId: place.userId };
    }
  }

  /** Manage Threads or Manage Channels, as the interaction's member permissions say. */
  async mayClose(place: DiscordPlace): Promise<boolean> {
    return place.canManage === true;
  }

  /** https://discord.com/channels/<guild>/<channel>/<message>. */
  async linkTo(channelKey: string, messageId: string): Promise<string | null> {
    const channelId = channelKey.split(":")[1] ?? "";
    const channel = this.client.channels.cache.get(channelId);
    const guildId = channel && "guildId" in channel ? channel.guildId : null;
    return guildId ? `https://discord.com/channels/${guildId}/${channelId}/${messageId}` : null;
  }
}
