import type { types } from "@slack/bolt";
import {
  type Block,
  type Choice,
  chatBlocks,
  type Intro,
  type Reply,
  textTable,
  toPlainText,
} from "../../src/index.js";
import { feedbackBlocks } from "./feedback-blocks.js";
import { introBlock, introText } from "./intro.js";
import { escapeMrkdwn, safeCut, splitText, truncate } from "./mrkdwn.js";

export { introMessage } from "./intro.js";

export { escapeMrkdwn, splitText, truncate } from "./mrkdwn.js";

/** One Block Kit block. */
export type SlackBlock = types.KnownBlock;

/** Block Kit limits this renderer keeps within (https://docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  actionsElements: 25,
  /** The notification / fallback `text`; Slack accepts far more, nobody reads it. */
  fallbackText: 3000,
  /** The user's words echoed in an intro (context elements take 2,000 characters at most here). */
  introText: 2000,
} as const;

/** Above this many answer choices a question renders as a menu instead of buttons. */
export const MAX_ANSWER_BUTTONS = 5;

/** Shown instead of a blank label: Slack rejects empty text objects (and the whole message with them). */
export const BLANK_LABEL = "—";

/** Prefix of every interactive element's action_id: the app routes clicks on it. */
export const ACTION_PREFIX = "choice:";

/** A message body: the notification fallback and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Renders an engine reply as a Block Kit message with a plain-text fallback; `intro` (who asked
 * what) above it on a context line.
 */
export function renderReply(reply: Reply, intro?: Intro): SlackMessage {
  const counter = { next: 0 };
  const content: SlackBlock[] = [];
  const tail: SlackBlock[] = [];
  if (intro) content.push(introBlock(intro));
  if (reply.title) content.push(...renderBlock({ kind: "heading", text: reply.title }));
  // A long reply shows its first part and a "More" button (Reply.fold).
  for (const block of chatBlocks(reply)) {
    if (block.kind === "choices") tail.push(...renderChoices(block.prompt, block.choices, counter));
    else content.push(...renderBlock(block));
  }
  if (reply.sources.length > 0) {
    tail.push(contextBlock(`Sources: ${escapeMrkdwn(reply.sources.map((s) => s.title).join("; "))}`));
  }
  // Feedback buttons, added by the dispatcher, go last: the answer's last block.
  tail.push(...feedbackBlocks(reply.feedback));
  return { text: fallbackText(reply, intro), blocks: fitBlocks(content, tail) };
}

/** The plain-text fallback Slack shows in notifications; escaped like everything else. */
export function fallbackText(reply: Reply, intro?: Intro): string {
  const plain = [intro ? introText(intro) : "", escapeMrkdwn(toPlainText(reply))].filter(Boolean);
  return truncate(plain.join("\n\n"), SLACK_LIMITS.fallbackText);
}

/** A one-line context block of already-escaped mrkdwn (sources, notes). */
export function contextBlock(mrkdwn: string): SlackBlock {
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: truncate(mrkdwn, SLACK_LIMITS.contextText) }],
  };
}

function renderBlock(block: Exclude<Block, { kind: "choices" }>): SlackBlock[] {
  switch (block.kind) {
    case "heading":
      // Slack rejects an empty header text; a blank heading has nothing to show anyway.
      if (block.text.trim() === "") return [];
      return [
        {
          type: "header",
          // plain_text: no escaping (Slack shows it verbatim and never parses mentions in it).
          text: { type: "plain_text", text: truncate(block.text, SLACK_LIMITS.headerText), emoji: true },
        },
      ];
    case "paragraph":
      return sections(escapeMrkdwn(block.text));
    case "list":
      return sections(block.items.map((item) => `• ${escapeMrkdwn(item)}`).join("\n"));
    case "table":
      return renderTable(block.headers, block.rows, block.caption);
    case "form":
      // A form opens as a modal (decision-modal.ts), never inside a message.
      return [];
  }
}

/** Sections of mrkdwn, split at line or word boundaries so none exceeds the section limit. */
export function sections(mrkdwn: string): SlackBlock[] {
  return splitText(mrkdwn, SLACK_LIMITS.sectionText).map((text) => ({
    type: "section",
    text: { type: "mrkdwn", text },
  }));
}

