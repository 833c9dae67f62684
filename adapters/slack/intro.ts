/** Who asked what, above an answer or as a thread's root (https://docs.slack.dev/reference/block-kit/blocks/context-block). */
import type { Intro } from "../../src/index.js";
import { SLACK_LIMITS, type SlackBlock, type SlackMessage } from "./blocks.js";
import { escapeMrkdwn, mention, truncate } from "./mrkdwn.js";

/**
 * Who asked what, on a context line: the mention in mrkdwn, the user's own words as plain_text,
 * which Slack shows verbatim: their `*`, `_`, `~` and backticks never become formatting, an
 * unbalanced backtick breaks nothing, and `<!channel>` never pings.
 */
export function introBlock(intro: Intro): SlackBlock {
  const words = intro.text.trim();
  return {
    type: "context",
    elements: [
      { type: "mrkdwn", text: `${mention(intro.user)} ${intro.says}${words ? ":" : ""}` },
      ...(words
        ? [{ type: "plain_text" as const, text: truncate(words, SLACK_LIMITS.introText), emoji: true }]
        : []),
    ],
  };
}

/** The intro as one line of escaped mrkdwn, for notification fallbacks. */
export function introText(intro: Intro): string {
  const words = intro.text.trim();
  return `${mention(intro.user)} ${intro.says}${words ? `: ${escapeMrkdwn(truncate(words, SLACK_LIMITS.introText))}` : ""}`;
}

/** A thread's root that is only an intro (a recommendation's questions follow in its thread). */
export function introMessage(intro: Intro): SlackMessage {
  return { text: truncate(introText(intro), SLACK_LIMITS.fallbackText), blocks: [introBlock(intro)] };
}
