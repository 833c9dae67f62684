import type { Logger } from "pino";
import { createSlackApp, type SlackApp, type SlackAppOptions } from "../../adapters/slack/app.js";
import { slackEnv } from "../../adapters/slack/config.js";
import type { DecisionDesk } from "../../src/platform/decisions/desk.js";
import type { Dispatcher } from "../../src/platform/dispatch.js";
import type { Conversations } from "../../src/runtime/conversations.js";
import type { Metrics } from "../../src/runtime/metrics.js";
import type { RateLimiter } from "../../src/runtime/rate-limit.js";
import type { DecisionStore } from "../../src/runtime/store/decision-types.js";
import type { FeedbackStore } from "../../src/runtime/store/feedback-types.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";
import { SlackSender } from "../fakes/slack-requests.js";
import { type FakeMessage, FakeSlackWebApi, type RecordedCall } from "../fakes/slack-web-api.js";
import { testDeps, testKnowledge } from "../helpers/deps.js";

export { testKnowledge };

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-1111-2222-test-bot-token";

export interface Harness {
  api: FakeSlackWebApi;
  slack: SlackApp;
  send: SlackSender;
  conversations: Conversations;
  dispatcher: Dispatcher;
  metrics: Metrics;
  decisions?: DecisionDesk;
  /** Where votes and review texts went (the one given, or a fresh memory store). */
  feedbackStore?: FeedbackStore;
  stop(): Promise<void>;
}

/** Slack's settings for a bot pointed at the fake Web API. */
export function slackSettings(apiUrl: string) {
  return slackEnv.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
  });
}

/** The real Bolt app on 127.0.0.1 (free port), a real Conversations over MemoryStore, a fake Web API. */
export async function startHarness(
  options: {
    log?: Logger;
    appOptions?: SlackAppOptions;
    maxInputChars?: number;
    store?: ConversationStore;
    rateLimiter?: RateLimiter;
    decisionStore?: DecisionStore;
    cardIntervalMs?: number;
    feedbackStore?: FeedbackStore;
    keepReviewText?: boolean;
    now?: () => number;
  } = {},
): Promise<Harness> {
  const api = await new FakeSlackWebApi().start();
  const { deps, conversations, dispatcher, metrics, decisions, feedbackStore } = testDeps(options);
  const slack = createSlackApp(deps, slackSettings(api.url), options.appOptions);
  await slack.start(0, "127.0.0.1");
  const send = new SlackSender(`http://127.0.0.1:${slack.port}`, SIGNING_SECRET, api.url);
  return {
    api,
    slack,
    send,
    conversations,
    dispatcher,
    metrics,
    decisions,
    feedbackStore,
    async stop() {
      await slack.stop();
      await api.stop();
    },
  };
}

/** Everything a user can read in a message: fallback text, headers, sections, fields, contexts, buttons. */
export function visibleText(message: { text?: unknown; blocks?: unknown }): string {
  const parts: string[] = [typeof message.text === "string" ? message.text : ""];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (typeof obj.text === "string") parts.push(obj.text);
      for (const [k, v] of Object.entries(obj)) if (k !== "value" && typeof v === "object") collect(v);
    }
  };
  collect(message.blocks);
  return parts.join("\n");
}

export const callText = (call: RecordedCall) => visibleText(call.body);

/**
 * The parts of a message Slack parses for mentions and links: the fallback `text` and every
 * mrkdwn text object (plain_text, as in headers and buttons, is shown verbatim and never parsed).
 */
export function parsedText(message: { text?: unknown; blocks?: unknown }): string {
  const parts: string[] = [typeof message.text === "string" ? message.text : ""];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (obj.type === "mrkdwn" && typeof obj.text === "string") parts.push(obj.text);
      for (const v of Object.values(obj)) if (typeof v === "object") collect(v);
    }
  };
  collect(message.blocks);
  return parts.join("\n");
}
export const messageText = (message: FakeMessage) => visibleText(message);

/** The bot's messages in a thread with interactive elements still on them. */
export function hasActions(message: FakeMessage): boolean {
  return message.blocks.some((b) => b.type === "actions");
}

let tsSeq = 0;
/** A user message ts, distinct from the fake's bot timestamps. */
export function userTs(): string {
  tsSeq += 1;
  return `1690000000.${String(tsSeq).padStart(6, "0")}`;
}
