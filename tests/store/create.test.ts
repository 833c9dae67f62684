import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createStore, parseStoreUrl } from "../../src/runtime/store/index.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";

const opened: ConversationStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-create-"));
  dirs.push(dir);
  return dir;
}

describe("STORE_URL", () => {
  it("defaults to sqlite:<stateDir>/stackwise.db and creates the folder", async () => {
    const stateDir = join(tempDir(), "state");
    const store = await createStore(undefined, { stateDir, ttlSeconds: 60 });
    opened.push(store);
    expect(store.kind).toBe("sqlite");
    expect(existsSync(join(stateDir, "stackwise.db"))).toBe(true);
    expect(
      await store.save(
        "k",
        { version: 1, focus: { technologies: [], aspect: null }, flow: null, lastRecommendation: null },
        0,
      ),
    ).toBe(1);
    expect(parseStoreUrl("", "state")).toEqual({ kind: "sqlite", path: join("state", "stackwise.db") });
  });

  it("takes sqlite:PATH relative to the working folder, or absolute", async () => {
    expect(parseStoreUrl("sqlite:data/bot.db", "state")).toEqual({ kind: "sqlite", path: "data/bot.db" });
    expect(parseStoreUrl("sqlite:/var/lib/stackwise/bot.db", "state")).toEqual({
      kind: "sqlite",
      path: "/var/lib/stackwise/bot.db",
    });
    const path = join(tempDir(), "a", "b.db");
    const store = await createStore(`sqlite:${path}`, { stateDir: "unused", ttlSeconds: 60 });
    opened.push(store);
    expect(existsSync(resolve(path))).toBe(true);
  });

  it("takes memory:", async () => {
    const store = await createStore("memory:", { stateDir: "state", ttlSeconds: 60 });
    opened.push(store);
    expect(store.kind).toBe("memory");
  });

  it("takes redis:// and rediss:// URLs, with or without a DB number and credentials", () => {
    for (const url of [
      "redis://127.0.0.1:6379",
      "redis://127.0.0.1:6379/",
      "redis://localhost:6379/15",
      "redis://:secret@redis.internal:6380/2",
      "rediss://user:secret@cache.example.com:6380/0",
      "redis://redis",
    ]) {
      expect(parseStoreUrl(url, "state")).toEqual({ kind: "redis", url });
    }
  });

  it("builds a RedisStore for redis:// (it connects in the background; closing is immediate)", async () => {
    const store = await createStore("redis://127.0.0.1:6379/15", { stateDir: "state", ttlSeconds: 60 });
    opened.push(store);
    expect(store.kind).toBe("redis");
  });

  it.each([
    "postgres://db/stackwise",
    "sqlite:",
    "sqlite://state/x.db",
    "memory",
    "memory:x",
    "redis://",
    "redis://host:notaport",
    "redis://host:6379/zero",
    "redis://host:6379/0?family=6",
    "state/stackwise.db",
  ])("refuses %j with a message naming STORE_URL and the accepted forms", (url) => {
    expect(() => parseStoreUrl(url, "state")).toThrow(
      "Invalid STORE_URL: expected sqlite:PATH, redis://HOST:PORT[/DB], rediss://HOST:PORT[/DB] or memory:",
    );
  });

  it("never repeats the URL (it may hold a password)", async () => {
    let message = "";
    try {
      await createStore("redis://admin:hunter2@cache:6379/notadb", { stateDir: "state", ttlSeconds: 60 });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("STORE_URL");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("cache");
  });
});
