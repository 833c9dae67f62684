import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { Feedback } from "../../src/feedback/feedback.js";
import type { AdapterDeps, HttpRoutes } from "../../src/index.js";
import { compile, type Knowledge, loadDataset } from "../../src/index.js";
import { DecisionDesk } from "../../src/platform/decisions/desk.js";
import { Dispatcher } from "../../src/platform/dispatch.js";
import { loadConfig } from "../../src/runtime/config.js";
import { Conversations } from "../../src/runtime/conversations.js";
import { ErrorSink } from "../../src/runtime/errors.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { Metrics } from "../../src/runtime/metrics.js";
import type { RateLimiter } from "../../src/runtime/rate-limit.js";
import { MemoryDecisionStore } from "../../src/runtime/store/decision-memory.js";
import type { DecisionStore } from "../../src/runtime/store/decision-types.js";
import { MemoryFeedbackStore } from "../../src/runtime/store/feedback-memory.js";
import type { FeedbackStore } from "../../src/runtime/store/feedback-types.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";

let knowledge: Knowledge | undefined;
export function testKnowledge(): Knowledge {
  knowledge ??= compile(loadDataset(fileURLToPath(new URL("../../data", import.meta.url))));
  return knowledge;
}

export interface TestDepsOptions {
  log?: Logger;
  store?: ConversationStore;
  rateLimiter?: RateLimiter;
  maxInputChars?: number;
  routes?: HttpRoutes;
  /** Backoff of rate-limited platform calls (ms per retry). */
  backoffMs?: number[];
  /** How long a stale click waits for another instance's post (default: the dispatcher's). */
  staleGraceMs?: number;
  /** Team decisions' store (default: a fresh memory store). */
  decisionStore?: DecisionStore;
  /** Least time between two edits of a decision card (default: the desk's 1,000 ms). */
  cardIntervalMs?: number;
  /** Where feedback goes (default: a fresh memory store, as production always has one). */
  feedbackStore?: FeedbackStore;
  /** KEEP_REVIEW_TEXT (default true). */
  keepReviewText?: boolean;
  /** The feedback clock (ms), to seed several days. */
  now?: () => number;
}

/** What main.ts hands an adapter, over a memory store (or the one given), with real metrics. */
export function testDeps(options: TestDepsOptions = {}): {
  deps: AdapterDeps;
  conversations: Conversations;
  dispatcher: Dispatcher;
  metrics: Metrics;
  decisions: DecisionDesk;
  feedback: Feedback;
  feedbackStore: FeedbackStore;
} {
  const log = options.log ?? silentLogger;
  const metrics = new Metrics();
  const store = options.store ?? new MemoryStore();
  const conversations = new Conversations(testKnowledge(), store, log, {
    maxInputChars: options.maxInputChars ?? 2000,
    metrics,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  });
  const sink = new ErrorSink(log, metrics);
  const decisions = new DecisionDesk({
    knowledge: testKnowledge(),
    store: options.decisionStore ?? new MemoryDecisionStore(),
    conversations: store,
    log,
    ...(options.cardIntervalMs !== undefined ? { cardIntervalMs: options.cardIntervalMs } : {}),
  });
  const feedbackStore = options.feedbackStore ?? new MemoryFeedbackStore();
  const feedback = new Feedback({
    store: feedbackStore,
    keepText: options.keepReviewText ?? true,
    log,
    metrics,
    ...(options.now ? { now: options.now } : {}),
  });
  const dispatcher = new Dispatcher({
    decisions,
    feedback,
    conversations,
    sink,
    log,
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    ...(options.staleGraceMs !== undefined ? { staleGraceMs: options.staleGraceMs } : {}),
  });
  const config = loadConfig({ NODE_ENV: "test", PORT: "0", SHUTDOWN_TIMEOUT_SECONDS: "5" });
  const deps: AdapterDeps = {
    dispatcher,
    knowledge: testKnowledge(),
    log,
    sink,
    metrics,
    config,
    ...(options.routes ? { routes: options.routes } : {}),
  };
  return { deps, conversations, dispatcher, metrics, decisions, feedback, feedbackStore };
}
