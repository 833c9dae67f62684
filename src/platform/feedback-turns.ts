/**
 * Clicks on the feedback buttons and "What was wrong?" notes, as adapters hand them to the
 * dispatcher (Dispatcher.feedback), and the private thanks they get.
 */
import type { FeedbackResult } from "../feedback/feedback.js";
import type { Reply } from "../reply/model.js";
import { notice } from "../reply/notice.js";
import type { Vote } from "../runtime/store/feedback-types.js";

/** A vote (a click on "Helpful" / "Not helpful") or a note (a submitted "What was wrong?" box). */
export type FeedbackAction =
  | { kind: "vote"; answerId: string; vote: Vote }
  | { kind: "note"; answerId: string; text: string };

/** One feedback event, parsed by an adapter. `P` is the adapter's place, where the thanks go. */
export interface FeedbackInbound<P> {
  /** The platform's delivery id (claimed once, like a turn's). */
  eventId: string;
  /** Namespaced user id ("slack:T1:U1"); stored only as a one-way hash. */
  userId: string;
  place: P;
  action: FeedbackAction;
}

/** The words of the feedback controls, the same on every platform. */
export const FEEDBACK_LABELS = {
  helpful: "Helpful",
  notHelpful: "Not helpful",
  note: "What was wrong?",
  /** The note box's title and hint (Slack allows 24 characters of title, Discord 45). */
  noteTitle: "Stackwise feedback",
  noteHint: "Optional. Please leave out names, emails and links: the editors read this.",
} as const;

/** Longest note the box accepts (characters); stored notes are cleaned and cut further. */
export const NOTE_MAX = 1000;

export const THANKS_HELPFUL = "Thanks for the feedback!";
export const THANKS_NOT_HELPFUL =
  "Thanks for telling us. If you like, say what was wrong: it helps the editors fix the answer.";
export const THANKS_NOT_HELPFUL_PLAIN = "Thanks for telling us: the editors will look at this answer.";
export const THANKS_NOTE = "Thanks, your note was passed on to the editors.";
export const TOO_OLD = "Thanks! That answer is too old to rate now, so I didn't record it.";
export const FEEDBACK_FAILED = "Sorry, I couldn't record that just now. Please try again in a moment.";

/** The private reply to a feedback event: thanks, with the offer of a note after "Not helpful". */
export function thanks(action: FeedbackAction, result: FeedbackResult, offerNote: boolean): Reply {
  if (result === "unknown") return notice("feedback", TOO_OLD);
  if (action.kind === "note") return notice("feedback", THANKS_NOTE);
  if (action.vote === "helpful") return notice("feedback", THANKS_HELPFUL);
  if (!offerNote) return notice("feedback", THANKS_NOT_HELPFUL_PLAIN);
  return {
    ...notice("feedback", THANKS_NOT_HELPFUL),
    feedback: { answerId: action.answerId, offer: "note" },
  };
}
