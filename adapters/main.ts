/**
 * The `stackwise` command: the composition root. It reads the environment, loads the dataset,
 * and starts whichever platforms are configured — or the terminal chat when none is.
 */
import { DatasetError, loadDataset } from "../src/dataset/load.js";
import { compile, type Knowledge } from "../src/engine/knowledge.js";
import { type Config, ConfigError, discordEnabled, loadConfig, slackEnabled } from "../src/runtime/config.js";
import { Conversations } from "../src/runtime/conversations.js";
import { createLogger } from "../src/runtime/logger.js";
import { defaultDataDir } from "../src/runtime/paths.js";
import { createStore } from "../src/runtime/store/index.js";
import type { RunningPlatform } from "./platform.js";
import { askBatch, askOnce, toJson } from "./shell/ask.js";
import { runChat } from "./shell/chat.js";
import { renderTerminal } from "./shell/render.js";

const USAGE = `Usage:
  stackwise                     start Slack/Discord if configured, else the terminal chat
  stackwise chat                the terminal chat
  stackwise ask "QUESTION"      answer one question (add --json for the JSON contract)
  stackwise ask --json          answer one question per stdin line, one JSON object per line
  stackwise discord register    register the Discord slash command`;

async function main(argv: string[]): Promise<number> {
  const [command = "", ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  loadDotEnv();
  const config = loadConfig();

  if (command === "discord" && rest[0] === "register") {
    const { main: register } = await import("./discord/register.js");
    return register();
  }

  const knowledge = compile(loadDataset(config.DATA_DIR ?? defaultDataDir()));

  if (command === "ask") return ask(knowledge, rest);
  if (command === "chat") return chat(knowledge, config);
  if (command !== "") {
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  if (!slackEnabled(config) && !discordEnabled(config)) return chat(knowledge, config);
  return serve(knowledge, config);
}

async function ask(k: Knowledge, args: string[]): Promise<number> {
  const json = args.includes("--json");
  const question = args.filter((a) => a !== "--json").join(" ").trim();
  if (!question) {
    if (!json) {
      console.error('Give a question: stackwise ask "what license does JAX use?" (or --json to read stdin)');
      return 2;
    }
    await askBatch(k, process.stdin, process.stdout);
    return 0;
  }
  const reply = askOnce(k, question);
  console.log(json ? JSON.stringify(toJson(reply)) : renderTerminal(reply, { color: Boolean(process.stdout.isTTY), width: 100 }).text);
  return 0;
}

async function chat(k: Knowledge, config: Config): Promise<number> {
  // Logs would interleave with the conversation: only warnings, to stderr.
  const log = createLogger({ level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, destination: process.stderr });
  await runChat(k, {
    input: process.stdin,
    output: process.stdout,
    log,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    maxInputChars: config.MAX_INPUT_CHARS,
  });
  return 0;
}

async function serve(knowledge: Knowledge, config: Config): Promise<number> {
  const log = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stdout.isTTY) });
  const store = createStore(config.STORE_URL, {
    stateDir: config.STATE_DIR,
    ttlSeconds: config.CONVERSATION_TTL_SECONDS,
    logger: log,
  });
  const conversations = new Conversations(knowledge, store, log, { maxInputChars: config.MAX_INPUT_CHARS });
  const deps = { config, conversations, knowledge, log };
  const platforms: RunningPlatform[] = [];
  if (slackEnabled(config)) platforms.push(await (await import("./slack/index.js")).startSlack(deps));
  if (discordEnabled(config)) platforms.push(await (await import("./discord/index.js")).startDiscord(deps));
  log.info({ platforms: platforms.map((p) => p.name), store: store.kind }, "stackwise started");

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, "shutting down");
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  const deadline = setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, 10_000);
  deadline.unref();
  await Promise.allSettled(platforms.map((p) => p.stop()));
  await store.close();
  return 0;
}

/** Reads .env from the working folder when present (Node's own parser; real env wins). */
function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env: nothing to do
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DatasetError) {
      console.error(err instanceof DatasetError ? `Dataset error: ${err.message}` : err.message);
    } else {
      console.error(err);
    }
    process.exitCode = 2;
  },
);

