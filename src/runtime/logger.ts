import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Paths pino blanks in every log line, wherever a secret could travel. The platforms' own secret
 * variables (SLACK_BOT_TOKEN...) are added from what each adapter declares (createLogger's
 * `secretNames`).
 */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  "headers.cookie",
  "*.headers.cookie",
  "password",
  "*.password",
  "STORE_URL",
  "*.STORE_URL",
];

const CENSOR = "[redacted]";

/**
 * Secret shapes scrubbed from every string that reaches a log line (messages, error messages and
 * stacks, nested fields): Slack tokens, Slack request signatures, Discord bot tokens, HTTP
 * credentials, and passwords in URLs.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(?:xox[abeoprs]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]+/g, CENSOR],
  [/\bv0=[0-9a-f]{64}\b/g, CENSOR],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g, CENSOR],
  [/\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${CENSOR}`],
  [/(\/\/[^/\s:@]*:)[^@\s/]+@/g, `$1${CENSOR}@`],
];

/** Field names whose values are secrets, whatever their shape. */
const SECRET_KEY = /token|secret|password|passwd|authorization|signature|cookie|api[-_]?key|credential/i;
/** Fields of errors (at any depth) that hold HTTP clients, requests or sockets, with their headers: omitted. */
const OMITTED_KEY = /^(config|request|response|socket|agent|_header|client|req|res)$/;
const MAX_DEPTH = 6;

/** The text with every known secret shape replaced. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A redacted copy of any loggable value (the original is never modified). */
export function scrubValue(
  value: unknown,
  depth = 0,
  seen = new WeakSet<object>(),
  inError = false,
): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return serializeError(value, depth, seen);
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[nested]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen, inError));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && v !== undefined && v !== null && typeof v !== "boolean") out[key] = CENSOR;
    else if (inError && OMITTED_KEY.test(key) && typeof v === "object" && v !== null) out[key] = "[omitted]";
    else out[key] = scrubValue(v, depth + 1, seen, inError);
  }
  return out;
}

/**
 * Errors as log fields: type, message, stack, code and the error's own fields, every string
 * scrubbed. HTTP client errors carry their request (with the Authorization header) in fields
 * like `config` and `original.request`; those are omitted.
 */
function serializeError(err: Error, depth: number, seen: WeakSet<object>): unknown {
  if (seen.has(err)) return "[circular]";
  seen.add(err);
  const out: Record<string, unknown> = { type: err.name, message: scrubText(err.message) };
  if (err.stack) out.stack = scrubText(err.stack);
  if (depth >= MAX_DEPTH) return out;
  for (const [key, v] of Object.entries(err)) {
    if (key === "message" || key === "stack" || key === "name") continue;
    if (SECRET_KEY.test(key) && v !== undefined && v !== null && typeof v !== "boolean") out[key] = CENSOR;
    else if (OMITTED_KEY.test(key) && typeof v === "object" && v !== null) out[key] = "[omitted]";
    else out[key] = scrubValue(v, depth + 1, seen, true);
  }
  if (err.cause !== undefined && !("cause" in out)) out.cause = scrubValue(err.cause, depth + 1, seen, true);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Variable names the adapters declare secret: blanked wherever they appear as a field. */
  secretNames?: readonly string[];
  /**
   * The values of those variables: replaced wherever they appear in any string of any line,
   * whatever their shape (a signing secret looks like any hex string). Values under 8
   * characters are ignored (they would blank ordinary words).
   */
  secretValues?: ReadonlyArray<string | undefined>;
  /** Pretty, human-readable lines (a terminal); JSON otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/**
 * JSON logs in production, pretty in a terminal. Secrets are removed three ways: known field
 * paths are blanked (pino redact), fields named like secrets are blanked at any depth, and every
 * string (messages included) is scrubbed of token and signature shapes.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const names = options.secretNames ?? [];
  const values = (options.secretValues ?? []).filter(
    (v): v is string => typeof v === "string" && v.length >= 8,
  );
  // Known values go first, then the shapes; a value is replaced as a literal, never as a pattern.
  const text = (s: string) => scrubText(values.reduce((out, v) => out.split(v).join(CENSOR), s));
  const value = (v: unknown) => (values.length === 0 ? scrubValue(v) : rescrub(scrubValue(v), text));
  const base: pino.LoggerOptions = {
    level,
    redact: { paths: [...REDACT_PATHS, ...names.flatMap((n) => [n, `*.${n}`])], censor: CENSOR },
    serializers: { err: (err: unknown) => value(err) },
    formatters: { log: (obj) => value(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === "string" ? text(a) : a)) as typeof args;
        method.apply(this, scrubbed);
      },
    },
  };
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { colorize: true, destination: 1 } },
    });
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}

/** Applies `text` to every string of an already scrubbed copy (plain objects and arrays only). */
function rescrub(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === "string") return text(value);
  if (Array.isArray(value)) return value.map((v) => rescrub(v, text));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = rescrub(v, text);
  return out;
}

/** Pretty when asked, JSON when asked, else pretty only when stdout is a terminal. */
export function wantsPretty(format: "auto" | "json" | "pretty", stdoutIsTty: boolean): boolean {
  return format === "pretty" || (format === "auto" && stdoutIsTty);
}

/** A logger that drops everything, for tests and the one-shot CLI. */
export const silentLogger: Logger = pino({ level: "silent" });
