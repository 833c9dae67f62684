/**
 * Discord as the composition root sees it. Only config.ts is loaded up front: discord.js is
 * imported when the platform is on.
 */
import type { AdapterModule } from "../../src/index.js";
import { DISCORD_SECRETS, type DiscordEnv, discordEnabled, discordEnv } from "./config.js";

export { type DiscordEnv, discordEnv } from "./config.js";

/** Discord: on when DISCORD_TOKEN is set (DISCORD_APPLICATION_ID is then required too). */
export const discord: AdapterModule<DiscordEnv> = {
  name: "discord",
  env: discordEnv,
  enabled: discordEnabled,
  secrets: DISCORD_SECRETS,
  servesHttp: () => false,
  create: async (deps, env) => (await import("./bot.js")).createDiscordBot(deps, env),
};
