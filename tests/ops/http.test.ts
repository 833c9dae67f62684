import { afterEach, describe, expect, it } from "vitest";
import { createOpsHandler, type OpsServer, startOpsServer } from "../../adapters/http/ops.js";
import type { PlatformAdapter } from "../../src/platform/contract.js";
import { Metrics } from "../../src/runtime/metrics.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";

type RunningPlatform = Pick<PlatformAdapter, "name" | "isReady">;

function platform(name: string, ready: boolean): RunningPlatform & { ready: boolean } {
  return {
    name,
    ready,
    isReady() {
      return this.ready;
    },
  };
}

describe("operations server of its own (Discord only, or Slack in Socket Mode)", () => {
  let server: OpsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(opts: { store?: MemoryStore; running?: RunningPlatform[]; stopping?: boolean }) {
    const running = opts.running ?? [];
    let stopping = opts.stopping ?? false;
    const metrics = new Metrics();
    const handler = createOpsHandler({
      store: opts.store ?? new MemoryStore(),
      metrics,
      platforms: { expected: ["discord"], running },
      isStopping: () => stopping,
    });
    server = await startOpsServer(handler, 0, "127.0.0.1");
    const base = `http://127.0.0.1:${server.port}`;
    return {
      metrics,
      running,
      stop: () => {
        stopping = true;
      },
      get: async (path: string, method = "GET") => {
        const res = await fetch(`${base}${path}`, { method });
        return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
      },
    };
  }

  it("/healthz answers 200 as long as the process runs, even before the platforms are up", async () => {
    const ops = await start({});
    expect(await ops.get("/healthz")).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect((await ops.get("/healthz", "HEAD")).status).toBe(200);
  });

  it("/readyz is 503 naming what is not ready, 200 once the store pings and every platform is ready", async () => {
    const store = new MemoryStore();
    const ops = await start({ store });
    let res = await ops.get("/readyz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual({
      ready: false,
      notReady: ["discord"],
      checks: { store: "ok", discord: "starting" },
    });

    const discord = platform("discord", false);
    ops.running.push(discord);
    res = await ops.get("/readyz");
    expect(JSON.parse(res.body)).toMatchObject({
      ready: false,
      notReady: ["discord"],
      checks: { discord: "not ready" },
    });

    discord.ready = true;
    res = await ops.get("/readyz");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ready: true,
      notReady: [],
      checks: { store: "ok", discord: "ok" },
    });

    await store.close();
    res = await ops.get("/readyz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ notReady: ["store"], checks: { store: "unreachable" } });
  });

  it("/readyz turns 503 when a shutdown begins", async () => {
    const ops = await start({ running: [platform("discord", true)] });
    expect((await ops.get("/readyz")).status).toBe(200);
    ops.stop();
    const res = await ops.get("/readyz");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).notReady).toEqual(["shutting down"]);
  });

  it("/readyz does not hang on a store that never answers", async () => {
    const store = Object.assign(new MemoryStore(), { ping: () => new Promise<boolean>(() => {}) });
    const ops = await start({ store, running: [platform("discord", true)] });
    const started = Date.now();
    const res = await ops.get("/readyz");
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("/metrics is the Prometheus text format", async () => {
    const ops = await start({});
    ops.metrics.turn("discord", "fact", 0.012);
    const res = await ops.get("/metrics");
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/plain");
    expect(res.body).toContain('stackwise_turns_total{platform="discord",intent="fact"} 1');
    expect(res.body).toContain("# TYPE stackwise_turn_duration_seconds histogram");
    expect(res.body).toContain("# TYPE stackwise_active_flows gauge");
    expect(res.body).toContain("# TYPE stackwise_store_operation_duration_seconds histogram");
    expect(res.body).toContain("# TYPE stackwise_errors_total counter");
  });

  it("anything else is 404, other methods 405", async () => {
    const ops = await start({});
    expect((await ops.get("/")).status).toBe(404);
    expect((await ops.get("/slack/events")).status).toBe(404);
    expect((await ops.get("/healthz", "POST")).status).toBe(405);
  });
});
