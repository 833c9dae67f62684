import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { initialState } from "../../src/engine/state.js";
import { createLogger } from "../../src/runtime/logger.js";
import { RedisStore } from "../../src/runtime/store/redis.js";

const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A throwaway redis-server on `port`, no persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  cleanups.push(() => {
    child.kill("SIGKILL");
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

function capturedLogger() {
  const lines: { level: number; msg: string }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: createLogger({ destination }), lines };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

async function elapsed(run: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await run();
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

const suite = hasRedisServer || process.env.CI === "true" ? describe : describe.skip;

suite(`redis store when Redis goes away${hasRedisServer ? "" : " — SKIPPED: redis-server is not installed"}`, () => {
  it("fails fast while Redis is down, logs once per outage and recovers when it returns", async () => {
    const port = await freePort();
    const { logger, lines } = capturedLogger();
    const store = new RedisStore({
      url: `redis://127.0.0.1:${port}/0`,
      keyPrefix: "resilience:",
      ttlSeconds: 60,
      logger,
      maxReconnectDelayMs: 200,
    });
    cleanups.push(() => store.close());

    // Nothing listens: the first command waits at most for the first connection attempt.
    const first = await elapsed(() => store.load("k"));
    expect(first.error).toBeInstanceOf(Error);
    expect(first.ms).toBeLessThan(2500);
    // Afterwards every command fails at once instead of queueing.
    for (const run of [
      () => store.load("k"),
      () => store.save("k", initialState(), 0),
      () => store.claimEvent("e"),
    ]) {
      const result = await elapsed(run);
      expect(result.error).toBeInstanceOf(Error);
      expect(result.ms).toBeLessThan(100);
    }
    expect(await store.ping()).toBe(false);
    // Several reconnection attempts later: still one warning, and the process is alive.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(lines.filter((l) => l.level === 40)).toHaveLength(1);

    // Redis comes up: the store reconnects by itself.
    let redis = await startRedis(port);
    await eventually(() => store.ping(), 3000);
    expect(await store.save("k", initialState(), 0)).toBe(1);
    expect(lines.some((l) => l.msg === "redis connection restored")).toBe(true);

    // Redis dies again mid-life: fail fast, one more warning, recover again (data is gone: no persistence).
    await stopRedis(redis);
    await eventually(async () => (await elapsed(() => store.load("k"))).error !== undefined, 2000);
    const down = await elapsed(() => store.load("k"));
    expect(down.ms).toBeLessThan(100);
    redis = await startRedis(port);
    await eventually(() => store.ping(), 3000);
    expect(await store.load("k")).toBeNull();
    expect(lines.filter((l) => l.level === 40)).toHaveLength(2);
  });
});
