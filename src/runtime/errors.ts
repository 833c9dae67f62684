import type { Logger } from "./logger.js";
import type { ErrorKind, Metrics } from "./metrics.js";

/**
 * The one place failures go: each is logged with its stack (the logger scrubs secrets from it)
 * and counted in /metrics (`stackwise_errors_total{kind}`, and for platform calls
 * `stackwise_platform_errors_total{platform,kind}`). Modelled on hono's `onError`: handlers
 * catch, the sink records.
 */
export class ErrorSink {
  constructor(
    private readonly log: Logger,
    private readonly metrics?: Metrics,
  ) {}

  /** A failure of ours or of a dependency: logged at error level with the stack, counted by kind. */
  report(kind: ErrorKind, err: unknown, message: string, fields: Record<string, unknown> = {}): void {
    this.metrics?.error(kind);
    this.log.error({ ...fields, kind, err: asError(err) }, message);
  }

  /**
   * A platform call that failed, by what it meant (`failure`: not-allowed, gone, rate-limited,
   * other). `level` warn for what the bot recovers from by itself (a retired button it could not
   * edit, a retried rate limit); error otherwise.
   */
  platform(
    platform: string,
    failure: string,
    err: unknown,
    message: string,
    fields: Record<string, unknown> = {},
    level: "warn" | "error" = "error",
  ): void {
    this.metrics?.platformError(platform, failure);
    this.log[level]({ ...fields, platform, failure, err: asError(err) }, message);
  }
}

/** Non-Error throwables (strings, objects) as Errors, so every log line has a message and a stack. */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  const wrapped = new Error(typeof err === "string" ? err : `non-error thrown: ${String(err)}`);
  wrapped.name = "NonError";
  return wrapped;
}
