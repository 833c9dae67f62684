import type { PlatformDeps, RunningPlatform } from "../platform.js";
import { createDiscordBot, type DiscordBotOptions } from "./bot.js";

export {
  APOLOGY,
  conversationKey,
  createDiscordBot,
  type DiscordBot,
  type DiscordBotOptions,
  NO_PINGS,
} from "./bot.js";
export { buildCommands, registerCommands } from "./commands.js";
export { renderReply } from "./render.js";

/** Connects the Discord bot and resolves once the gateway is ready. */
export async function startDiscord(
  deps: PlatformDeps,
  options: DiscordBotOptions = {},
): Promise<RunningPlatform> {
  const bot = createDiscordBot(deps, options);
  try {
    await bot.start();
  } catch (err) {
    await bot.stop().catch(() => {});
    throw err;
  }
  return {
    name: "discord",
    isReady: () => bot.isReady(),
    stop: () => bot.stop(),
  };
}
