/**
 * The `stackwise` command: the composition root. It reads the environment, loads the dataset,
 * and starts whichever platforms are configured — or the terminal chat when none is.
 */
import { parseArgs } from "node:util";
import {
  type Config,
  ConfigError,
  type ConversationStore,
  Conversations,
  compile,
  createDecisionStore,
  createFeedbackStore,
  createLogger,
  createRateLimiter,
  createStore,
  DatasetError,
  DecisionDesk,
  Dispatcher,
  defaultDataDir,
  type Env,
  ErrorSink,
  Feedback,
  type FeedbackStore,
  instrumentStore,
  type Knowledge,
  type Logger,
  loadDataset,
  loadReview,
  Metrics,
  type PlatformAdapter,
  SHARED_SECRETS,
  scrubText,
  wantsPretty,
} from "../src/index.js";
import { createOpsHandler, OPS_PATHS, type OpsServer, startOpsServer } from "./http/ops.js";
import { type EnabledPlatform, loadSettings, SECRET_NAMES } from "./platforms.js";
import { askBatch, askOnce, toJson } from "./shell/ask.js";
import { runChat } from "./shell/chat.js";
import { renderTerminal } from "./shell/render.js";
import { runReview } from "./shell/review.js";

const USAGE = `Usage:
  stackwise                     start Slack/Discord if configured, else the terminal chat
  stackwise chat                the terminal chat
  stackwise ask "QUESTION"      answer one question (add --json for the JSON contract)
  stackwise ask --json          answer one question per stdin line, one JSON object per line
  stackwise ask --json --thread the same, all lines one conversation (a bare number picks a choice)
  stackwise review [--days N]   what the bot could not answer, and the votes (last N days, default 30)
  stackwise review --jsonl      the unanswered questions as test cases (shared/eval format)
  stackwise discord register    register the Discord slash command`;

async function main(argv: string[]): Promise<number> {
  const [command = "", ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  loadDotEnv();
  if (command === "discord" && rest[0] === "register") {
    const { main: register } = await import("./discord/register.js");
    return register();
  }
  const env = process.env as Env;
  const { config, platforms } = loadSettings(env);
  if (command === "review") return runReview(rest, config, process.stdout, process.stderr);

  const knowledge = compile(loadDataset(config.DATA_DIR ?? defaultDataDir()));

  if (command === "ask") return ask(knowledge, rest);
  if (command === "chat") return chat(knowledge, config);
  if (command !== "") {
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }
  if (platforms.length === 0) {
    if (config.NODE_ENV === "production") {
      console.error(
        "No platform configured: set SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) or DISCORD_TOKEN " +
          '(with DISCORD_APPLICATION_ID). In production the bot does not fall back to the terminal chat; run "stackwise chat" for it.',
      );
      return 2;
    }
    return chat(knowledge, config);
  }
  return serve(knowledge, config, platforms, env);
}

async function ask(k: Knowledge, args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseAskArgs>;
  try {
    parsed = parseAskArgs(args);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { json, thread } = parsed.values;
  const question = parsed.positionals.join(" ").trim();
  if (!question) {
    if (!json) {
      console.error('Give a question: stackwise ask "what license does JAX use?" (or --json to read stdin)');
      return 2;
    }
    await askBatch(k, process.stdin, process.stdout, { thread: Boolean(thread) });
    return 0;
  }
  const reply = askOnce(k, question);
  console.log(
    json
      ? JSON.stringify(toJson(reply))
      : renderTerminal(reply, { color: Boolean(process.stdout.isTTY), width: 100 }).text,
  );
  return 0;
}

/** `ask` flags: --json (the JSON contract), --thread (stdin lines are one conversation). */
function parseAskArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" }, thread: { type: "boolean" } },
  });
}

async function chat(k: Knowledge, config: Config): Promise<number> {
  // Logs would interleave with the conversation: only warnings, to stderr.
  const log = createLogger({
    level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL,
    destination: process.stderr,
  });
  await runChat(k, {
    input: process.stdin,
    output: process.stdout,
    log,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    maxInputChars: config.MAX_INPUT_CHARS,
  });
  return 0;
}

