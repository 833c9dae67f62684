/**
 * Feedback on Slack: the "Helpful" / "Not helpful" buttons in an answer's last block, the
 * "What was wrong?" button of the private thanks, and its modal. Clicks and submissions go to the
 * dispatcher (Dispatcher.feedback).
 * - Buttons: https://docs.slack.dev/reference/block-kit/block-elements/button-element
 * - Modals: views.open with the click's trigger_id (valid 3 s),
 *   https://docs.slack.dev/reference/methods/views.open; the submission arrives as a
 *   view_submission payload and is acknowledged with an empty ack() (which closes the modal),
 *   https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload
 */
import type { App, RespondFn, types } from "@slack/bolt";
import { z } from "zod";
import {
  type ErrorSink,
  type FeedbackInbound,
  FEEDBACK_LABELS as LABELS,
  NOTE_MAX,
} from "../../src/index.js";
import { FEEDBACK_PREFIX, HELPFUL_ACTION, NOT_HELPFUL_ACTION, NOTE_ACTION } from "./feedback-blocks.js";
import { clickSchema, type SlackPlace, slackUserId } from "./parse.js";

/** The modal's callback_id, and its input's block and action ids. */
export const NOTE_CALLBACK = "stackwise_feedback_note";
export const NOTE_BLOCK = "note";
export const NOTE_INPUT = "text";

/** Where the thanks for a submitted note go, carried in the modal's private_metadata. */
const metadataSchema = z.object({ a: z.string().min(1).max(64), c: z.string(), t: z.string().optional() });

/** The "What was wrong?" modal for one answer. */
export function noteModal(answerId: string, channel: string, threadTs: string | undefined): types.View {
  return {
    type: "modal",
    callback_id: NOTE_CALLBACK,
    private_metadata: JSON.stringify({ a: answerId, c: channel, ...(threadTs ? { t: threadTs } : {}) }),
    title: { type: "plain_text", text: LABELS.noteTitle },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: NOTE_BLOCK,
        optional: true,
        label: { type: "plain_text", text: LABELS.note },
        hint: { type: "plain_text", text: LABELS.noteHint },
        element: {
          type: "plain_text_input",
          action_id: NOTE_INPUT,
          multiline: true,
          max_length: NOTE_MAX,
        },
      },
    ],
  };
}

/** A choice click's fields, and the trigger_id a modal opens with (valid 3 s). */
const feedbackClickSchema = clickSchema.extend({ trigger_id: z.string().optional() });
const actionSchema = z.object({
  action_id: z.string().startsWith(FEEDBACK_PREFIX),
  action_ts: z.string().default(""),
  value: z.string().min(1).max(64),
});

/** A feedback click, parsed: a vote, or the request for the note modal. */
export type FeedbackClick =
  | { kind: "vote"; inbound: FeedbackInbound<SlackPlace> }
  | { kind: "note"; answerId: string; triggerId: string; channel: string; threadTs: string | undefined };

/**
 * A click on a feedback button, or null for a payload without what it needs. The thanks go where
 * the answer is: in its thread (chat.postEphemeral), or at the channel's top level through the
 * click's response_url.
 */
export function parseFeedbackClick(
  body: unknown,
  action: unknown,
  respond: RespondFn | undefined,
  teamId: string | undefined,
): FeedbackClick | null {
  const b = feedbackClickSchema.safeParse(body);
  const a = actionSchema.safeParse(action);
  if (!b.success || !a.success) return null;
  const channel = b.data.channel?.id ?? b.data.container.channel_id;
  const messageTs = b.data.container.message_ts ?? b.data.message?.ts;
  if (!channel || !messageTs) return null;
  const threadTs = b.data.message?.thread_ts ?? b.data.container.thread_ts;
  const answerId = a.data.value;
  if (a.data.action_id === NOTE_ACTION) {
    if (!b.data.trigger_id) return null;
    return { kind: "note", answerId, triggerId: b.data.trigger_id, channel, threadTs };
  }
  const vote = a.data.action_id === HELPFUL_ACTION ? "helpful" : "not-helpful";
  if (a.data.action_id !== HELPFUL_ACTION && a.data.action_id !== NOT_HELPFUL_ACTION) return null;
  const team = b.data.team?.id ?? teamId ?? "";
  const user = b.data.user.id;
  return {
    kind: "vote",
    inbound: {
      eventId: `slack-feedback:${channel}:${messageTs}:${user}:${a.data.action_ts}`,
      userId: slackUserId(team, user),
      place: { team, channel, threadTs, user, ...(respond ? { respond } : {}) },
      action: { kind: "vote", answerId, vote },
    },
  };
}

const submissionSchema = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }),
  view: z.object({
    id: z.string(),
    private_metadata: z.string(),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
    }),
  }),
});

/** A submitted "What was wrong?" modal, or null for a payload without what it needs. */
export function parseNoteSubmission(
  body: unknown,
  teamId: string | undefined,
): FeedbackInbound<SlackPlace> | null {
  const b = submissionSchema.safeParse(body);
  if (!b.success) return null;
  let metadata: z.infer<typeof metadataSchema>;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(b.data.view.private_metadata));
    if (!parsed.success) return null;
    metadata = parsed.data;
  } catch {
    return null;
  }
  const team = b.data.team?.id ?? teamId ?? "";
  const user = b.data.user.id;
  return {
    eventId: `slack-view:${b.data.view.id}`,
    userId: slackUserId(team, user),
    place: { team, channel: metadata.c, threadTs: metadata.t, user },
    action: {
      kind: "note",
      answerId: metadata.a,
      text: b.data.view.state.values[NOTE_BLOCK]?.[NOTE_INPUT]?.value ?? "",
    },
  };
}

/**
 * Registers the feedback listeners on the Bolt app: clicks are acknowledged at once; a vote goes
 * to `dispatch`; "What was wrong?" opens the modal; a submission closes it and goes to `dispatch`.
 */
export function registerFeedback(
  app: App,
  dispatch: (inbound: FeedbackInbound<SlackPlace>) => Promise<unknown>,
  sink: ErrorSink,
): void {
  const malformed = (what: string) =>
    sink.report("malformed_event", new Error(`unreadable Slack ${what}`), "ignored a Slack payload");
  app.action(
    { type: "block_actions", action_id: new RegExp(`^${FEEDBACK_PREFIX}`) },
    async ({ ack, body, action, respond, context, client }) => {
      await ack();
      const click = parseFeedbackClick(body, action, respond, context.teamId);
      if (!click) return malformed("feedback click");
      if (click.kind === "vote") {
        await dispatch(click.inbound);
        return;
      }
      try {
        await client.views.open({
          trigger_id: click.triggerId,
          view: noteModal(click.answerId, click.channel, click.threadTs),
        });
      } catch (err) {
        sink.platform("slack", "other", err, "could not open the feedback modal", {}, "warn");
      }
    },
  );
  app.view(NOTE_CALLBACK, async ({ ack, body, context }) => {
    await ack();
    const inbound = parseNoteSubmission(body, context.teamId);
    if (!inbound) return malformed("view_submission");
    await dispatch(inbound);
  });
}
