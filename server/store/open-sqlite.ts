/**
 * Open (creating its folder) one connection to a Branchcast SQLite file, the way every store
 * does: WAL so the recordings, workshop and auth connections can share one file, synchronous=FULL
 * so a returned write survives power loss, foreign keys on, then the store's CREATE … IF NOT
 * EXISTS schema (an older database gains the new tables).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OpenSqliteOptions {
  /**
   * Wait this long for another connection's write lock instead of failing at once (the stores
   * that share the recordings' file); set before WAL, since switching the journal takes a lock.
   */
  busyTimeoutMs?: number;
}

export function openSqlite(file: string, schema: string, opts: OpenSqliteOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (opts.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${opts.busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(schema);
  return db;
}
