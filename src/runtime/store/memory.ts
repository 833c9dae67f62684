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

/** Entries (conversations or claimed event ids) kept before the first sweep of expired ones. */
const SWEEP_FLOOR = 10_000;

/** In-process store for tests and throwaway runs. States are kept as JSON so nothing is shared by reference. */
export class MemoryStore implements ConversationStore {
  readonly kind = "memory";
  private readonly conversations = new Map<string, Entry>();
  private readonly events = new Map<string, number>();
  private sweepAt = SWEEP_FLOOR;
  private conversationSweepAt = SWEEP_FLOOR;
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
    const now = this.now();
    this.conversations.set(key, {
      json: JSON.stringify(state),
      version,
      expiresAt: now + this.options.ttlSeconds * 1000,
    });
    if (this.conversations.size > this.conversationSweepAt) {
      for (const [k, entry] of this.conversations) if (entry.expiresAt <= now) this.conversations.delete(k);
      this.conversationSweepAt = Math.max(SWEEP_FLOOR, this.conversations.size * 2);
    }
    return version;
  }

  async claimEvent(eventId: string): Promise<boolean> {
    const now = this.now();
    const until = this.events.get(eventId);
    if (until !== undefined && until > now) return false;
    this.events.set(eventId, now + this.options.eventTtlSeconds * 1000);
    // Sweep when the map has doubled since the last sweep, not on every claim past a fixed size:
    // with more than that many events inside their TTL, each claim would walk the whole map.
    if (this.events.size > this.sweepAt) {
      this.sweep(now);
      this.sweepAt = Math.max(SWEEP_FLOOR, this.events.size * 2);
    }
    return true;
  }

  /** Entries held, expired or not (they are swept as the maps grow): for tests and debugging. */
  stats(): { conversations: number; events: number } {
    return { conversations: this.conversations.size, events: this.events.size };
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
