import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the fake received it. */
export interface RecordedCall {
  method: string;
  /** Form fields or JSON body; JSON-valued form fields (blocks, attachments) are parsed. */
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The `ts` the fake answered with (chat.postMessage). */
  ts?: string;
}

/** A message as the user would see it now: posted, then possibly updated. */
export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: Record<string, unknown>[];
  updates: number;
}

/** An HTTP answer of the fake. */
type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

type Override = (call: RecordedCall) => { status?: number; body: Record<string, unknown> } | undefined;

/** A message shown to one user only (chat.postEphemeral, or a response_url reply): Slack keeps no copy to update. */
export interface FakeEphemeral {
  channel: string;
  user: string | undefined;
  threadTs: string | undefined;
  text: string;
  blocks: Record<string, unknown>[];
  /** Where it came from: "chat.postEphemeral" or the response_url it was posted to. */
  via: string;
  /** The ts Slack gives it in the payloads of clicks on it. */
  ts: string;
}

/** A modal opened with views.open, as Slack holds it for the user. */
export interface FakeView {
  id: string;
  hash: string;
  triggerId: string;
  view: Record<string, unknown>;
}

/** A workspace member as users.info describes them. */
export interface FakeUser {
  id: string;
  name: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

/**
 * A local stand-in for https://slack.com/api/: records every call and answers the way Slack does
 * for the methods the bot uses. Point the app at `url` (clientOptions.slackApiUrl).
 */
export class FakeSlackWebApi {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views: FakeView[] = [];
  /** users.info answers from here; unknown users are plain members. */
  readonly users = new Map<string, FakeUser>();
  /**
   * Edits of one message allowed per second before chat.update answers HTTP 429 with
   * Retry-After (Slack asks apps to update a message no more than about once a second; its
   * Tier 3 limit is about 50 a minute). Infinity: no limit.
   */
  updatesPerSecond = Number.POSITIVE_INFINITY;
  /** chat.update calls refused with 429 so far. */
  rateLimited = 0;
  private readonly updateTimes = new Map<string, number[]>();
  /** trigger_ids already exchanged for a modal: Slack takes each once (and for 3 s only). */
  private readonly usedTriggers = new Set<string>();
  private server: Server | undefined;
  private held: Array<{ predicate: (call: RecordedCall) => boolean; release?: () => void }> = [];
  private seq = 100;
  private overrides: Override[] = [];
  private waiters: Array<() => void> = [];

  constructor(
    readonly identity = { user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "stackwise", team: "Test" },
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, headers }) => {
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Base URL with the trailing slash Bolt needs. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error("fake Slack Web API not started");
    return `http://127.0.0.1:${address.port}/api/`;
  }

  /** Answers the next matching call(s) differently, e.g. with `{ ok: false, error: "not_in_channel" }`. */
  override(fn: Override): void {
    this.overrides.push(fn);
  }

  clearOverrides(): void {
    this.overrides = [];
  }

  /**
   * Calls matching `predicate` are recorded but never answered (nor take effect) until release():
   * a Slack that is slow, for a bot to be killed while it waits.
   */
  hold(predicate: (call: RecordedCall) => boolean): void {
    this.held.push({ predicate });
  }

