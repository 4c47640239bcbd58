/**
 * SQLite RecordingStore (better-sqlite3, WAL). Each append is one transaction; with
 * synchronous=FULL a returned append survives kill -9 and power loss, which is what lets the room
 * ack only durable events. Events are stored whole as JSON next to their seq, t and type.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role, SessionEvent } from '../../core/events.js';
import {
  checkContiguous,
  RECORDING_FORMAT_VERSION,
  StoreError,
  type RecordingStore,
  type SessionRecord,
  type SessionStatus,
} from './recording-store.js';

interface SessionRow {
  id: string;
  scenario_id: string;
  seed: number;
  codes: string;
  created_at: number;
  status: SessionStatus;
  demo: number;
  last_seq: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  seed INTEGER NOT NULL,
  codes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('live', 'ended')),
  demo INTEGER NOT NULL DEFAULT 0,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS join_codes (
  code TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  role TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  t INTEGER NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
`;

function toRecord(r: SessionRow): SessionRecord {
  return {
    sessionId: r.id,
    scenarioId: r.scenario_id,
    seed: r.seed,
    codes: JSON.parse(r.codes) as Record<Role, string>,
    createdAt: r.created_at,
    status: r.status,
    demo: r.demo === 1,
  };
}

export class SqliteStore implements RecordingStore {
  readonly kind = 'sqlite' as const;
  private db: Database.Database;
  private stmts;
  private lastSeqCache = new Map<string, number>();

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const version = this.db.prepare(`SELECT value FROM meta WHERE key = 'format_version'`).get() as
      { value: string } | undefined;
    if (!version) {
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES ('format_version', ?)`)
        .run(String(RECORDING_FORMAT_VERSION));
    } else if (Number(version.value) > RECORDING_FORMAT_VERSION) {
      throw new StoreError(
        `${file}: recording format ${version.value} is newer than this Branchcast (${RECORDING_FORMAT_VERSION})`,
        'IO',
      );
    }
    this.stmts = {
      insertSession: this.db.prepare(
        `INSERT INTO sessions (id, scenario_id, seed, codes, created_at, status, demo) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertCode: this.db.prepare(`INSERT INTO join_codes (code, session_id, role) VALUES (?, ?, ?)`),
      insertEvent: this.db.prepare(`INSERT INTO events (session_id, seq, t, type, body) VALUES (?, ?, ?, ?, ?)`),
      setLastSeq: this.db.prepare(`UPDATE sessions SET last_seq = ? WHERE id = ?`),
      getLastSeq: this.db.prepare(`SELECT last_seq FROM sessions WHERE id = ?`).pluck(),
      setStatus: this.db.prepare(`UPDATE sessions SET status = ? WHERE id = ?`),
      getSession: this.db.prepare(`SELECT * FROM sessions WHERE id = ?`),
      findCode: this.db.prepare(`SELECT session_id, role FROM join_codes WHERE code = ?`),
      listAll: this.db.prepare(`SELECT * FROM sessions ORDER BY created_at, id`),
      listByStatus: this.db.prepare(`SELECT * FROM sessions WHERE status = ? ORDER BY created_at, id`),
      readEvents: this.db
        .prepare(`SELECT body FROM events WHERE session_id = ? AND seq >= ? ORDER BY seq LIMIT ?`)
        .pluck(),
    };
  }

  createSession(rec: SessionRecord): void {
    const tx = this.db.transaction(() => {
      this.stmts.insertSession.run(
        rec.sessionId,
        rec.scenarioId,
        rec.seed,
        JSON.stringify(rec.codes),
        rec.createdAt,
        rec.status,
        rec.demo ? 1 : 0,
      );
      for (const [role, code] of Object.entries(rec.codes)) this.stmts.insertCode.run(code, rec.sessionId, role);
    });
    try {
      tx();
    } catch (err) {
      if (err instanceof Error && /UNIQUE|PRIMARY KEY/.test(err.message)) {
        throw new StoreError(`session ${rec.sessionId} or one of its codes exists`, 'DUPLICATE');
      }
      throw err;
    }
    this.lastSeqCache.set(rec.sessionId, 0);
  }

  private appendTx = (sessionId: string, events: readonly SessionEvent[]) => {
    const last = this.lastSeq(sessionId);
    const newLast = checkContiguous(sessionId, last, events);
    for (const e of events) this.stmts.insertEvent.run(sessionId, e.seq, e.t, e.type, JSON.stringify(e));
    this.stmts.setLastSeq.run(newLast, sessionId);
    return newLast;
  };

  append(sessionId: string, events: readonly SessionEvent[]): void {
    if (events.length === 0) return;
    try {
      const newLast = this.db.transaction(this.appendTx)(sessionId, events);
      this.lastSeqCache.set(sessionId, newLast);
    } catch (err) {
      // The transaction rolled back; the cache may be ahead of disk only if we set it, which we did not.
      this.lastSeqCache.delete(sessionId);
      throw err;
    }
  }

  setStatus(sessionId: string, status: SessionStatus): void {
    const r = this.stmts.setStatus.run(status, sessionId);
    if (r.changes === 0) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
  }

  getSession(sessionId: string): SessionRecord | undefined {
    const row = this.stmts.getSession.get(sessionId) as SessionRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  findByCode(code: string): { sessionId: string; role: Role } | undefined {
    const row = this.stmts.findCode.get(code) as { session_id: string; role: Role } | undefined;
    return row ? { sessionId: row.session_id, role: row.role } : undefined;
  }

  listSessions(filter?: { status?: SessionStatus }): SessionRecord[] {
    const rows = (
      filter?.status ? this.stmts.listByStatus.all(filter.status) : this.stmts.listAll.all()
    ) as SessionRow[];
    return rows.map(toRecord);
  }

  readEvents(sessionId: string, fromSeq = 1, limit = -1): SessionEvent[] {
    if (!this.getSession(sessionId)) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    const bodies = this.stmts.readEvents.all(sessionId, fromSeq, limit) as string[];
    return bodies.map((b) => JSON.parse(b) as SessionEvent);
  }

  lastSeq(sessionId: string): number {
    const cached = this.lastSeqCache.get(sessionId);
    if (cached !== undefined) return cached;
    const v = this.stmts.getLastSeq.get(sessionId) as number | undefined;
    if (v === undefined) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    this.lastSeqCache.set(sessionId, v);
    return v;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
