// Conversation store cost per turn (load + save of a realistic mid-flow state) and bytes per idle
// conversation, for the memory, SQLite (temp file) and Redis (127.0.0.1:6379, when reachable) stores.
//   node bench/store.mjs [turns=2000]
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromDist, pct, root } from "./lib.mjs";

const REDIS_URL = "redis://127.0.0.1:6379";
const KEYS = 2000;

function redisReachable() {
  return new Promise((resolve) => {
    const s = connect(6379, "127.0.0.1");
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once("error", () => done(false));
    s.once("connect", () => s.write("PING\r\n"));
    s.once("data", (d) => done(String(d).startsWith("+PONG")));
  });
}

/** A conversation in the middle of the guided flow (4 questions answered) after a fact question. */
async function midFlowState() {
  const { compile, loadDataset, respond, initialState, textInput, choiceInput } =
    await fromDist("src/index.js");
  const k = compile(loadDataset(`${root}/data`));
  let state = respond(k, initialState(), textInput("what license does jax use?")).state;
  state = respond(k, state, textInput("recommend")).state;
  for (let i = 0; i < 4 && state.flow?.current; i++) {
    const q = k.question.get(state.flow.current);
    state = respond(k, state, choiceInput(`flow:${q.id}:${q.options[1 % q.options.length].id}`)).state;
  }
  return state;
}

async function measureStore(store, state, turns) {
  const keys = Array.from({ length: KEYS }, (_, i) => `bench:conv:${i}`);
  for (const key of keys) await store.save(key, state, 0);
  const turn = async (i) => {
    const key = keys[i % keys.length];
    const loaded = await store.load(key);
    const v = await store.save(key, loaded.state, loaded.version);
    if (v === null) throw new Error("version conflict");
  };
  for (let i = 0; i < 200; i++) await turn(i);
  const times = [];
  for (let i = 0; i < turns; i++) {
    const t0 = performance.now();
    await turn(i);
    times.push(performance.now() - t0);
  }
  return { keys, p50: pct(times, 50), p99: pct(times, 99) };
}

export async function benchStores(turns = 2000) {
  const state = await midFlowState();
  const jsonBytes = Buffer.byteLength(JSON.stringify(state));
  const rows = [];
  const { MemoryStore } = await fromDist("src/runtime/store/memory.js");
  const { SqliteStore } = await fromDist("src/runtime/store/sqlite.js");
  const { RedisStore } = await fromDist("src/runtime/store/redis.js");

  const memory = new MemoryStore();
  rows.push({
    store: "memory",
    ...(await measureStore(memory, state, turns)),
    bytes: jsonBytes,
    bytesHow: "JSON",
  });
  await memory.close();

  const dir = mkdtempSync(join(tmpdir(), "stackwise-bench-store-"));
  const path = join(dir, "bench.db");
  const sqlite = new SqliteStore({ path });
  const s = await measureStore(sqlite, state, turns);
  await sqlite.close();
  const fileBytes = statSync(path).size;
  rows.push({
    store: "sqlite (temp file)",
    ...s,
    bytes: jsonBytes,
    bytesHow: `JSON; file ${(fileBytes / KEYS).toFixed(0)} B/conversation`,
  });
  rmSync(dir, { recursive: true, force: true });

  if (await redisReachable()) {
    const prefix = `stackwise-bench-${process.pid}-${Date.now()}:`;
    const redis = new RedisStore({ url: REDIS_URL, keyPrefix: prefix });
    const r = await measureStore(redis, state, turns);
    const { default: Redis } = await import("ioredis");
    const client = new Redis(REDIS_URL);
    let usage = 0;
    for (const key of r.keys.slice(0, 200))
      usage += Number(await client.call("MEMORY", "USAGE", `${prefix}conv:${key}`, "SAMPLES", "0"));
    // Remove every key this run wrote (other users share this Redis).
    let cursor = "0";
    do {
      const [next, found] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (found.length) await client.del(...found);
    } while (cursor !== "0");
    await client.quit();
    await redis.close();
    rows.push({ store: "redis (127.0.0.1:6379)", ...r, bytes: usage / 200, bytesHow: "MEMORY USAGE" });
  } else {
    rows.push({ store: "redis", skipped: "skipped: no Redis on 127.0.0.1:6379" });
  }
  for (const r of rows) delete r.keys;
  return { turns, keys: KEYS, jsonBytes, rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchStores(Number(process.argv[2] ?? 2000));
  for (const row of r.rows)
    console.log(
      row.skipped
        ? `${row.store}: ${row.skipped}`
        : `${row.store.padEnd(24)} p50 ${row.p50.toFixed(3)} ms  p99 ${row.p99.toFixed(3)} ms  ${row.bytes.toFixed(0)} B/idle conversation (${row.bytesHow})`,
    );
}
