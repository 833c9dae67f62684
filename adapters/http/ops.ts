/**
 * Operations endpoints: GET /healthz (the process is alive), GET /readyz (the store answers and
 * every platform is connected), GET /metrics (Prometheus), GET /review (the editors' review, behind REVIEW_TOKEN: review-page.ts). Served on the HTTP server of a platform
 * that runs one (Slack in HTTP mode), else on a small server of their own on PORT.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConversationStore, Metrics, PlatformAdapter } from "../../src/index.js";
import { type ReviewDeps, serveReview } from "./review-page.js";

/** A started platform as /readyz sees it. */
type RunningPlatform = Pick<PlatformAdapter, "name" | "isReady">;

export interface OpsDeps {
  store: Pick<ConversationStore, "kind" | "ping">;
  metrics: Metrics;
  /** Platforms that should run, and those started so far (the composition root fills `running`). */
  platforms: { expected: readonly string[]; running: readonly RunningPlatform[] };
  /** True once a shutdown began: /readyz answers 503 so load balancers stop sending traffic. */
  isStopping?: () => boolean;
  /** A store ping slower than this counts as not ready (default 1 s). */
  pingTimeoutMs?: number;
  /** GET /review (issue 14); absent or without a token: 404. */
  review?: ReviewDeps;
}

export interface Readiness {
  ready: boolean;
  /** What is not ready, e.g. ["store", "discord"] or ["shutting down"]. */
  notReady: string[];
  checks: Record<string, "ok" | "not ready" | "starting" | "unreachable">;
}

export const OPS_PATHS = ["/healthz", "/readyz", "/metrics", "/review"] as const;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The three routes as one request handler; answers 404/405 for anything else. */
export function createOpsHandler(deps: OpsDeps): Handler {
  const routes: Record<string, Handler> = {
    "/healthz": async (_req, res) => send(res, 200, "application/json", JSON.stringify({ status: "ok" })),
    "/readyz": async (_req, res) => {
      const readiness = await checkReadiness(deps);
      send(res, readiness.ready ? 200 : 503, "application/json", JSON.stringify(readiness));
    },
    "/metrics": async (_req, res) => {
      const { contentType, body } = await deps.metrics.render();
      send(res, 200, contentType, body);
    },
    "/review": (req, res) => serveReview(req, res, deps.review),
  };
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = routes[path];
    if (!route) return send(res, 404, "application/json", JSON.stringify({ error: "not found" }));
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(res, 405, "application/json", JSON.stringify({ error: "method not allowed" }));
    }
    try {
      await route(req, res);
    } catch {
      if (!res.headersSent) send(res, 500, "application/json", JSON.stringify({ error: "internal error" }));
      else res.end();
    }
  };
}

export async function checkReadiness(deps: OpsDeps): Promise<Readiness> {
  const checks: Readiness["checks"] = {};
  const notReady: string[] = [];
  if (deps.isStopping?.()) notReady.push("shutting down");
  const storeOk = await pingWithin(deps.store, deps.pingTimeoutMs ?? 1000);
  checks.store = storeOk ? "ok" : "unreachable";
  if (!storeOk) notReady.push("store");
  for (const name of deps.platforms.expected) {
    const platform = deps.platforms.running.find((p) => p.name === name);
    const state = !platform ? "starting" : platform.isReady() ? "ok" : "not ready";
    checks[name] = state;
    if (state !== "ok") notReady.push(name);
  }
  return { ready: notReady.length === 0, notReady, checks };
}

async function pingWithin(store: Pick<ConversationStore, "ping">, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([store.ping().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(res.req?.method === "HEAD" ? undefined : body);
}

export interface OpsServer {
  readonly port: number;
  readonly server: Server;
  /** Stops listening and closes idle keep-alive connections. */
  close(): Promise<void>;
}

/** The routes on a server of their own (Discord only, or Slack in Socket Mode). */
export async function startOpsServer(handler: Handler, port: number, host?: string): Promise<OpsServer> {
  // Probes are short requests: a slow client gets seconds, not Node's default 5 minutes, and an
  // idle keep-alive socket never holds a shutdown.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => void handler(req, res));
  server.headersTimeout = 5000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