async function serve(
  knowledge: Knowledge,
  config: Config,
  platforms: EnabledPlatform[],
  env: Env,
): Promise<number> {
  const log = createLogger({
    level: config.LOG_LEVEL,
    pretty: wantsPretty(config.LOG_FORMAT, Boolean(process.stdout.isTTY)),
    secretNames: [...SHARED_SECRETS, ...SECRET_NAMES],
    secretValues: [...SHARED_SECRETS, ...SECRET_NAMES].map((name) => env[name]),
  });
  // The effective settings, shared and per platform, for support; the logger redacts the secrets.
  const settings = Object.assign({}, config, ...platforms.map((p) => p.settings as object));
  log.debug({ config: settings }, "configuration");
  const metrics = new Metrics({ processMetrics: true });
  const sink = new ErrorSink(log, metrics);
  const store = instrumentStore(
    await createStore(config.STORE_URL, {
      stateDir: config.STATE_DIR,
      ttlSeconds: config.CONVERSATION_TTL_SECONDS,
      logger: log,
    }),
    metrics,
  );
  const rateLimiter = createRateLimiter(store, {
    burst: config.RATE_LIMIT_BURST,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  const conversations = new Conversations(knowledge, store, log, {
    maxInputChars: config.MAX_INPUT_CHARS,
    rateLimiter,
    metrics,
  });
  const decisionStore = await createDecisionStore(config.STORE_URL, {
    stateDir: config.STATE_DIR,
    ttlSeconds: config.DECISION_TTL_SECONDS,
    recordTtlSeconds: config.DECISION_RECORD_TTL_SECONDS,
  });
  const decisions = new DecisionDesk({ knowledge, store: decisionStore, conversations: store, log });
  const feedbackStore = await createFeedbackStore(config.STORE_URL, {
    stateDir: config.STATE_DIR,
    feedbackTtlSeconds: config.FEEDBACK_TTL_SECONDS,
    reviewTextTtlSeconds: config.REVIEW_TEXT_TTL_SECONDS,
    logger: log,
  });
  const feedback = new Feedback({ store: feedbackStore, keepText: config.KEEP_REVIEW_TEXT, log, metrics });
  const dispatcher = new Dispatcher({ conversations, sink, log, feedback, decisions });

  const running: PlatformAdapter[] = [];
  let stopping = false;
  let started = false;
  const ops = createOpsHandler({
    store,
    metrics,
    platforms: { expected: platforms.map((p) => p.module.name), running },
    isStopping: () => stopping,
    review: { token: config.REVIEW_TOKEN, load: (days) => loadReview(feedbackStore, days) },
  });

  // During start-up a crash ends the process (through the logger: redacted, one JSON line).
  // Afterwards a failure inside one request or one dispatch that escaped every handler is
  // recorded and counted, and the bot goes on answering the next one.
  const escaped = (what: string) => (err: unknown) => {
    if (!started) {
      log.fatal({ err }, what);
      process.exit(1);
    }
    sink.report("unhandled", err, what);
  };
  process.on("uncaughtException", escaped("uncaught exception"));
  process.on("unhandledRejection", escaped("unhandled promise rejection"));

  // Listen for signals before connecting anything, so a stop during start-up is clean too. The
  // first signal also arms a safety net: whatever hangs, the process is gone shortly after the
  // shutdown budget. A second signal exits at once.
  const budgetMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    let received = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      received += 1;
      if (received > 1) {
        log.warn({ signal }, "second signal during shutdown; exiting now");
        process.exit(1);
      }
      stopping = true;
      setTimeout(() => {
        log.error("shutdown took too long; exiting");
        process.exit(1);
      }, budgetMs + 5000).unref();
      resolve(signal);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });

  // The operations routes share the HTTP server of a platform that runs one (Slack in HTTP
  // mode); otherwise they get a server of their own on PORT.
  const http = platforms.find((p) => p.module.servesHttp(p.settings));
  const routes = { paths: OPS_PATHS, handle: ops };
  let opsServer: OpsServer | undefined;
  let port: number | undefined;
  try {
    if (!http) {
      opsServer = await startOpsServer(ops, config.PORT);
      port = opsServer.port;
    }
    for (const { module, settings } of platforms) {
      const deps = {
        dispatcher,
        knowledge,
        log,
        sink,
        metrics,
        config,
        ...(module === http?.module ? { routes } : {}),
      };
      const adapter = await module.create(deps, settings);
      await adapter.start();
      running.push(adapter);
      port ??= adapter.port;
    }
  } catch (err) {
    stopping = true;
    await Promise.allSettled(running.map((p) => p.stop()));
    await opsServer?.close();
    await store.close();
    await decisionStore.close();
    await feedbackStore.close();
    throw err;
  }
  started = true;
  log.info(
    { platforms: running.map((p) => p.name), store: store.kind, port, rateLimit: rateLimiter?.kind ?? "off" },
    "stackwise started",
  );

  const signal = await signalled;
  // Card edits waiting out their interval go out before the platforms disconnect (bounded).
  await Promise.race([decisions.settled(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  const code = await shutdown(signal, {
    log,
    running,
    dispatcher,
    opsServer,
    store,
    feedbackStore,
    budgetMs,
  });
  await decisions.settled();
  await decisionStore.close();
  return code;
}

interface Running {
  log: Logger;
  running: PlatformAdapter[];
  dispatcher: Dispatcher;
  opsServer: OpsServer | undefined;
  store: ConversationStore;
  feedbackStore: FeedbackStore;
  budgetMs: number;
}

/**
 * The graceful stop: /readyz turns 503, platforms stop taking events (and wait for the turns in
 * flight, within SHUTDOWN_TIMEOUT_SECONDS), then the operations server and the store close. 0 when everything finished, 1 when turns had to be abandoned.
 */
async function shutdown(signal: NodeJS.Signals, r: Running): Promise<number> {
  const started = performance.now();
  r.log.info({ signal, inFlight: r.dispatcher.inFlight }, "shutting down");
  // Each platform stops taking events, lets what is in flight finish (bounded), then disconnects.
  await Promise.allSettled(r.running.map((p) => p.stop()));
  const drained = await r.dispatcher.drain(Math.max(0, r.budgetMs - (performance.now() - started)));
  if (!drained) r.log.warn({ inFlight: r.dispatcher.inFlight }, "gave up waiting for turns in flight");
  await r.opsServer?.close();
  await r.store.close();
  await r.feedbackStore.close();
  r.log.info({ ms: Math.round(performance.now() - started) }, "stopped");
  const code = drained ? 0 : 1;
  // Whatever handle a library may still hold (a keep-alive socket, a timer) must not keep the
  // process up: leave a moment for the last log line, then exit.
  setTimeout(() => process.exit(code), 1000).unref();
  return code;
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
      // Start-up failures (a refused token, a port in use) can carry request details: scrubbed.
      console.error(scrubText(err instanceof Error ? (err.stack ?? err.message) : String(err)));
    }
    process.exitCode = 2;
  },
);
