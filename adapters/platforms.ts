/**
 * The platforms this build knows, for the composition root to walk. Adding a platform is a new
 * folder under adapters/ and one line here.
 */
import {
  type AdapterModule,
  type Config,
  checkEnv,
  configSchema,
  type Env,
  failOnProblems,
} from "../src/index.js";
import { discord } from "./discord/index.js";
import { slack } from "./slack/index.js";

// biome-ignore lint/suspicious/noExplicitAny: each module has its own settings type.
export const PLATFORMS: readonly AdapterModule<any>[] = [slack, discord];

/** A platform the environment switches on, with its checked settings. */
export interface EnabledPlatform {
  // biome-ignore lint/suspicious/noExplicitAny: the settings travel with their own module.
  module: AdapterModule<any>;
  settings: unknown;
}

/**
 * The shared settings and those of every platform the environment switches on, checked at once:
 * a ConfigError lists every problem (variable names and what is expected, never values).
 */
export function loadSettings(env: Env): { config: Config; platforms: EnabledPlatform[] } {
  const problems: string[] = [];
  const shared = checkEnv(configSchema, env);
  if (!shared.ok) problems.push(...shared.problems);
  const platforms: EnabledPlatform[] = [];
  for (const module of PLATFORMS) {
    if (!module.enabled(env)) continue;
    const checked = checkEnv(module.env, env);
    if (checked.ok) platforms.push({ module, settings: checked.value });
    else problems.push(...checked.problems);
  }
  failOnProblems(problems);
  return { config: (shared as { value: Config }).value, platforms };
}

/** Every variable the platforms declare secret. */
export const SECRET_NAMES: readonly string[] = PLATFORMS.flatMap((m) => m.secrets);
