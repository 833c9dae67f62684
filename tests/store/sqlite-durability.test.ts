import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/runtime/store/sqlite.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const writer = join(root, "tests/store/fixtures/sqlite-writer.mjs");
const registerTs = join(root, "tests/helpers/register-ts.mjs");

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-durability-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "state", "stackwise.db");
}

/** Starts the writer; resolves with the last version it reported once it reported `atLeast`. */
function runWriterUntil(
  path: string,
  key: string,
  atLeast: number,
): { child: ChildProcess; reached: Promise<number> } {
  const child = spawn(process.execPath, ["--import", registerTs, writer, path, key], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanups.push(() => child.kill("SIGKILL"));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const reached = new Promise<number>((resolve, reject) => {
    let buffered = "";
    let last = 0;
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^saved (\d+)$/.exec(line);
        if (match) last = Number(match[1]);
      }
      if (last >= atLeast) resolve(last);
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`writer exited (${code ?? signal}) early:\n${stderr}`)),
    );
  });
  return { child, reached };
}

describe("sqlite store durability", () => {
  it("keeps every acknowledged save when the process is killed with SIGKILL mid-flow", async () => {
    const path = tempDb();
    const key = "slack:T1:C1:1700000000.000100";
    const { child, reached } = runWriterUntil(path, key, 50);
    const acknowledged = await reached;
    // Kill it while it keeps writing: no close(), no checkpoint, no exit handlers.
    const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // The commits live in the write-ahead log that nobody checkpointed.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    // "Restart": a fresh store on the same file continues at the last answered question.
    const store = new SqliteStore({ path, ttlSeconds: 3600, eventTtlSeconds: 3600 });
    try {
      const stored = await store.load(key);
      expect(stored).not.toBeNull();
      if (!stored) return;
      expect(stored.version).toBeGreaterThanOrEqual(acknowledged);
      // The state is the one written with that version: one answer per version, in order.
      const flow = stored.state.flow;
      expect(flow?.history).toHaveLength(stored.version);
      expect(flow?.history.at(-1)).toBe(`q${stored.version}`);
      expect(flow?.answers[`q${stored.version}`]).toBe(`answer ${stored.version}`);
      expect(flow?.current).toBe(`q${stored.version + 1}`);
      // ...and the flow goes on from there.
      expect(await store.save(key, stored.state, stored.version)).toBe(stored.version + 1);
    } finally {
      await store.close();
    }
  });

  it("creates its folder and opens the file in WAL mode", async () => {
    const path = tempDb();
    const store = new SqliteStore({ path, ttlSeconds: 3600, eventTtlSeconds: 3600 });
    await store.save(
      "k",
      { version: 1, focus: { technologies: [], aspect: null }, flow: null, lastRecommendation: null },
      0,
    );
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(["conversations", "events"]);
    } finally {
      db.close();
      await store.close();
    }
  });

  it("sweeps expired rows every N writes", async () => {
    const path = tempDb();
    let now = 1_000_000;
    const store = new SqliteStore({
      path,
      ttlSeconds: 10,
      eventTtlSeconds: 10,
      sweepEveryWrites: 5,
      now: () => now,
    });
    const state = {
      version: 1 as const,
      focus: { technologies: [], aspect: null },
      flow: null,
      lastRecommendation: null,
    };
    await store.save("old", state, 0);
    await store.claimEvent("old-event");
    now += 11_000;
    const db = new Database(path, { readonly: true });
    const count = () =>
      db.prepare("SELECT (SELECT count(*) FROM conversations) + (SELECT count(*) FROM events)").pluck().get();
    try {
      expect(count()).toBe(2);
      for (let i = 0; i < 2; i++) await store.save(`new-${i}`, state, 0);
      expect(count()).toBe(4);
      await store.save("new-2", state, 0);
      // Fifth write since the last sweep: the two expired rows are gone, the three live ones stay.
      expect(count()).toBe(3);
    } finally {
      db.close();
      await store.close();
    }
  });
});
