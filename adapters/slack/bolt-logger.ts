import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/index.js";

/** Slack token shapes (bot, user, app-level, config, refresh), scrubbed from any text Bolt logs. */
const TOKEN = /\b(?:xox[abeoprs]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]+/g;

/** The text with every Slack token shape replaced. */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN, "[redacted]");
}

/**
 * Bolt's logger interface over the app's pino logger. Bolt logs strings and sometimes whole
 * objects (contexts holding the bot token): strings are scrubbed, objects are never serialised.
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const write = (method: "debug" | "info" | "warn" | "error", args: unknown[]) => {
    if (!log.isLevelEnabled(method)) return;
    const err = args.find((a): a is Error => a instanceof Error);
    const text = args
      .filter((a) => a !== err)
      .map((a) => (typeof a === "string" || typeof a === "number" ? scrubSecrets(String(a)) : "[object]"))
      .join(" ");
    if (err) {
      const safe = {
        type: err.name,
        message: scrubSecrets(err.message),
        code: (err as { code?: unknown }).code,
      };
      log[method]({ err: safe }, text || safe.message);
    } else log[method](text);
  };
  return {
    debug: (...args) => write("debug", args),
    info: (...args) => write("info", args),
    warn: (...args) => write("warn", args),
    error: (...args) => write("error", args),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
