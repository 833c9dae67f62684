import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  REST,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
  SlashCommandBuilder,
} from "discord.js";
import type { DiscordEnv } from "./config.js";
import { DECIDE_MESSAGE_COMMAND, DECISION_SUBCOMMANDS } from "./decision-parse.js";

export const COMMAND_NAME = "stackwise";

export const SUBCOMMANDS = {
  ask: "ask",
  compare: "compare",
  recommend: "recommend",
  help: "help",
} as const;

/** Option names of `/stackwise compare` that autocomplete from the dataset. */
export const COMPARE_OPTIONS = { first: "first", second: "second", aspect: "aspect" } as const;

/**
 * Longest text Discord lets a user type into an option (it refuses more before the interaction
 * exists): a technology or an aspect name is short; a question stays within MAX_INPUT_CHARS.
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure
 */
export const OPTION_MAX = { name: 100, question: 2000, description: 1000, topic: 1000 } as const;

/** The `/stackwise` command with its subcommands, as the JSON Discord's API takes. */
export function buildCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription("Answers about deep-learning frameworks, with sources")
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) =>
      s
        .setName(SUBCOMMANDS.ask)
        .setDescription("Ask a question")
        .addStringOption((o) =>
          o
            .setName("question")
            .setDescription("Your question")
            .setRequired(true)
            .setMaxLength(OPTION_MAX.question),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName(SUBCOMMANDS.compare)
        .setDescription("Compare two technologies, optionally on one aspect")
        .addStringOption((o) =>
          o
            .setName(COMPARE_OPTIONS.first)
            .setDescription("First technology")
            .setRequired(true)
            .setMaxLength(OPTION_MAX.name)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName(COMPARE_OPTIONS.second)
            .setDescription("Second technology")
            .setRequired(true)
            .setMaxLength(OPTION_MAX.name)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName(COMPARE_OPTIONS.aspect)
            .setDescription("What to compare (optional)")
            .setMaxLength(OPTION_MAX.name)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName(SUBCOMMANDS.recommend)
        .setDescription("Get a recommendation through a few questions, in a thread")
        .addStringOption((o) =>
          o
            .setName("description")
            .setDescription("Describe your project (optional)")
            .setMaxLength(OPTION_MAX.description),
        ),
    )
    .addSubcommand((s) =>
      s.setName(SUBCOMMANDS.help).setDescription("What Stackwise can do (only you see it)"),
    )
    .addSubcommand((s) =>
      s
        .setName(DECISION_SUBCOMMANDS.decide)
        .setDescription("A team decision: everyone answers privately, the card shows agreements and splits")
        .addStringOption((o) =>
          o.setName("topic").setDescription("What the team is deciding").setMaxLength(OPTION_MAX.topic),
        )
        .addBooleanOption((o) =>
          o.setName("anonymous").setDescription("Show counts only, never who chose what"),
        ),
    )
    .addSubcommand((s) =>
      s.setName(DECISION_SUBCOMMANDS.decisions).setDescription("This channel's recent team decisions"),
    );
  return [command.toJSON()];
}

/** Every command registered: `/stackwise`, and the message command that starts a team decision on a message. */
export function buildAllCommands(): RESTPostAPIApplicationCommandsJSONBody[] {
  const onMessage = new ContextMenuCommandBuilder()
    .setName(DECIDE_MESSAGE_COMMAND)
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  return [...buildCommands(), onMessage.toJSON()];
}

export interface RegisterResult {
  scope: "guild" | "global";
  /** Names of the commands Discord now holds for the application. */
  names: string[];
}

/** A REST client for the configured API (DISCORD_API_URL points it at a local fake in tests). */
export function createRest(config: Pick<DiscordEnv, "DISCORD_TOKEN" | "DISCORD_API_URL">): REST {
  if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is required");
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {});
  return rest.setToken(config.DISCORD_TOKEN);
}

/**
 * Replaces the application's commands with ours (a bulk overwrite, so it is idempotent): in one
 * guild when DISCORD_GUILD_ID is set (instant, for development), else globally.
 */
export async function registerCommands(
  config: DiscordEnv,
  rest: REST = createRest(config),
): Promise<RegisterResult> {
  const appId = config.DISCORD_APPLICATION_ID;
  if (!appId) throw new Error("DISCORD_APPLICATION_ID is required");
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(appId, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body: buildAllCommands() })) as { name: string }[];
  return {
    scope: config.DISCORD_GUILD_ID ? "guild" : "global",
    names: Array.isArray(saved) ? saved.map((c) => c.name) : [],
  };
}