/** Plain text for a button or option: never empty (Slack rejects that), at most `max` characters. */
function labelText(label: string, max: number): string {
  return label.trim() === "" ? BLANK_LABEL : truncate(label, max);
}

/** A fixed-width table in a code block; long tables are split by rows (header repeated). */
function renderTable(headers: string[], rows: string[][], caption?: string): SlackBlock[] {
  const out: SlackBlock[] = [];
  if (caption) out.push(...sections(`*${escapeMrkdwn(caption)}*`));
  const fence = (body: string) => `\`\`\`\n${body}\n\`\`\``;
  const budget = SLACK_LIMITS.sectionText - 8;
  let group: string[][] = [];
  const flush = () => {
    out.push(...sections(fence(escapeMrkdwn(textTable(headers, group)))));
    group = [];
  };
  for (const row of rows) {
    const candidate = [...group, row];
    if (group.length > 0 && escapeMrkdwn(textTable(headers, candidate)).length > budget) flush();
    group.push(row);
    // A single row too wide even on its own: narrower cells.
    if (escapeMrkdwn(textTable(headers, group)).length > budget) {
      const narrow = escapeMrkdwn(textTable(headers, group, 24));
      out.push(...sections(fence(narrow.slice(0, safeCut(narrow, budget)))));
      group = [];
    }
  }
  if (group.length > 0 || rows.length === 0) flush();
  return out;
}

/** A question: its prompt, then buttons (or a menu when there are many answers) with nav buttons. */
function renderChoices(prompt: string, choices: Choice[], counter: { next: number }): SlackBlock[] {
  const out: SlackBlock[] = [];
  if (prompt.trim()) out.push(...sections(`*${escapeMrkdwn(prompt)}*`));
  const answers = choices.filter((c) => c.role === "answer");
  const nav = choices.filter((c) => c.role === "nav");
  const elements: types.ActionsBlockElement[] = [];
  const useMenu =
    answers.length > MAX_ANSWER_BUTTONS && answers.every((c) => c.id.length <= SLACK_LIMITS.optionValue);
  if (useMenu) {
    // Option values must be unique within a menu ("a unique string value"): keep the first of each id.
    const seen = new Set<string>();
    const options = answers.filter((c) => {
      if (seen.has(c.id)) return false;
      seen.add(c.id);
      return true;
    });
    for (let i = 0; i < options.length; i += SLACK_LIMITS.selectOptions) {
      elements.push({
        type: "static_select",
        action_id: `${ACTION_PREFIX}${counter.next++}`,
        placeholder: { type: "plain_text", text: "Choose an answer", emoji: true },
        options: options.slice(i, i + SLACK_LIMITS.selectOptions).map((c) => ({
          text: { type: "plain_text", text: labelText(c.label, SLACK_LIMITS.optionText), emoji: true },
          value: c.id,
        })),
      });
    }
  } else {
    for (const c of answers) {
      const button = buttonFor(c, counter);
      if (button) elements.push({ ...button, style: "primary" });
    }
  }
  for (const c of nav) {
    const button = buttonFor(c, counter);
    if (button) elements.push(button);
  }
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements) {
    out.push({ type: "actions", elements: elements.slice(i, i + SLACK_LIMITS.actionsElements) });
  }
  return out;
}

function buttonFor(choice: Choice, counter: { next: number }): types.Button | null {
  // A value Slack would reject would sink the whole message; the engine keeps ids far shorter.
  if (choice.id.length > SLACK_LIMITS.buttonValue) return null;
  return {
    type: "button",
    action_id: `${ACTION_PREFIX}${counter.next++}`,
    text: { type: "plain_text", text: labelText(choice.label, SLACK_LIMITS.buttonText), emoji: true },
    value: choice.id,
  };
}

/** Keeps a message within Slack's block limit: content is shortened, the question and sources kept. */
function fitBlocks(content: SlackBlock[], tail: SlackBlock[]): SlackBlock[] {
  if (content.length + tail.length <= SLACK_LIMITS.blocks) return [...content, ...tail];
  const keptTail = tail.slice(-(SLACK_LIMITS.blocks - 2));
  const room = SLACK_LIMITS.blocks - keptTail.length - 1;
  return [...content.slice(0, room), contextBlock("_(Shortened to fit in Slack.)_"), ...keptTail];
}
