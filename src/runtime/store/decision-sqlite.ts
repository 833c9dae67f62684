import type Database from "better-sqlite3";
import { readDecision } from "./decision-schema.js";
import {
  DEFAULT_DECISION_OPTIONS,
  type Decision,
  type DecisionStore,
  type DecisionStoreOptions,
  type DecisionSummary,
  lifetimeOf,
  type StoredDecision,
} from "./decision-types.js";
import { openSqlite } from "./sqlite-file.js";

/** The SQLite decision store's file, lifetimes and clock. */
export interface SqliteDecisionStoreOptions extends Partial<DecisionStoreOptions> {
  /** Database file (the conversation store's file works: the table is its own). */
  path: string;
  busyTimeoutMs?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

interface Row {
  json: string;
  version: number;
}

interface SummaryRow {
  id: string;
  topic: string;
  closed_at: number;
  thread_key: string | null;
  card_id: string | null;
}

/**
 * Decisions in a `decisions` table of the SQLite file, on a connection of its own. As in
 * SqliteStore, each save is one statement (version check and write together), and WAL with
 * synchronous=NORMAL keeps every save that returned across a SIGKILL.
 */
export class SqliteDecisionStore implements DecisionStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly options: DecisionStoreOptions;
  private readonly now: () => number;
  private closed = false;
  private readonly select: Database.Statement<[string, number], Row>;
  private readonly insert: Database.Statement<[Record<string, unknown>]>;
  private readonly update: Database.Statement<[Record<string, unknown>]>;
  private readonly list: Database.Statement<[string, number, number], SummaryRow>;
  private readonly sweep: Database.Statement<[number]>;
  private readonly thread: Database.Statement<[string, number], { id: string }>;

  constructor(options: SqliteDecisionStoreOptions) {
    this.options = {
      ttlSeconds: options.ttlSeconds ?? DEFAULT_DECISION_OPTIONS.ttlSeconds,
      recordTtlSeconds: options.recordTtlSeconds ?? DEFAULT_DECISION_OPTIONS.recordTtlSeconds,
    };
    this.now = options.now ?? Date.now;
    this.db = openSqlite(options.path, options.busyTimeoutMs);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS decisions (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        version INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        channel_key TEXT NOT NULL,
        closed_at INTEGER,
        topic TEXT NOT NULL,
        thread_key TEXT,
        card_id TEXT
      );
      CREATE INDEX IF NOT EXISTS decisions_expires_at ON decisions (expires_at);
      CREATE INDEX IF NOT EXISTS decisions_channel ON decisions (channel_key, closed_at);
      CREATE INDEX IF NOT EXISTS decisions_thread ON decisions (thread_key);
    `);
    this.select = this.db.prepare("SELECT json, version FROM decisions WHERE id = ? AND expires_at > ?");
    // Version 0 = must not exist; an expired row not swept yet counts as absent.
    this.insert = this.db.prepare(`
      INSERT INTO decisions (id, json, version, expires_at, channel_key, closed_at, topic, thread_key, card_id)
      VALUES (@id, @json, 1, @expiresAt, @channelKey, @closedAt, @topic, @threadKey, @cardId)
      ON CONFLICT (id) DO UPDATE SET json = excluded.json, version = 1, expires_at = excluded.expires_at,
        channel_key = excluded.channel_key, closed_at = excluded.closed_at, topic = excluded.topic,
        thread_key = excluded.thread_key, card_id = excluded.card_id
      WHERE decisions.expires_at <= @now
    `);
    this.update = this.db.prepare(`
      UPDATE decisions SET json = @json, version = version + 1, expires_at = @expiresAt,
        closed_at = @closedAt, topic = @topic, thread_key = @threadKey, card_id = @cardId
      WHERE id = @id AND version = @expected AND expires_at > @now
    `);
    this.list = this.db.prepare(`
      SELECT id, topic, closed_at, thread_key, card_id FROM decisions
      WHERE channel_key = ? AND closed_at IS NOT NULL AND expires_at > ?
      ORDER BY closed_at DESC LIMIT ?
    `);
    this.thread = this.db.prepare("SELECT id FROM decisions WHERE thread_key = ? AND expires_at > ? LIMIT 1");
    this.sweep = this.db.prepare("DELETE FROM decisions WHERE expires_at <= ?");
    try {
      this.sweep.run(this.now());
    } catch {
      // busy: expired rows are invisible anyway
    }
  }

  async load(id: string): Promise<StoredDecision | null> {
    const row = this.select.get(id, this.now());
    const decision = row ? readDecision(row.json) : null;
    return row && decision ? { decision, version: row.version } : null;
  }

  async save(decision: Decision, expectedVersion: number): Promise<number | null> {
    const now = this.now();
    const params = {
      id: decision.id,
      json: JSON.stringify(decision),
      expiresAt: now + lifetimeOf(decision, this.options) * 1000,
      channelKey: decision.channelKey,
      closedAt: decision.status === "closed" ? (decision.closedAt ?? now) : null,
      topic: decision.topic,
      threadKey: decision.threadKey,
      cardId: decision.cardId,
      now,
    };
    const result =
      expectedVersion === 0
        ? this.insert.run(params)
        : this.update.run({ ...params, expected: expectedVersion });
    return result.changes === 1 ? expectedVersion + 1 : null;
  }

  async byThread(threadKey: string): Promise<string | null> {
    return this.thread.get(threadKey, this.now())?.id ?? null;
  }

  async recent(channelKey: string, limit: number): Promise<DecisionSummary[]> {
    return this.list.all(channelKey, this.now(), limit).map((r) => ({
      id: r.id,
      topic: r.topic,
      closedAt: r.closed_at,
      threadKey: r.thread_key,
      cardId: r.card_id,
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
