import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkEnv } from "../../src/index.js";
import { registerCommands } from "./commands.js";
import { discordEnv } from "./config.js";

/**
 * `npm run discord:register` / `stackwise discord register`: registers the /stackwise command.
 * Returns the process exit code; messages never include the token.
 */
export async function main(
  env: NodeJS.ProcessEnv = process.env,
  out: Pick<Console, "log" | "error"> = console,
): Promise<number> {
  const checked = checkEnv(discordEnv, env);
  if (!checked.ok) {
    out.error(`Invalid configuration:\n${checked.problems.join("\n")}`);
    return 2;
  }
  const config = checked.value;
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    out.error("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the Discord commands.");
    return 2;
  }
  try {
    const result = await registerCommands(config);
    const where =
      result.scope === "guild"
        ? `in guild ${config.DISCORD_GUILD_ID}`
        : "globally (may take up to an hour to appear)";
    // Slash commands are typed with their slash; a message command is named as its menu shows it.
    const names = result.names.map((n) => (/^[\w-]+$/.test(n) ? `/${n}` : `"${n}"`));
    out.log(`Registered ${names.join(", ")} ${where}.`);
    return 0;
  } catch (err) {
    out.error(`Could not register the Discord commands: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await main();
}
