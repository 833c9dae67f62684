import { type Logger, pino } from "pino";

export type { Logger };

/** Paths pino blanks in every log line, wherever a secret could travel. */
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
  "password",
  "*.password",
];

export interface LoggerOptions {
  level?: string;
  /** Pretty, human-readable lines (a terminal); JSON otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** JSON logs in production, pretty in a terminal; secrets redacted everywhere. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const base = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { colorize: true, destination: 2 } },
    });
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}

/** A logger that drops everything, for tests and the one-shot CLI. */
export const silentLogger: Logger = pino({ level: "silent" });
