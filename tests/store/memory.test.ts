import { describe, expect, it } from "vitest";
import { initialState } from "../../src/engine/state.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";

describe("memory store: expired entries are swept as the maps grow", () => {
  it("drops expired event ids and conversations instead of holding them for the life of the process", async () => {
    let now = 0;
    const store = new MemoryStore({ ttlSeconds: 60, eventTtlSeconds: 60 }, () => now);
    for (let i = 0; i < 10_000; i++) {
      expect(await store.claimEvent(`old-${i}`)).toBe(true);
      expect(await store.save(`old-${i}`, initialState(), 0)).toBe(1);
    }
    now = 61_000; // every entry above is past its TTL
    for (let i = 0; i < 10; i++) {
      expect(await store.claimEvent(`new-${i}`)).toBe(true);
      expect(await store.save(`new-${i}`, initialState(), 0)).toBe(1);
    }
    expect(store.stats()).toEqual({ conversations: 10, events: 10 });
    expect(await store.claimEvent("new-3")).toBe(false);
    expect(await store.load("new-3")).toEqual({ state: initialState(), version: 1 });
  });

  it("keeps every live entry when none has expired, and claims still refuse a repeat", async () => {
    const store = new MemoryStore({ ttlSeconds: 60, eventTtlSeconds: 60 }, () => 0);
    for (let i = 0; i < 25_000; i++) await store.claimEvent(`e-${i}`);
    expect(store.stats().events).toBe(25_000);
    expect(await store.claimEvent("e-0")).toBe(false);
    expect(await store.claimEvent("e-24999")).toBe(false);
  });
});
