/**
 * Slack's event filters as Bolt middleware (after bolt-js src/middleware/builtin.ts): each drops
 * what the bot must not answer and calls next() for the rest.
 */
import type { Middleware, SlackEventMiddlewareArgs } from "@slack/bolt";
import { mentionsBot } from "./parse.js";

/** The fields of a message event these filters read. */
interface MessageFields {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  edited?: unknown;
  channel_type?: string;
}

/** Message subtypes that are still a person writing something new. */
const PERSON_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share"]);

/** Drops bots (this one included), edits, deletions, joins and every other non-person subtype. */
export const onlyPeople: Middleware<SlackEventMiddlewareArgs<"message" | "app_mention">> = async ({
  event,
  next,
}) => {
  const m = event as MessageFields;
  if (!PERSON_SUBTYPES.has(m.subtype) || m.bot_id || !m.user || m.edited) return;
  await next();
};

/** Outside DMs a mention of the bot also arrives as app_mention: only that copy is answered. */
export const notAlsoAMention: Middleware<SlackEventMiddlewareArgs<"message">> = async ({
  event,
  context,
  next,
}) => {
  const m = event as MessageFields;
  if (m.channel_type !== "im" && mentionsBot(m.text ?? "", context.botUserId)) return;
  await next();
};
