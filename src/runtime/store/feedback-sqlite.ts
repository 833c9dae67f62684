import type Database from "better-sqlite3";
import {
  type AnswerRecord,
  DEFAULT_FEEDBACK_OPTIONS,
  type FeedbackSnapshot,
  type FeedbackStore,
  type FeedbackStoreOptions,
  type ReviewText,
  type Vote,
  type VoteRecord,
} from "./feedback-types.js";
import { openSqlite } from "./sqlite-file.js";

export interface SqliteFeedbackOptions extends Partial<FeedbackStoreOptions> {
  /** Database file (the conversation store's own file works: these are tables of their own). */
  path: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

interface VoteRow {
  answer_id: string;
  voter: string;
  vote: Vote;
  at: number;
}

interface TextRow {
  answer_id: string;
  slot: string;
  kind: "question" | "note";
  text: string;
  at: number;
}

/**
 * Feedback in SQLite, in tables of its own (fb_answers, fb_votes, fb_texts) beside the
 * conversations. Every row carries its expiry; reads skip expired rows and writes delete them
 * (through the expires_at indexes), and each table is capped at `maxRecords` rows, oldest first.
 */
export class SqliteFeedbackStore implements FeedbackStore {
  readonly kind = "sqlite";
  private readonly db: Database.Database;
  private readonly options: FeedbackStoreOptions;
  private readonly now: () => number;
  private closed = false;
  /** Writes since the last trim: trimming walks an index, so it runs every TRIM_EVERY writes. */
  private readonly writes = { fb_answers: 0, fb_votes: 0, fb_texts: 0 };

  constructor(options: SqliteFeedbackOptions) {
    this.options = { ...DEFAULT_FEEDBACK_OPTIONS, ...options };
    this.now = options.now ?? Date.now;
    this.db = openSqlite(options.path);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS fb_answers (
        id TEXT PRIMARY KEY, at INTEGER NOT NULL, json TEXT NOT NULL, expires_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS fb_answers_at ON fb_answers (at);
      CREATE INDEX IF NOT EXISTS fb_answers_expires_at ON fb_answers (expires_at);
      CREATE TABLE IF NOT EXISTS fb_votes (
        answer_id TEXT NOT NULL, voter TEXT NOT NULL, vote TEXT NOT NULL, at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL, PRIMARY KEY (answer_id, voter)
      );
      CREATE INDEX IF NOT EXISTS fb_votes_at ON fb_votes (at);
      CREATE INDEX IF NOT EXISTS fb_votes_expires_at ON fb_votes (expires_at);
      CREATE TABLE IF NOT EXISTS fb_texts (
        answer_id TEXT NOT NULL, slot TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        at INTEGER NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (answer_id, slot)
      );
      CREATE INDEX IF NOT EXISTS fb_texts_at ON fb_texts (at);
      CREATE INDEX IF NOT EXISTS fb_texts_expires_at ON fb_texts (expires_at);
    `);
  }

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    const now = this.now();
    this.db
      .prepare("INSERT OR REPLACE INTO fb_answers (id, at, json, expires_at) VALUES (?, ?, ?, ?)")
      .run(answer.id, answer.at, JSON.stringify(answer), now + this.options.feedbackTtlSeconds * 1000);
    this.trim("fb_answers", now);
  }

  async answer(id: string): Promise<AnswerRecord | null> {
    const row = this.db
      .prepare<[string, number], { json: string }>(
        "SELECT json FROM fb_answers WHERE id = ? AND expires_at > ?",
      )
      .get(id, this.now());
    return row ? (JSON.parse(row.json) as AnswerRecord) : null;
  }

  async recordVote(vote: VoteRecord): Promise<void> {
    const now = this.now();
    this.db
      .prepare(
        "INSERT OR REPLACE INTO fb_votes (answer_id, voter, vote, at, expires_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(vote.answerId, vote.voter, vote.vote, vote.at, now + this.options.feedbackTtlSeconds * 1000);
    this.trim("fb_votes", now);
  }

  async votesFor(answerId: string): Promise<VoteRecord[]> {
    return this.db
      .prepare<[string, number], VoteRow>(
        "SELECT answer_id, voter, vote, at FROM fb_votes WHERE answer_id = ? AND expires_at > ?",
      )
      .all(answerId, this.now())
      .map(toVote);
  }

  async recordText(text: ReviewText): Promise<void> {
    const now = this.now();
    this.db
      .prepare(
        "INSERT OR REPLACE INTO fb_texts (answer_id, slot, kind, text, at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(
        text.answerId,
        text.slot,
        text.kind,
        text.text,
        text.at,
        now + this.options.reviewTextTtlSeconds * 1000,
      );
    this.trim("fb_texts", now);
  }

  async removeText(answerId: string, slot: string): Promise<void> {
    this.db.prepare("DELETE FROM fb_texts WHERE answer_id = ? AND slot = ?").run(answerId, slot);
  }

  async since(sinceMs: number): Promise<FeedbackSnapshot> {
    const now = this.now();
    const answers = this.db
      .prepare<[number, number], { json: string }>(
        "SELECT json FROM fb_answers WHERE at >= ? AND expires_at > ? ORDER BY at",
      )
      .all(sinceMs, now)
      .map((r) => JSON.parse(r.json) as AnswerRecord);
    const votes = this.db
      .prepare<[number, number], VoteRow>(
        "SELECT answer_id, voter, vote, at FROM fb_votes WHERE at >= ? AND expires_at > ? ORDER BY at",
      )
      .all(sinceMs, now)
      .map(toVote);
    const texts = this.db
      .prepare<[number, number], TextRow>(
        "SELECT answer_id, slot, kind, text, at FROM fb_texts WHERE at >= ? AND expires_at > ? ORDER BY at",
      )
      .all(sinceMs, now)
      .map((r) => ({ answerId: r.answer_id, slot: r.slot, kind: r.kind, text: r.text, at: r.at }));
    return { answers, votes, texts };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** Every TRIM_EVERY writes: deletes expired rows, then the oldest beyond the cap. */
  private trim(table: "fb_answers" | "fb_votes" | "fb_texts", now: number): void {
    if (this.writes[table]++ % TRIM_EVERY !== 0) return;
    this.db.prepare(`DELETE FROM ${table} WHERE expires_at <= ?`).run(now);
    const { n } = this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get() ?? { n: 0 };
    if (n > this.options.maxRecords) {
      this.db
        .prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} ORDER BY at LIMIT ?)`)
        .run(n - this.options.maxRecords);
    }
  }
}

/** Expired rows are invisible anyway; the cap may be passed by this many rows between trims. */
const TRIM_EVERY = 100;

function toVote(r: VoteRow): VoteRecord {
  return { answerId: r.answer_id, voter: r.voter, vote: r.vote, at: r.at };
}
