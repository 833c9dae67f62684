import { Redis } from "ioredis";

/** How a store's Redis client connects and gives up (milliseconds). */
export interface RedisClientOptions {
  /** redis://[[user]:password@]HOST:PORT[/DB] or rediss://… (TLS). */
  url: string;
  connectTimeoutMs?: number;
  /** A command that got no answer in this time fails (the caller answers without it). */
  commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts; attempts never stop. */
  maxReconnectDelayMs?: number;
}

/**
 * The start of a versioned save script: the value at KEYS[1] is "<version>\n<json>" (one GET
 * loads it); when its version is ARGV[1] it becomes ARGV[2] with the next version and a TTL of
 * ARGV[3] seconds, and `version` holds the new one; otherwise the script returns 0. Versions start
 * at 1. Each store appends its own extra writes and `return version`.
 */
export const VERSIONED_SET_LUA = `
local current = redis.call('GET', KEYS[1])
local version = 0
if current then
  local newline = string.find(current, '\\n', 1, true)
  version = tonumber(string.sub(current, 1, newline - 1))
end
if version ~= tonumber(ARGV[1]) then return 0 end
version = version + 1
redis.call('SET', KEYS[1], version .. '\\n' .. ARGV[2], 'EX', ARGV[3])
`;

/**
 * A Redis client that fails fast, as every store needs: no offline queue (a command issued while
 * disconnected is rejected at once, and can't be replayed minutes later after the user was told
 * it failed); in-flight commands are rejected when the connection drops and never re-sent; it
 * keeps reconnecting forever, backing off up to `maxReconnectDelayMs`, so a store recovers when
 * Redis returns. The caller attaches an "error" listener (without one an error ends the process).
 */
export function failFastRedis(options: RedisClientOptions): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 5000;
  return new Redis(options.url, {
    lazyConnect: false,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 16), maxDelay),
  });
}

/**
 * Settles once the client's first connection attempt succeeded or failed, or after `timeoutMs`:
 * with no offline queue, a command sent before then would be refused although Redis is up.
 */
export function firstAttempt(redis: Redis, timeoutMs = 2000): Promise<void> {
  return Promise.race([
    new Promise<void>((resolve) => {
      redis.once("ready", resolve);
      redis.once("close", resolve);
    }),
    new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
  ]);
}
