import type Database from "better-sqlite3";
import type { ConversationState } from "../../engine/state.js";
import { openSqlite } from "./sqlite-file.js";
import {
  type ConversationStore,
  DEFAULT_STORE_OPTIONS,
  type StoredConversation,
  type StoreOptions,
} from "./types.js";

export interface SqliteStoreOptions extends Partial<StoreOptions> {
  /** Database file; its folder is created when missing. ":memory:" works for throwaway runs. */
  path: string;
  /** Expired rows are deleted after this many writes (saves and claimed events)... */
  sweepEveryWrites?: number;
  /** ...and on this interval (an unref'd timer, so it never keeps the process alive). */
  sweepIntervalMs?: number;
  /** How long a write waits for another connection's lock before failing (SQLITE_BUSY). */
  busyTimeoutMs?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

interface WriteParams {
  key: string;
  json: string;
  expiresAt: number;
  now: number;
}

interface Row {
  json: string;
  version: number;
}

/**
 * The default store: one SQLite file, for a single bot process (several connections on the same
 * file also work, e.g. a CLI next to the bot). better-sqlite3 is synchronous, so every method does
 * its work before its first await: a version check and its write can never interleave with another
 * call in the same process, and across connections each write is one atomic statement.
 */
export class SqliteStore implements ConversationStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly ttlMs: number;
  private readonly eventTtlMs: number;
  private readonly now: () => number;
  private readonly sweepEveryWrites: number;
  private readonly sweepTimer: NodeJS.Timeout | undefined;
  private writesSinceSweep = 0;
  private closed = false;

  private readonly selectConversation: Database.Statement<[string, number], Row>;
  private readonly insertConversation: Database.Statement<[WriteParams]>;
  private readonly updateConversation: Database.Statement<[WriteParams & { expected: number }]>;
  private readonly insertEvent: Database.Statement<[{ id: string; expiresAt: number; now: number }]>;
  private readonly deleteExpiredConversations: Database.Statement<[number]>;
  private readonly deleteExpiredEvents: Database.Statement<[number]>;

  constructor(options: SqliteStoreOptions) {
    const defaults = DEFAULT_STORE_OPTIONS;
    this.ttlMs = (options.ttlSeconds ?? defaults.ttlSeconds) * 1000;
    this.eventTtlMs = (options.eventTtlSeconds ?? defaults.eventTtlSeconds) * 1000;
    this.now = options.now ?? Date.now;
    this.sweepEveryWrites = options.sweepEveryWrites ?? 1000;

    this.db = openSqlite(options.path, options.busyTimeoutMs);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS conversations (
        key TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        version INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS conversations_expires_at ON conversations (expires_at);
      CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS events_expires_at ON events (expires_at);
    `);

    this.selectConversation = this.db.prepare(
      "SELECT json, version FROM conversations WHERE key = ? AND expires_at > ?",
    );
    // Version 0 = must not exist. An expired row that was not swept yet counts as absent.
    this.insertConversation = this.db.prepare(`
      INSERT INTO conversations (key, json, version, expires_at) VALUES (@key, @json, 1, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = 1, expires_at = excluded.expires_at
      WHERE conversations.expires_at <= @now
    `);
    // The version check and the write are one statement; saving also extends the expiry.
    this.updateConversation = this.db.prepare(`
      UPDATE conversations SET json = @json, version = version + 1, expires_at = @expiresAt
      WHERE key = @key AND version = @expected AND expires_at > @now
    `);
    this.insertEvent = this.db.prepare(`
      INSERT INTO events (id, expires_at) VALUES (@id, @expiresAt)
      ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE events.expires_at <= @now
    `);
    this.deleteExpiredConversations = this.db.prepare("DELETE FROM conversations WHERE expires_at <= ?");
    this.deleteExpiredEvents = this.db.prepare("DELETE FROM events WHERE expires_at <= ?");

    this.sweep();
    const interval = options.sweepIntervalMs ?? 10 * 60 * 1000;
    if (interval > 0) {
      this.sweepTimer = setInterval(() => this.sweep(), interval);
      this.sweepTimer.unref();
    }
  }

  async load(key: string): Promise<StoredConversation | null> {
    const row = this.selectConversation.get(key, this.now());
    if (!row) return null;
    return { state: JSON.parse(row.json) as ConversationState, version: row.version };
  }

  async save(key: string, state: ConversationState, expectedVersion: number): Promise<number | null> {
    const now = this.now();
    const json = JSON.stringify(state);
    const params: WriteParams = { key, json, expiresAt: now + this.ttlMs, now };
    const result =
      expectedVersion === 0
        ? this.insertConversation.run(params)
        : this.updateConversation.run({ ...params, expected: expectedVersion });
    this.wrote();
    return result.changes === 1 ? expectedVersion + 1 : null;
  }

  async claimEvent(eventId: string): Promise<boolean> {
    const now = this.now();
    const result = this.insertEvent.run({ id: eventId, expiresAt: now + this.eventTtlMs, now });
    this.wrote();
    return result.changes === 1;
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      this.db.prepare("SELECT 1").get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.db.close();
  }

  /** Deletes expired rows; both deletes walk the expires_at indexes, so this stays cheap. */
  sweep(): void {
    if (this.closed) return;
    const now = this.now();
    this.writesSinceSweep = 0;
    try {
      this.deleteExpiredConversations.run(now);
      this.deleteExpiredEvents.run(now);
    } catch {
      // Busy or read-only: expired rows are invisible anyway; the next sweep tries again.
    }
  }

  private wrote(): void {
    if (++this.writesSinceSweep >= this.sweepEveryWrites) this.sweep();
  }
}
