/**
 * Slack's side of the adapter contract: posting, private replies and edits through the Web API
 * (https://docs.slack.dev/reference/methods/chat.postMessage, chat.postEphemeral, chat.update)
 * and the event's response_url; failures narrowed by the Web API's error classes.
 */
import { type App, webApi } from "@slack/bolt";
import type { Intro, MessageEdit, PlatformFailure, Posted, Reply } from "../../src/index.js";
import { answeredMessage } from "./answered.js";
import { introMessage, renderReply, type SlackMessage } from "./blocks.js";
import { conversationKey, isDmChannel, type SlackPlace, type SlackRef } from "./parse.js";

/** Told to the asker when Slack refuses the bot a channel: how to let it in. */
export const CANNOT_POST =
  "I can't post in this conversation. Invite me with `/invite @Stackwise`, or send me a direct message.";

/** Web API errors meaning "the bot may not post here". */
const NOT_ALLOWED = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_non_threadable_channel",
  "restricted_action_thread_only_channel",
  "access_denied",
  "team_access_not_granted",
]);
/** Web API errors meaning "that message cannot be edited (any more)". */
const GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed", "msg_too_long"]);

/** The Web API half of the Slack adapter (the Bolt wiring and the lifecycle are in app.ts). */
export class SlackOutbound {
  constructor(private readonly app: App) {}

  keyOf(place: SlackPlace): string {
    if (place.privateTo) return `slack:${place.team}:${place.channel}:ephemeral:${place.privateTo}`;
    return conversationKey(place.team, place.channel, place.threadTs);
  }

  placeOf(key: string): SlackPlace | null {
    const [platform, team, channel, third, user] = key.split(":");
    if (platform !== "slack" || !team || !channel) return null;
    if (third === "ephemeral") return user ? { team, channel, privateTo: user, user } : null;
    return { team, channel, ...(third ? { threadTs: third } : {}) };
  }

  async post(place: SlackPlace, reply: Reply, intro?: Intro): Promise<Posted<SlackPlace, SlackRef>> {
    const message = renderReply(reply, intro);
    const ts = await this.postMessage(place, message);
    // A post at a channel's top level (and a DM's, when it opens a conversation) roots a thread.
    const roots = !place.threadTs && (intro !== undefined || !isDmChannel(place.channel));
    const thread = roots ? { ...place, threadTs: ts, privateTo: undefined } : place;
    return { message: { id: ts, channel: place.channel, blocks: message.blocks }, thread };
  }

  /**
   * Only the asker sees it: in a thread, chat.postEphemeral keeps it in the thread; at a
   * channel's top level a slash command's response_url works where the bot is no member. When
   * neither works, it is posted in place for all to see rather than lost.
   */
  async postPrivate(place: SlackPlace, reply: Reply): Promise<void> {
    const message = renderReply(reply);
    const viaUrl = async () => {
      if (!place.respond) return false;
      await place.respond({ response_type: "ephemeral", replace_original: false, ...message });
      return true;
    };
    const ephemeral = async () => {
      if (!place.user) return false;
      await this.app.client.chat.postEphemeral({
        channel: place.channel,
        user: place.user,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        ...webApiBody(message),
      });
      return true;
    };
    // In a thread an ephemeral response_url message would land outside it: the thread instead.
    for (const attempt of place.threadTs ? [ephemeral] : [viaUrl, ephemeral]) {
      try {
        if (await attempt()) return;
      } catch {
        // the next way, then a post in place
      }
    }
    await this.postMessage(place, message);
  }

  /** Slack refuses chat.update on an ephemeral message (message_not_found): its response_url edits it. */
  async edit(place: SlackPlace, message: SlackRef, edit: MessageEdit): Promise<void> {
    const edited = answeredMessage(message.blocks, edit.chosen, place.user);
    if (message.ephemeral) {
      await message.respond?.({ replace_original: true, ...edited });
      return;
    }
    await this.app.client.chat.update({ channel: message.channel, ts: message.id, ...webApiBody(edited) });
  }

  async openThread(place: SlackPlace, intro: Intro): Promise<SlackPlace> {
    const ts = await this.postMessage({ ...place, threadTs: undefined }, introMessage(intro));
    return { ...place, threadTs: ts, privateTo: undefined };
  }

  /** Bolt acknowledged the request already: nothing more is owed. */
  async acknowledge(): Promise<void> {}

  classify(err: unknown): PlatformFailure | null {
    if (err instanceof webApi.WebAPIPlatformError) {
      const code = err.data.error;
      if (NOT_ALLOWED.has(code)) return { kind: "not-allowed", code, hint: CANNOT_POST };
      if (GONE.has(code)) return { kind: "gone", code };
      return { kind: code === "ratelimited" ? "rate-limited" : "other", code };
    }
    if (err instanceof webApi.WebAPIRateLimitedError) return { kind: "rate-limited", code: "429" };
    if (err instanceof webApi.WebAPIHTTPError) return { kind: "other", code: String(err.statusCode) };
    if (err instanceof webApi.WebAPIRequestError) return { kind: "other", code: "request" };
    return null;
  }

  private async postMessage(place: SlackPlace, message: SlackMessage): Promise<string> {
    const posted = await this.app.client.chat.postMessage({
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      ...webApiBody(message),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!posted.ts) throw new Error("chat.postMessage returned no ts");
    return posted.ts;
  }
}

/**
 * A message for a Web API method: its blocks as the JSON string the form-encoded API takes
 * (https://docs.slack.dev/reference/methods/chat.postMessage#arg_blocks). Serialised once here:
 * given an array, the WebClient would walk it again to build a debug line it builds whatever
 * the log level, which costs more than the rest of a reply's path.
 */
function webApiBody(message: SlackMessage): SlackMessage {
  return { text: message.text, blocks: JSON.stringify(message.blocks) as unknown as SlackMessage["blocks"] };
}
