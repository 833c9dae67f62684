import type { ConversationState } from "../../src/engine/state.js";
import { MemoryStore } from "../../src/runtime/store/memory.js";
import type { ConversationStore } from "../../src/runtime/store/types.js";

/** A MemoryStore that can be switched off, like a Redis that went away. */
export class SwitchableStore implements ConversationStore {
  readonly kind = "switchable";
  down = false;
  private readonly inner = new MemoryStore();
  private check(): void {
    if (this.down) throw new Error("store unreachable (test)");
  }
  async load(key: string) {
    this.check();
    return this.inner.load(key);
  }
  async save(key: string, state: ConversationState, expectedVersion: number) {
    this.check();
    return this.inner.save(key, state, expectedVersion);
  }
  async claimEvent(eventId: string) {
    this.check();
    return this.inner.claimEvent(eventId);
  }
  async ping() {
    return !this.down;
  }
  async close() {
    await this.inner.close();
  }
}
