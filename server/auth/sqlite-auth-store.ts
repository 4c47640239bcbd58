/**
 * SQLite AuthStore. Opens its own connection to the recordings' database file (WAL lets the two
 * connections share it); its tables are created if missing, so an older database gains them.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../store/open-sqlite.js';
import { AuthStoreError, type AuthStore, type Facilitator, type WebSession } from './auth-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS facilitators (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS web_sessions (
  token_hash TEXT PRIMARY KEY,
  facilitator_id TEXT NOT NULL REFERENCES facilitators(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface FacilitatorRow {
  id: string;
  username: string;
  password_hash: string;
  created_at: number;
  disabled: number;
}

interface SessionRow {
  token_hash: string;
  facilitator_id: string;
  created_at: number;
  expires_at: number;
}

const toFacilitator = (r: FacilitatorRow): Facilitator => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  ...(r.disabled === 1 ? { disabled: true } : {}),
});

export class SqliteAuthStore implements AuthStore {
  readonly kind = 'sqlite' as const;
  private db: Database.Database;
  private stmts;

  constructor(readonly file: string) {
    // The recordings' connection may hold the write lock for a moment.
    this.db = openSqlite(file, SCHEMA, { busyTimeoutMs: 5000 });
    // Databases from before accounts could be disabled (issue 17 pt 8) gain the column.
    const has = (this.db.prepare(`PRAGMA table_info(facilitators)`).all() as Array<{ name: string }>).some(
      (c) => c.name === 'disabled',
    );
    if (!has) this.db.exec(`ALTER TABLE facilitators ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0`);
    const cols = 'id, username, password_hash, created_at, disabled';
    this.stmts = {
      count: this.db.prepare(`SELECT COUNT(*) FROM facilitators`).pluck(),
      insert: this.db.prepare(
        `INSERT INTO facilitators (id, username, username_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      byName: this.db.prepare(`SELECT ${cols} FROM facilitators WHERE username_key = ?`),
      byId: this.db.prepare(`SELECT ${cols} FROM facilitators WHERE id = ?`),
      list: this.db.prepare(`SELECT ${cols} FROM facilitators ORDER BY created_at, rowid`),
      setHash: this.db.prepare(`UPDATE facilitators SET password_hash = ? WHERE id = ?`),
      setDisabled: this.db.prepare(`UPDATE facilitators SET disabled = ? WHERE id = ?`),
      deleteFacilitator: this.db.prepare(`DELETE FROM facilitators WHERE id = ?`),
      deleteSessionsOf: this.db.prepare(`DELETE FROM web_sessions WHERE facilitator_id = ?`),
      addSession: this.db.prepare(
        `INSERT OR REPLACE INTO web_sessions (token_hash, facilitator_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
      ),
      findSession: this.db.prepare(`SELECT * FROM web_sessions WHERE token_hash = ? AND expires_at > ?`),
      deleteSession: this.db.prepare(`DELETE FROM web_sessions WHERE token_hash = ?`),
      deleteExpired: this.db.prepare(`DELETE FROM web_sessions WHERE expires_at <= ?`),
      getMeta: this.db.prepare(`SELECT value FROM auth_meta WHERE key = ?`).pluck(),
      setMeta: this.db.prepare(`INSERT OR REPLACE INTO auth_meta (key, value) VALUES (?, ?)`),
    };
  }

  countFacilitators(): number {
    return this.stmts.count.get() as number;
  }

  addFacilitator(f: Facilitator): void {
    try {
      this.stmts.insert.run(f.id, f.username, f.username.toLowerCase(), f.passwordHash, f.createdAt);
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT'))
        throw new AuthStoreError(`username "${f.username}" is taken`, 'DUPLICATE');
      throw err;
    }
  }

  facilitatorByName(username: string): Facilitator | undefined {
    const r = this.stmts.byName.get(username.toLowerCase()) as FacilitatorRow | undefined;
    return r && toFacilitator(r);
  }

  facilitatorById(id: string): Facilitator | undefined {
    const r = this.stmts.byId.get(id) as FacilitatorRow | undefined;
    return r && toFacilitator(r);
  }

  listFacilitators(): Facilitator[] {
    return (this.stmts.list.all() as FacilitatorRow[]).map(toFacilitator);
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.stmts.setHash.run(passwordHash, id);
  }

  setDisabled(id: string, disabled: boolean): void {
    this.stmts.setDisabled.run(disabled ? 1 : 0, id);
  }

  deleteFacilitator(id: string): void {
    this.db.transaction(() => {
      this.stmts.deleteSessionsOf.run(id);
      this.stmts.deleteFacilitator.run(id);
    })();
  }

  deleteSessionsOf(facilitatorId: string): void {
    this.stmts.deleteSessionsOf.run(facilitatorId);
  }

  addSession(s: WebSession): void {
    try {
      this.stmts.addSession.run(s.tokenHash, s.facilitatorId, s.createdAt, s.expiresAt);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw new AuthStoreError(`no facilitator "${s.facilitatorId}"`, 'UNKNOWN');
      throw err;
    }
  }

  findSession(tokenHash: string, now: number): WebSession | undefined {
    const r = this.stmts.findSession.get(tokenHash, now) as SessionRow | undefined;
    return (
      r && {
        tokenHash: r.token_hash,
        facilitatorId: r.facilitator_id,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
      }
    );
  }

  deleteSession(tokenHash: string): void {
    this.stmts.deleteSession.run(tokenHash);
  }

  deleteExpired(now: number): number {
    return this.stmts.deleteExpired.run(now).changes;
  }

  getMeta(key: string): string | undefined {
    return (this.stmts.getMeta.get(key) as string | undefined) ?? undefined;
  }

  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
