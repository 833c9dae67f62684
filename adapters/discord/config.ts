/** Discord's settings: its zod schema, when it is on, and which values are secret. */
import { z } from "zod";
import { type Env, optionalEnv, optionalUrlEnv } from "../../src/index.js";

/** Discord's variables; DISCORD_APPLICATION_ID is required with DISCORD_TOKEN. */
export const discordEnv = z
  .object({
    /** The bot token. */
    DISCORD_TOKEN: optionalEnv,
    /** The application id: registers the /stackwise command. */
    DISCORD_APPLICATION_ID: optionalEnv,
    /** Register the command in this guild only (appears at once) instead of globally. */
    DISCORD_GUILD_ID: optionalEnv,
    /** REST base URL (discord.js `rest.api`); the gateway address then comes from its /gateway/bot. */
    DISCORD_API_URL: optionalUrlEnv,
  })
  .superRefine((c, ctx) => {
    if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["DISCORD_APPLICATION_ID"],
        message: "is required with DISCORD_TOKEN",
      });
    }
  });

/** Discord's checked settings. */
export type DiscordEnv = z.infer<typeof discordEnv>;

/** Values never logged or echoed. */
export const DISCORD_SECRETS = ["DISCORD_TOKEN"] as const;

/** On when the bot token is set. */
export const discordEnabled = (env: Env) => Boolean(env.DISCORD_TOKEN);
