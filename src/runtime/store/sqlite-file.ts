import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

/**
 * Opens the SQLite file every store shares (conversations, decisions, feedback), creating its
 * folder, with the same settings: `busy_timeout` first, so even the WAL switch waits for other
 * connections; WAL with synchronous=NORMAL. Durability: a commit is one write() of its frames to
 * the -wal file, in the OS page cache as soon as the statement returns, so a bot killed with
 * SIGKILL finds every save that returned; only an OS crash or power loss can lose the last few
 * commits (never corrupt the file). FULL would fsync every turn (~1-10 ms on real disks); a lost
 * turn after a power cut is acceptable for chat state. `path` ":memory:" opens a private database.
 */
export function openSqlite(path: string, busyTimeoutMs = 5000): Database.Database {
  const inMemory = path === ":memory:";
  const file = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  return db;
}
