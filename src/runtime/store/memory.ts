import type { ConversationState } from "../../engine/state.js";
import {
  type ConversationStore,
  DEFAULT_STORE_OPTIONS,
  type StoredConversation,
  type StoreOptions,
} from "./types.js";

interface Entry {
  json: string;
  version: number;
  expiresAt: number;
}

/** In-process store for tests and throwaway runs. States are kept as JSON so nothing is shared by reference. */
export class MemoryStore implements ConversationStore {
  readonly kind = "memory";
  private readonly conversations = new Map<string, Entry>();
  private readonly events = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly options: StoreOptions = DEFAULT_STORE_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  async load(key: string): Promise<StoredConversation | null> {
    const entry = this.live(key);
    return entry ? { state: JSON.parse(entry.json) as ConversationState, version: entry.version } : null;
  }

  async save(key: string, state: ConversationState, expectedVersion: number): Promise<number | null> {
    // Check and write with no await in between, so two concurrent saves cannot both win.
    if ((this.live(key)?.version ?? 0) !== expectedVersion) return null;
    const version = expectedVersion + 1;
    this.conversations.set(key, {
      json: JSON.stringify(state),
      version,
      expiresAt: this.now() + this.options.ttlSeconds * 1000,
    });
    return version;
  }

  async claimEvent(eventId: string): Promise<boolean> {
    const now = this.now();
    const until = this.events.get(eventId);
    if (until !== undefined && until > now) return false;
    this.events.set(eventId, now + this.options.eventTtlSeconds * 1000);
    if (this.events.size > 10_000) this.sweep(now);
    return true;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private live(key: string): Entry | undefined {
    const entry = this.conversations.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.conversations.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [id, until] of this.events) if (until <= now) this.events.delete(id);
  }
}
