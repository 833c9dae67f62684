import type { BucketDecision } from "./types.js";

/**
 * A token bucket in one atomic step (one round trip, EVALSHA). The bucket is a hash
 * {tokens, at (ms), warned}; a missing key is a full bucket, so the key expires once the bucket
 * would be full again. Time is the Redis server's (every instance sees the same clock) unless
 * ARGV[3] gives one (tests).
 * KEYS[1] = bucket key; ARGV = burst, tokens per minute (> 0), [now in ms].
 * Returns 1 = allow, 2 = warn (first refusal since the last allowed turn), 3 = deny.
 */
export const TAKE_TOKEN_SCRIPT = `
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 60000
local now = tonumber(ARGV[3])
if not now then
  if redis.replicate_commands then redis.replicate_commands() end
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'warned')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
local warned = b[3] == '1'
if tokens == nil or at == nil then
  tokens = burst
  at = now
  warned = false
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * perMs)
  at = now
end
local result
if tokens >= 1 then
  tokens = tokens - 1
  warned = false
  result = 1
elseif warned then
  result = 3
else
  warned = true
  result = 2
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at), 'warned', warned and '1' or '0')
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
return result
`;

export interface WithTakeTokenCommand {
  stackwiseTakeToken(key: string, burst: number, perMinute: number, now: string): Promise<number>;
}

export function decodeBucketDecision(code: number): BucketDecision {
  if (code === 1) return "allow";
  if (code === 2) return "warn";
  if (code === 3) return "deny";
  throw new Error(`unexpected rate limit script result ${String(code)}`);
}
