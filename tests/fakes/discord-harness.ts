import { createDiscordBot, type DiscordBot } from "../../adapters/discord/bot.js";
import { discordEnv } from "../../adapters/discord/config.js";
import type { Knowledge } from "../../src/engine/knowledge.js";
import type { DecisionDesk } from "../../src/platform/decisions/desk.js";
import type { Dispatcher } from "../../src/platform/dispatch.js";
import type { Conversations } from "../../src/runtime/conversations.js";
import { createLogger, type Logger, silentLogger } from "../../src/runtime/logger.js";
import type { Metrics } from "../../src/runtime/metrics.js";
import type { FeedbackStore } from "../../src/runtime/store/feedback-types.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";
import { type TestDepsOptions, testDeps, testKnowledge } from "../helpers/deps.js";
import { DiscordFake } from "./discord-fake.js";

export { testKnowledge };

/** Set DISCORD_TEST_LOG=debug (or info, error...) to see the bot's logs while debugging a test. */
const testLog = (): Logger =>
  process.env.DISCORD_TEST_LOG ? createLogger({ level: process.env.DISCORD_TEST_LOG }) : silentLogger;

export interface Harness {
  fake: DiscordFake;
  bot: DiscordBot;
  knowledge: Knowledge;
  conversations: Conversations;
  dispatcher: Dispatcher;
  metrics: Metrics;
  decisions?: DecisionDesk;
  feedbackStore: FeedbackStore;
  close(): Promise<void>;
}

/** Discord's settings for a bot pointed at the fake. */
export function discordSettings(fake: DiscordFake) {
  return discordEnv.parse({
    DISCORD_TOKEN: "fake-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });
}

/** The real bot (real discord.js, a real dispatcher over MemoryStore, the real dataset) against the fake. */
export async function startHarness(
  options: {
    store?: ConversationStore;
    ackDeadlineMs?: number;
    echoOwnMessages?: boolean;
    log?: Logger;
  } & Omit<TestDepsOptions, "log"> = {},
): Promise<Harness> {
  const fake = new DiscordFake({ echoOwnMessages: options.echoOwnMessages });
  await fake.start();
  const { deps, conversations, dispatcher, metrics, decisions, feedbackStore } = testDeps({
    ...options,
    log: options.log ?? testLog(),
  });
  const bot = createDiscordBot(deps, discordSettings(fake), {
    ackDeadlineMs: options.ackDeadlineMs,
    readyTimeoutMs: 10_000,
  });
  await bot.start();
  return {
    fake,
    bot,
    knowledge: testKnowledge(),
    conversations,
    dispatcher,
    metrics,
    decisions,
    feedbackStore,
    async close() {
      await bot.stop();
      await fake.stop();
    },
  };
}
