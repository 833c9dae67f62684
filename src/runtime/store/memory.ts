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
  private eventSweepAt = SWEEP_FLOOR;
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
    this.conversationSweepAt = sweepIfGrown(
      this.conversations,
      this.conversationSweepAt,
      now,
      (e) => e.expiresAt,
    );
    return version;
  }

  async claimEvent(eventId: string): Promise<boolean> {
    const now = this.now();
    const until = this.events.get(eventId);
    if (until !== undefined && until > now) return false;
    this.events.set(eventId, now + this.options.eventTtlSeconds * 1000);
    this.eventSweepAt = sweepIfGrown(this.events, this.eventSweepAt, now, (until) => until);
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
}

/**
 * Drops expired entries once the map has grown past `threshold`, and returns the next threshold:
 * twice what is left. Sweeping on every write past a fixed size would walk the whole map each
 * time while that many entries are live.
 */
function sweepIfGrown<V>(
  map: Map<string, V>,
  threshold: number,
  now: number,
  expiry: (v: V) => number,
): number {
  if (map.size <= threshold) return threshold;
  for (const [key, value] of map) if (expiry(value) <= now) map.delete(key);
  return Math.max(SWEEP_FLOOR, map.size * 2);
}
