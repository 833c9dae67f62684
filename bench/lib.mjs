// Shared helpers for the benchmarks: the built output, percentiles, config that never throttles.
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const dist = new URL(
  process.env.STACKWISE_DIST ? `file://${process.env.STACKWISE_DIST}/` : "../dist/",
  import.meta.url,
);
export const fromDist = (path) => import(new URL(path, dist).href);

/** Nearest-rank percentile of an unsorted sample. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Environment settings so a benchmark is never rate limited: the per-user limit (when this build's
 * config has one) set far above anything a benchmark sends. Read from the config schema at run time.
 */
export async function noThrottleEnv() {
  const { configSchema } = await fromDist("src/runtime/config.js");
  const shape =
    configSchema?.shape ?? configSchema?._def?.schema?.shape ?? configSchema?.def?.in?.shape ?? {};
  const env = {};
  const keys = Object.keys(shape);
  if (keys.includes("RATE_LIMIT_BURST")) env.RATE_LIMIT_BURST = "1000000000";
  if (keys.includes("RATE_LIMIT_PER_MINUTE")) env.RATE_LIMIT_PER_MINUTE = "1000000000";
  return { env, fields: Object.keys(env) };
}

/**
 * What main.ts hands an adapter, built from dist/: a real turn service over a memory store, or,
 * with `answer`, one that hands back that reply at once (the adapter path alone: no store, no
 * engine, no dedupe).
 */
export async function benchDeps(knowledge, { answer } = {}) {
  const { Conversations, Dispatcher, ErrorSink, MemoryStore, loadConfig, silentLogger } =
    await fromDist("src/index.js");
  const config = loadConfig({ PORT: "0", ...(await noThrottleEnv()).env });
  const conversations = answer
    ? precomputedTurns(answer)
    : new Conversations(knowledge, new MemoryStore(), silentLogger, {
        maxInputChars: config.MAX_INPUT_CHARS,
      });
  const sink = new ErrorSink(silentLogger);
  const dispatcher = new Dispatcher({ conversations, sink, log: silentLogger });
  return { dispatcher, knowledge, log: silentLogger, sink, config };
}

/** A turn service that answers every turn with `reply`, computed beforehand. */
function precomputedTurns(reply) {
  const answered = { status: "answered", reply };
  return {
    isActive: async () => true,
    claim: async () => true,
    once: async () => true,
    onceHere: () => false,
    turn: async () => answered,
    open: async (_request, publish) => {
      await publish(reply);
      return answered;
    },
  };
}
