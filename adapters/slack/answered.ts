import { contextBlock, SLACK_LIMITS, type SlackBlock, type SlackMessage } from "./blocks.js";
import { escapeMrkdwn, mention, truncate } from "./mrkdwn.js";

/**
 * The message a question becomes once answered or superseded: the same blocks without the
 * interactive ones, plus, when an answer was chosen, a line saying what was chosen and by whom.
 */
export function answeredMessage(blocks: SlackBlock[], chosenLabel?: string, userId?: string): SlackMessage {
  const kept: SlackBlock[] = blocks.filter((b) => b.type !== "actions").slice(0, SLACK_LIMITS.blocks - 1);
  const lines = kept.map(blockFallback);
  if (chosenLabel !== undefined) {
    const who = userId && /^[UW][A-Z0-9]+$/.test(userId) ? `${mention(userId)} chose` : "Chosen:";
    const chosen = escapeMrkdwn(chosenLabel);
    lines.push(`${who} ${chosen}`);
    kept.push(contextBlock(`:white_check_mark: ${who} *${chosen}*`));
  }
  return { text: truncate(lines.filter(Boolean).join("\n"), SLACK_LIMITS.fallbackText), blocks: kept };
}

/** The readable text of a rendered block (already escaped), for a fallback. */
function blockFallback(block: SlackBlock): string {
  if (block.type === "header") return escapeMrkdwn(block.text.text);
  if (block.type === "section") return (block.text?.text ?? "").replace(/^\*(.*)\*$/s, "$1");
  if (block.type === "context") {
    return block.elements
      .map((e) => {
        if (!("text" in e) || typeof e.text !== "string") return "";
        return e.type === "plain_text" ? escapeMrkdwn(e.text) : e.text;
      })
      .join(" ");
  }
  return "";
}
