/**
 * Slack payloads of team decisions (issue 13) to the decision desk's events, read with zod:
 * `/stackwise decide [anonymous] [topic]` and `/stackwise decisions` (slash command), the message
 * shortcut "Decide this with Stackwise" (https://docs.slack.dev/interactivity/implementing-shortcuts,
 * payload type `message_action`), clicks on the card's buttons (`block_actions`, with the
 * `trigger_id` a modal needs) and the modal's `view_submission`
 * (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload).
 */
import type { RespondFn } from "@slack/bolt";
import { z } from "zod";
import { type DecisionInbound, parseDecisionChoice } from "../../src/index.js";
import { stripChatMarkup } from "../shared/markup.js";
import { decodeSlackEntities } from "./mrkdwn.js";
import { type SlackPlace, slackUserId } from "./parse.js";

/** The message shortcut's callback id (manifest.yml). */
export const DECIDE_SHORTCUT = "stackwise_decide";
/** The modal's callback id. */
export const DECISION_VIEW = "stackwise_decision";

/** A Slack decision event for the dispatcher. */
export type SlackDecisionInbound = DecisionInbound<SlackPlace>;

/** The channel's key: the card's place and its list of records. */
export const channelKeyOf = (team: string, channel: string) => `slack:${team}:${channel}`;

/** A display name fit for the card: markup gone, at most 80 characters. */
const displayName = (name: string | undefined, id: string) =>
  (stripChatMarkup(decodeSlackEntities(name ?? "")).slice(0, 80) || id).trim();

/** True for `/stackwise decide …` and `/stackwise decisions`: the decision desk's, not the engine's. */
export const isDecisionCommand = (text: string) => /^\s*(decide|decisions)\b/i.test(text);

const command = z.object({
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  user_name: z.string().optional(),
  text: z.string().default(""),
  trigger_id: z.string(),
});

/** `/stackwise decide [anonymous] [topic]` starts a decision; `/stackwise decisions` lists records. */
export function parseDecisionCommand(
  raw: unknown,
  respond: RespondFn | undefined,
): SlackDecisionInbound | null {
  const c = command.safeParse(raw);
  if (!c.success) return null;
  const { team_id: team, channel_id: channel, user_id: user } = c.data;
  const text = decodeSlackEntities(c.data.text).trim();
  const [verb = "", ...rest] = text.split(/\s+/);
  const place: SlackPlace = { team, channel, user, ...(respond ? { respond } : {}) };
  const base = {
    eventId: `slack-command:${c.data.trigger_id}`,
    userId: slackUserId(team, user),
    user,
    name: displayName(c.data.user_name, user),
    place,
    channelKey: channelKeyOf(team, channel),
  };
  if (verb.toLowerCase() === "decisions") return { ...base, request: { kind: "list" } };
  const anonymous = rest[0]?.toLowerCase() === "anonymous";
  const topic = stripChatMarkup((anonymous ? rest.slice(1) : rest).join(" "));
  return { ...base, request: { kind: "start", topic, anonymous } };
}

const user = z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() });

const shortcut = z.object({
  type: z.literal("message_action"),
  callback_id: z.string(),
  trigger_id: z.string(),
  team: z.object({ id: z.string() }),
  user,
  channel: z.object({ id: z.string() }),
  message: z.object({ ts: z.string(), text: z.string().default("") }),
});

/** The message shortcut: the message's text becomes the topic; the card goes in its channel. */
export function parseDecideShortcut(raw: unknown): SlackDecisionInbound | null {
  const s = shortcut.safeParse(raw);
  if (!s.success) return null;
  const team = s.data.team.id;
  const channel = s.data.channel.id;
  return {
    eventId: `slack-shortcut:${s.data.trigger_id}`,
    userId: slackUserId(team, s.data.user.id),
    user: s.data.user.id,
    name: displayName(s.data.user.username ?? s.data.user.name, s.data.user.id),
    place: { team, channel, user: s.data.user.id, triggerId: s.data.trigger_id },
    channelKey: channelKeyOf(team, channel),
    request: {
      kind: "start",
      topic: stripChatMarkup(decodeSlackEntities(s.data.message.text)),
      anonymous: false,
    },
  };
}

const click = z.object({
  trigger_id: z.string(),
  team: z.object({ id: z.string() }).nullish(),
  user,
  channel: z.object({ id: z.string() }),
  container: z.object({ message_ts: z.string().optional(), thread_ts: z.string().optional() }).default({}),
  message: z.object({ ts: z.string() }).optional(),
});
const clickAction = z.object({ value: z.string(), action_ts: z.string().default("") });

/** A click on the card's "Add my answers" or "Close"; null for any other click. */
export function parseDecisionClick(
  body: unknown,
  action: unknown,
  teamId: string | undefined,
): SlackDecisionInbound | null {
  const a = clickAction.safeParse(action);
  const choice = a.success ? parseDecisionChoice(a.data.value) : null;
  const b = click.safeParse(body);
  if (!choice || !b.success || !a.success) return null;
  const team = b.data.team?.id ?? teamId ?? "";
  const channel = b.data.channel.id;
  const cardTs = b.data.container.message_ts ?? b.data.message?.ts ?? "";
  return {
    eventId: `slack-action:${channel}:${cardTs}:${b.data.user.id}:${a.data.action_ts}`,
    userId: slackUserId(team, b.data.user.id),
    user: b.data.user.id,
    name: displayName(b.data.user.username ?? b.data.user.name, b.data.user.id),
    // Private notices about the card land in its thread, where the team talks.
    place: { team, channel, user: b.data.user.id, threadTs: cardTs, triggerId: b.data.trigger_id },
    channelKey: channelKeyOf(team, channel),
    request: choice.what === "answer" ? { kind: "answer", id: choice.id } : { kind: "close", id: choice.id },
  };
}

/** What the modal carries from the click to its submission (private_metadata). */
export const viewMetadata = z.object({
  id: z.string(),
  team: z.string(),
  channel: z.string(),
  thread: z.string(),
});

const submission = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user,
  view: z.object({
    id: z.string(),
    hash: z.string().default(""),
    callback_id: z.literal(DECISION_VIEW),
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(z.string(), z.object({ selected_option: z.object({ value: z.string() }).nullish() })),
      ),
    }),
  }),
});

/**
 * The modal submitted: one select per question (block_id = question id), unselected = "not
 * sure". A retried delivery has the same view id and hash, so it counts once.
 */
export function parseDecisionSubmission(body: unknown): SlackDecisionInbound | null {
  const s = submission.safeParse(body);
  if (!s.success) return null;
  let meta: z.infer<typeof viewMetadata>;
  try {
    const parsed = viewMetadata.safeParse(JSON.parse(s.data.view.private_metadata));
    if (!parsed.success) return null;
    meta = parsed.data;
  } catch {
    return null;
  }
  const answers: Record<string, string> = {};
  for (const [question, fields] of Object.entries(s.data.view.state.values)) {
    const chosen = Object.values(fields)[0]?.selected_option?.value;
    if (chosen) answers[question] = chosen;
  }
  return {
    eventId: `slack-view:${s.data.view.id}:${s.data.view.hash}`,
    userId: slackUserId(meta.team, s.data.user.id),
    user: s.data.user.id,
    name: displayName(s.data.user.username ?? s.data.user.name, s.data.user.id),
    place: { team: meta.team, channel: meta.channel, user: s.data.user.id, threadTs: meta.thread },
    channelKey: channelKeyOf(meta.team, meta.channel),
    request: { kind: "submit", id: meta.id, answers },
  };
}
