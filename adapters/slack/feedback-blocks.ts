/**
 * The feedback buttons as Block Kit (https://docs.slack.dev/reference/block-kit/block-elements/button-element):
 * "Helpful" / "Not helpful" in an answer's last block, or "What was wrong?" under the private
 * thanks. Apart from feedback.ts (the listeners) so blocks.ts can draw them without a cycle.
 */
import type { types } from "@slack/bolt";
import { type FeedbackControls, FEEDBACK_LABELS as LABELS } from "../../src/index.js";

/** Prefix of the feedback buttons' action ids; the choice listener (`choice:`) never sees them. */
export const FEEDBACK_PREFIX = "feedback:";
export const HELPFUL_ACTION = "feedback:helpful";
export const NOT_HELPFUL_ACTION = "feedback:not-helpful";
export const NOTE_ACTION = "feedback:note";

/** The buttons for a reply's feedback controls (none when it has none): one actions block. */
export function feedbackBlocks(controls: FeedbackControls | undefined): types.KnownBlock[] {
  if (!controls) return [];
  const button = (action_id: string, text: string): types.Button => ({
    type: "button",
    action_id,
    text: { type: "plain_text", text, emoji: true },
    value: controls.answerId,
  });
  const elements =
    controls.offer === "vote"
      ? [button(HELPFUL_ACTION, LABELS.helpful), button(NOT_HELPFUL_ACTION, LABELS.notHelpful)]
      : [button(NOTE_ACTION, LABELS.note)];
  return [{ type: "actions", block_id: "stackwise_feedback", elements }];
}
