/**
 * The HTTP server in front of Bolt's HTTPReceiver (HTTP mode). Bolt verifies signatures and
 * dispatches; this server adds what Bolt leaves out:
 * - a signed timestamp more than 5 minutes in the future is refused like a stale one (Slack's
 *   rule is a 5-minute window; Bolt checks only the past);
 * - a signed body that is not an object (`null`, a number, a payload that is not JSON) gets 400
 *   here, instead of a TypeError inside Bolt's request handler that nothing catches;
 * - header and request timeouts in seconds (Node's defaults let a slow client hold a socket for
 *   5 minutes);
 * - the operations routes (/healthz, /readyz, /metrics) on the same port.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { type HTTPReceiver, isValidSlackRequest } from "@slack/bolt";
import type { ErrorSink, HttpRoutes, Logger } from "../../src/index.js";

/** Where Slack sends commands, events and interactions (the manifest's request URLs). */
export const EVENTS_PATH = "/slack/events";
/** Slack's signature window, in seconds, both ways. */
const MAX_SKEW_SECONDS = 5 * 60;
/** Bolt's own limit on request bodies. */
const BODY_LIMIT = 4 * 1024 * 1024;

export interface ServerTimeouts {
  /** Time to receive a request's headers (Node's default: 60 s). */
  headersMs: number;
  /** Time to receive a whole request (Node's default: 300 s). */
  requestMs: number;
  /** How often Node checks those timeouts (Node's default: 30 s). */
  checkEveryMs: number;
}

/** Seconds, not Node's minutes: Slack itself gives up on a request after 3 s. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 5_000, requestMs: 10_000, checkEveryMs: 1_000 };

interface FrontOptions {
  receiver: HTTPReceiver;
  signingSecret: string;
  log: Logger;
  sink: ErrorSink;
  routes?: HttpRoutes;
  timeouts?: ServerTimeouts;
}

/** Creates (does not start) the server. */
export function createSlackServer(options: FrontOptions): Server {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const server = createServer({ connectionsCheckingInterval: timeouts.checkEveryMs }, (req, res) => {
    handle(options, req, res).catch((err: unknown) => {
      options.sink.report("unhandled", err, "slack request failed");
      if (!res.headersSent) reply(res, 500);
      else res.end();
    });
  });
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = Math.min(5_000, timeouts.headersMs);
  return server;
}

async function handle(o: FrontOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (o.routes?.paths.includes(path)) return o.routes.handle(req, res);
  if (path !== EVENTS_PATH || req.method !== "POST") return reply(res, 404);
  const body = await readBody(req);
  if (body === null) return reply(res, 413);
  const raw = body.toString("utf8");
  const form = String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
    ? parseQuery(raw)
    : undefined;
  // Slack's SSL check is unsigned and carries nothing: Bolt answers it.
  if (form?.ssl_check !== "1") {
    const timestamp = Number(req.headers["x-slack-request-timestamp"]);
    const signature = req.headers["x-slack-signature"];
    const skew = Math.abs(Date.now() / 1000 - timestamp);
    const valid =
      typeof signature === "string" &&
      skew <= MAX_SKEW_SECONDS &&
      isValidSlackRequest({
        signingSecret: o.signingSecret,
        body: raw,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      });
    if (!valid) {
      o.log.warn(
        { skewSeconds: Number.isFinite(skew) ? Math.round(skew) : null },
        "refused an unsigned or stale Slack request",
      );
      return reply(res, 401);
    }
    if (!isObjectBody(raw, form)) {
      o.sink.report(
        "malformed_event",
        new Error("a signed Slack request whose body is not an object"),
        "refused a malformed Slack request",
      );
      return reply(res, 400);
    }
  }
  // Bolt takes a body already read (BufferedIncomingMessage); its own signature check is off,
  // since every request reaching it was verified here.
  Object.assign(req, { rawBody: body });
  o.receiver.requestListener(req, res);
}

/** True for what Bolt can take: a JSON object, or a form whose `payload` (if any) is a JSON object. */
function isObjectBody(raw: string, form: ReturnType<typeof parseQuery> | undefined): boolean {
  try {
    if (form)
      return (
        form.payload === undefined || (typeof form.payload === "string" && isObject(JSON.parse(form.payload)))
      );
    return isObject(JSON.parse(raw));
  } catch {
    return false;
  }
}

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > BODY_LIMIT ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