  /** Answers the held calls with an error and stops holding. */
  release(): void {
    for (const h of this.held.splice(0)) h.release?.();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls that put something in front of a user (posts, updates, ephemerals). */
  visibleCalls(): RecordedCall[] {
    return this.calls.filter((c) => /^chat\.(postMessage|update|postEphemeral)$/.test(c.method));
  }

  /** Messages in a thread (its root included), oldest first, as they look now. */
  thread(channel: string, rootTs: string): FakeMessage[] {
    return [...this.messages.values()].filter(
      (m) => m.channel === channel && (m.ts === rootTs || m.threadTs === rootTs),
    );
  }

  /** Resolves with the first call (already made or coming) to `method` that matches. */
  async waitForCall(
    method: string | RegExp,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
    after = 0,
  ): Promise<RecordedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls
        .slice(after)
        .find(
          (c) => (typeof method === "string" ? c.method === method : method.test(c.method)) && predicate(c),
        );
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.calls.map((c) => c.method).join(", ") || "none";
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${String(method)} (calls so far: ${seen})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until no call has arrived for `quietMs` (to assert that nothing more gets posted). */
  async settle(quietMs = 300): Promise<void> {
    let count = -1;
    while (count !== this.calls.length) {
      count = this.calls.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = decodeURIComponent((req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "");
    const call: RecordedCall = {
      method,
      body: parseBody(raw, req.headers["content-type"]),
      authorization: req.headers.authorization,
    };
    this.calls.push(call);
    const held = this.held.find((h) => h.predicate(call));
    if (held) {
      for (const wake of this.waiters.splice(0)) wake();
      await new Promise<void>((resolve) => {
        held.release = resolve;
      });
      return { status: 200, body: { ok: false, error: "internal_error" } };
    }
    const answer = this.answer(call);
    for (const wake of this.waiters.splice(0)) wake();
    return answer;
  }

  private answer(call: RecordedCall): Answer {
    for (const fn of this.overrides) {
      const custom = fn(call);
      if (custom) return { status: custom.status ?? 200, body: custom.body };
    }
    const b = call.body;
    const channel = typeof b.channel === "string" ? b.channel : "";
    switch (call.method) {
      case "auth.test":
        return { status: 200, body: { ok: true, ...this.identity, url: "https://test.slack.com/" } };
      case "chat.postMessage": {
        const ts = this.nextTs();
        call.ts = ts;
        const message: FakeMessage = {
          channel,
          ts,
          threadTs: typeof b.thread_ts === "string" ? b.thread_ts : undefined,
          text: String(b.text ?? ""),
          blocks: Array.isArray(b.blocks) ? (b.blocks as Record<string, unknown>[]) : [],
          updates: 0,
        };
        this.messages.set(`${channel}/${ts}`, message);
        return {
          status: 200,
          body: {
            ok: true,
            channel,
            ts,
            message: {
              type: "message",
              bot_id: this.identity.bot_id,
              user: this.identity.user_id,
              text: message.text,
              ts,
              ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
              blocks: message.blocks,
            },
          },
        };
      }
      case "chat.update": {
        const ts = String(b.ts ?? "");
        const key = `${channel}/${ts}`;
        const now = Date.now();
        const recent = (this.updateTimes.get(key) ?? []).filter((t) => t > now - 1000);
        if (recent.length >= this.updatesPerSecond) {
          this.rateLimited++;
          return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": "1" } };
        }
        this.updateTimes.set(key, [...recent, now]);
        // Slack keeps no copy of an ephemeral message: chat.update cannot find it.
        const message = this.messages.get(`${channel}/${ts}`);
        if (!message) return { status: 200, body: { ok: false, error: "message_not_found" } };
        message.text = String(b.text ?? message.text);
        if (Array.isArray(b.blocks)) message.blocks = b.blocks as Record<string, unknown>[];
        message.updates++;
        return { status: 200, body: { ok: true, channel, ts, text: message.text } };
      }
      case "views.open": {
        const triggerId = String(b.trigger_id ?? "");
        if (!triggerId) return { status: 200, body: { ok: false, error: "invalid_arguments" } };
        if (this.usedTriggers.has(triggerId))
          return { status: 200, body: { ok: false, error: "trigger_exchanged" } };
        this.usedTriggers.add(triggerId);
        const view = (typeof b.view === "string" ? tryJson(b.view) : b.view) as Record<string, unknown>;
        // View ids and hashes are unique across workspaces and time, as Slack's are (a store shared
        // between test runs must never see one twice).
        const unique = randomUUID().replace(/-/g, "").toUpperCase();
        const opened: FakeView = {
          id: `V${unique.slice(0, 10)}`,
          hash: `${Date.now()}.${unique.slice(10, 18)}`,
          triggerId,
          view,
        };
        this.views.push(opened);
        return { status: 200, body: { ok: true, view: { ...view, id: opened.id, hash: opened.hash } } };
      }
      case "users.info": {
        const id = String(b.user ?? "");
        const user = this.users.get(id) ?? { id, name: id.toLowerCase() };
        return {
          status: 200,
          body: { ok: true, user: { is_admin: false, is_owner: false, is_primary_owner: false, ...user } },
        };
      }
      case "chat.postEphemeral": {
        const ts = this.nextTs();
        this.ephemeral(call, channel, typeof b.user === "string" ? b.user : undefined, ts);
        return { status: 200, body: { ok: true, message_ts: ts } };
      }
      default:
        // A response_url reply (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses).
        if (call.method.startsWith("response/") && b.response_type === "ephemeral" && !b.replace_original) {
          this.ephemeral(call, channel, undefined, this.nextTs());
        }
        return { status: 200, body: { ok: true } };
    }
  }

  private ephemeral(call: RecordedCall, channel: string, user: string | undefined, ts: string): void {
    const b = call.body;
    this.ephemerals.push({
      channel,
      user,
      threadTs: typeof b.thread_ts === "string" ? b.thread_ts : undefined,
      text: String(b.text ?? ""),
      blocks: Array.isArray(b.blocks) ? (b.blocks as Record<string, unknown>[]) : [],
      via: call.method,
      ts,
    });
  }

  /** Unique, increasing, Slack-shaped timestamps. */
  private nextTs(): string {
    this.seq += 1;
    return `1700000000.${String(this.seq).padStart(6, "0")}`;
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
