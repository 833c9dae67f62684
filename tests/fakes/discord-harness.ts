import { fileURLToPath } from "node:url";
import { createDiscordBot, type DiscordBot } from "../../adapters/discord/index.js";
import { loadDataset } from "../../src/dataset/load.js";
import { compile, type Knowledge } from "../../src/engine/knowledge.js";
import { loadConfig } from "../../src/runtime/config.js";
import { Conversations } from "../../src/runtime/conversations.js";
import { createLogger, type Logger, silentLogger } from "../../src/runtime/logger.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";
import { DiscordFake } from "./discord-fake.js";

export const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));

let knowledge: Knowledge | undefined;
export function testKnowledge(): Knowledge {
  knowledge ??= compile(loadDataset(DATA_DIR));
  return knowledge;
}

/** Set DISCORD_TEST_LOG=debug (or info, error...) to see the bot's logs while debugging a test. */
const testLog = (): Logger =>
  process.env.DISCORD_TEST_LOG ? createLogger({ level: process.env.DISCORD_TEST_LOG }) : silentLogger;

export interface Harness {
  fake: DiscordFake;
  bot: DiscordBot;
  knowledge: Knowledge;
  close(): Promise<void>;
}

/** The real bot (real discord.js, Conversations over MemoryStore, the real dataset) against the fake. */
export async function startHarness(
  options: { store?: ConversationStore; ackDeadlineMs?: number; echoOwnMessages?: boolean } = {},
): Promise<Harness> {
  const fake = new DiscordFake({ echoOwnMessages: options.echoOwnMessages });
  await fake.start();
  const k = testKnowledge();
  const config = loadConfig({
    NODE_ENV: "test",
    DISCORD_TOKEN: "fake-token",
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });
  const log = testLog();
  const conversations = new Conversations(k, options.store ?? new MemoryStore(), log);
  const bot = createDiscordBot(
    { config, conversations, knowledge: k, log },
    { ackDeadlineMs: options.ackDeadlineMs, readyTimeoutMs: 10_000 },
  );
  await bot.start();
  return {
    fake,
    bot,
    knowledge: k,
    async close() {
      await bot.stop();
      await fake.stop();
    },
  };
}
