/**
 * Bolt listeners of team decisions (issue 13): the message shortcut and the modal's submission.
 * The slash command and the card's buttons share app.ts's listeners, which hand decision
 * payloads to `decide` (isDecisionCommand, parseDecisionClick).
 */
import type { App } from "@slack/bolt";
import {
  DECIDE_SHORTCUT,
  DECISION_VIEW,
  parseDecideShortcut,
  parseDecisionSubmission,
  type SlackDecisionInbound,
} from "./decision-parse.js";

/** Hands a parsed decision event (or null for an unreadable payload) to the dispatcher. */
export type Decide = (inbound: SlackDecisionInbound | null, what: string) => Promise<void>;

/**
 * Registers the shortcut and the view listeners. Both acknowledge at once: an empty ack of a
 * view_submission closes the modal (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload).
 */
export function registerDecisions(app: App, decide: Decide): void {
  app.shortcut(DECIDE_SHORTCUT, async ({ ack, body }) => {
    await ack();
    await decide(parseDecideShortcut(body), "message_action");
  });
  app.view(DECISION_VIEW, async ({ ack, body }) => {
    await ack();
    await decide(parseDecisionSubmission(body), "view_submission");
  });
}
