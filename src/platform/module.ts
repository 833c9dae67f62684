import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { Knowledge } from "../engine/knowledge.js";
import type { Config, Env } from "../runtime/config.js";
import type { ErrorSink } from "../runtime/errors.js";
import type { Logger } from "../runtime/logger.js";
import type { Metrics } from "../runtime/metrics.js";
import type { PlatformAdapter } from "./contract.js";
import type { Dispatcher } from "./dispatch.js";

/** HTTP routes served next to a platform's own endpoint (the operations routes on Slack's server). */
export interface HttpRoutes {
  /** Exact paths, e.g. "/healthz". */
  paths: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** What the composition root hands every adapter. */
export interface AdapterDeps {
  dispatcher: Dispatcher;
  /** For dataset-driven UI only (autocomplete lists); adapters never interpret it. */
  knowledge: Knowledge;
  log: Logger;
  sink: ErrorSink;
  metrics?: Metrics;
  /** The shared settings (PORT, MAX_INPUT_CHARS...). */
  config: Config;
  /** Routes to serve too, when the adapter runs an HTTP server of its own. */
  routes?: HttpRoutes;
}

/**
 * A platform as the composition root sees it (after vercel/chat's adapters/index.ts catalogue):
 * its environment variables with their zod schema, whether the environment switches it on, which
 * of its variables are secrets (the logger redacts them), and how to build its adapter.
 */
export interface AdapterModule<E = unknown> {
  readonly name: string;
  /** Validates the platform's variables; unset and empty values count as absent. */
  readonly env: z.ZodType<E>;
  /** True when the environment asks for this platform (one of its credentials is set). */
  enabled(env: Env): boolean;
  /** Names of variables whose values are secrets: never logged, never echoed. */
  readonly secrets: readonly string[];
  /** True when the adapter runs an HTTP server on PORT (then it also serves `deps.routes`). */
  servesHttp(env: E): boolean;
  /**
   * Builds the adapter; nothing connects until start(). Asynchronous so a module can load its
   * platform library only when the platform is on.
   */
  create(deps: AdapterDeps, env: E): Promise<PlatformAdapter>;
}
