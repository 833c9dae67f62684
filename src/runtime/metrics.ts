import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { ConversationStore } from "./store/types.js";

export interface MetricsOptions {
  /**
   * Also export Node's process metrics (CPU, memory, event loop lag) under their standard names
   * (`process_*`, `nodejs_*`), so stock dashboards work; ours all start with `stackwise_`.
   */
  processMetrics?: boolean;
}

/**
 * What failed: store (a store operation), turn (a turn threw), rate_limiter, engine (the engine
 * caught a bug of its own), platform (a platform call failed; see stackwise_platform_errors_total),
 * malformed_event (a platform delivery the bot could not read), unhandled (an error that escaped
 * every handler: a bug).
 */
export type ErrorKind =
  | "store"
  | "turn"
  | "rate_limiter"
  | "engine"
  | "platform"
  | "malformed_event"
  | "unhandled";

/** What gets counted, labelled so dashboards can split by platform and intent. */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns: Counter<"platform" | "intent">;
  private readonly turnDuration: Histogram<"platform">;
  private readonly errors: Counter<"kind">;
  private readonly platformErrors: Counter<"platform" | "kind">;
  private readonly limited: Counter<"platform">;
  private readonly activeFlows: Gauge;
  private readonly storeDuration: Histogram<"store" | "operation" | "outcome">;
  private flows = 0;
  private readonly feedbackVotes: Counter<"vote">;
  private readonly clarifications: Counter;
  private readonly unansweredTurns: Counter;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.turns = new Counter({
      name: "stackwise_turns_total",
      help: "Conversation turns answered, by platform and reply intent.",
      labelNames: ["platform", "intent"],
      registers,
    });
    this.turnDuration = new Histogram({
      name: "stackwise_turn_duration_seconds",
      help: "Time from receiving a turn to having its reply (store round trips included).",
      labelNames: ["platform"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.errors = new Counter({
      name: "stackwise_errors_total",
      help: "Errors by kind: store, turn, rate_limiter, engine, platform, malformed_event, unhandled.",
      labelNames: ["kind"],
      registers,
    });
    this.platformErrors = new Counter({
      name: "stackwise_platform_errors_total",
      help: "Failed platform calls, by platform and what the failure meant (not-allowed, gone, rate-limited, other).",
      labelNames: ["platform", "kind"],
      registers,
    });
    this.limited = new Counter({
      name: "stackwise_rate_limited_total",
      help: "Turns refused by the per-user rate limit (the first one of a burst gets a polite reply).",
      labelNames: ["platform"],
      registers,
    });
    this.activeFlows = new Gauge({
      name: "stackwise_active_flows",
      help: "Guided recommendations waiting for an answer (approximate: this process's view, no expiry).",
      registers,
    });
    this.storeDuration = new Histogram({
      name: "stackwise_store_operation_duration_seconds",
      help: "Conversation store operations, by store kind, operation and outcome (ok or error).",
      labelNames: ["store", "operation", "outcome"],
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
      registers,
    });
    this.feedbackVotes = new Counter({
      name: "stackwise_feedback_total",
      help: "Votes on answers (helpful, not-helpful); a changed vote counts again.",
      labelNames: ["vote"],
      registers,
    });
    this.clarifications = new Counter({
      name: "stackwise_clarifications_total",
      help: "Replies that asked the user to clarify (intent clarify).",
      registers,
    });
    this.unansweredTurns = new Counter({
      name: "stackwise_unanswered_total",
      help: "Questions the bot could not answer (not covered by the page, or the help fallback).",
      registers,
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  turn(platform: string, intent: string, seconds: number): void {
    this.turns.inc({ platform, intent });
    this.turnDuration.observe({ platform }, seconds);
  }

  error(kind: ErrorKind): void {
    this.errors.inc({ kind });
  }

  /** A failed platform call; also counted as an error of kind "platform". */
  platformError(platform: string, kind: string): void {
    this.platformErrors.inc({ platform, kind });
    this.error("platform");
  }

  rateLimited(platform: string): void {
    this.limited.inc({ platform });
  }

  /** +1 when a conversation entered a guided flow question, -1 when it left the flow. */
  flowDelta(delta: number): void {
    if (delta === 0) return;
    // Never below zero (a flow started before this process started and finished here).
    this.flows = Math.max(0, this.flows + delta);
    this.activeFlows.set(this.flows);
  }

  storeOperation(store: string, operation: string, seconds: number, ok: boolean): void {
    this.storeDuration.observe({ store, operation, outcome: ok ? "ok" : "error" }, seconds);
    if (!ok) this.error("store");
  }

  /** A vote on an answer ("helpful" or "not-helpful"). */
  feedback(vote: string): void {
    this.feedbackVotes.inc({ vote });
  }

  /** A reply that could not answer: the engine asked to clarify, or it was not covered. */
  unanswered(kind: "clarify" | "unanswered"): void {
    if (kind === "clarify") this.clarifications.inc();
    else this.unansweredTurns.inc();
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Times every store operation into `metrics`; behaves exactly like `store` otherwise. */
export function instrumentStore(store: ConversationStore, metrics: Metrics): ConversationStore {
  const timed = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      const result = await run();
      metrics.storeOperation(store.kind, operation, (performance.now() - started) / 1000, true);
      return result;
    } catch (err) {
      metrics.storeOperation(store.kind, operation, (performance.now() - started) / 1000, false);
      throw err;
    }
  };
  const instrumented: ConversationStore = {
    kind: store.kind,
    load: (key) => timed("load", () => store.load(key)),
    save: (key, state, expected) => timed("save", () => store.save(key, state, expected)),
    claimEvent: (eventId) => timed("claim_event", () => store.claimEvent(eventId)),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  const takeToken = store.takeToken?.bind(store);
  if (takeToken) {
    instrumented.takeToken = (bucket, limit) => timed("take_token", () => takeToken(bucket, limit));
  }
  return instrumented;
}
