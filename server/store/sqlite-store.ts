/**
 * SQLite RecordingStore (better-sqlite3, WAL). Each append is one transaction; with
 * synchronous=FULL a returned append survives kill -9 and power loss, which is what lets the room
 * ack only durable events. Events are stored whole as JSON next to their seq, t and type.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from './open-sqlite.js';
import type { Role, SessionEvent } from '../../core/events.js';
import {
  checkContiguous,
  RECORDING_FORMAT_VERSION,
  StoreError,
  type RecordingStore,
  type SessionRecord,
  type SessionStatus,
} from './recording-store.js';
import { chainHash, eventJson, genesisHash } from './hash-chain.js';
import type { Annotation } from '../recordings/recording-file.js';

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
  hash TEXT,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS annotations (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS annotations_by_session ON annotations (session_id);
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
  private pendingHash = '';

  constructor(readonly file: string) {
    this.db = openSqlite(file, SCHEMA);
    const version = this.db.prepare(`SELECT value FROM meta WHERE key = 'format_version'`).get() as
      { value: string } | undefined;
    if (!version) {
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES ('format_version', ?)`)
        .run(String(RECORDING_FORMAT_VERSION));
    } else if (Number(version.value) < RECORDING_FORMAT_VERSION) {
      this.migrate(Number(version.value));
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
      insertEvent: this.db.prepare(
        `INSERT INTO events (session_id, seq, t, type, body, hash) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      lastHash: this.db.prepare(`SELECT hash FROM events WHERE session_id = ? AND seq = ?`).pluck(),
      insertNote: this.db.prepare(`INSERT INTO annotations (id, session_id, body) VALUES (?, ?, ?)`),
      updateNote: this.db.prepare(`UPDATE annotations SET body = ? WHERE id = ? AND session_id = ?`),
      deleteNote: this.db.prepare(`DELETE FROM annotations WHERE id = ? AND session_id = ?`),
      listNotes: this.db.prepare(`SELECT body FROM annotations WHERE session_id = ?`).pluck(),
      readHashes: this.db.prepare(
        `SELECT seq, hash FROM events WHERE session_id = ? AND seq >= ? ORDER BY seq LIMIT ?`,
      ),
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

  private lastHash = new Map<string, string>();

  private hashAt(sessionId: string, seq: number): string {
    if (seq === 0) return genesisHash(sessionId);
    const cached = this.lastHash.get(sessionId);
    if (cached !== undefined && this.lastSeqCache.get(sessionId) === seq) return cached;
    return (this.stmts.lastHash.get(sessionId, seq) as string | null) ?? genesisHash(sessionId);
  }

  private appendTx = (sessionId: string, events: readonly SessionEvent[]) => {
    const last = this.lastSeq(sessionId);
    const newLast = checkContiguous(sessionId, last, events);
    let prev = this.hashAt(sessionId, last);
    for (const e of events) {
      const body = eventJson(e);
      prev = chainHash(prev, body);
      this.stmts.insertEvent.run(sessionId, e.seq, e.t, e.type, body, prev);
    }
    this.pendingHash = prev;
    this.stmts.setLastSeq.run(newLast, sessionId);
    return newLast;
  };

  append(sessionId: string, events: readonly SessionEvent[]): void {
    if (events.length === 0) return;
    try {
      const newLast = this.db.transaction(this.appendTx)(sessionId, events);
      this.lastSeqCache.set(sessionId, newLast);
      this.lastHash.set(sessionId, this.pendingHash);
    } catch (err) {
      // The transaction rolled back; the cache may be ahead of disk only if we set it, which we did not.
      this.lastSeqCache.delete(sessionId);
      this.lastHash.delete(sessionId);
      throw err;
    }
  }

  importSession(rec: SessionRecord, events: readonly SessionEvent[], annotations: readonly Annotation[] = []): void {
    checkContiguous(rec.sessionId, 0, events);
    try {
      this.db.transaction(() => {
        this.createSession(rec);
        this.db.transaction(this.appendTx)(rec.sessionId, events);
        for (const a of annotations) this.addAnnotation({ ...a, sessionId: rec.sessionId });
      })();
    } catch (err) {
      this.lastSeqCache.delete(rec.sessionId);
      throw err;
    }
    this.lastSeqCache.set(rec.sessionId, events.length);
    this.lastHash.set(rec.sessionId, this.pendingHash);
  }

  addAnnotation(a: Annotation): void {
    if (!this.getSession(a.sessionId)) throw new StoreError(`unknown session ${a.sessionId}`, 'UNKNOWN_SESSION');
    try {
      this.stmts.insertNote.run(a.id, a.sessionId, JSON.stringify(a));
    } catch (err) {
      if (err instanceof Error && /UNIQUE|PRIMARY KEY/.test(err.message))
        throw new StoreError(`annotation ${a.id} exists`, 'DUPLICATE');
      throw err;
    }
  }

  updateAnnotation(a: Annotation): void {
    if (this.stmts.updateNote.run(JSON.stringify(a), a.id, a.sessionId).changes === 0)
      throw new StoreError(`unknown annotation ${a.id}`, 'UNKNOWN_SESSION');
  }

  deleteAnnotation(sessionId: string, id: string): void {
    if (this.stmts.deleteNote.run(id, sessionId).changes === 0)
      throw new StoreError(`unknown annotation ${id}`, 'UNKNOWN_SESSION');
  }

  listAnnotations(sessionId: string): Annotation[] {
    return (this.stmts.listNotes.all(sessionId) as string[])
      .map((b) => JSON.parse(b) as Annotation)
      .sort((x, y) => x.seq - y.seq || x.createdAt - y.createdAt);
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

  readHashes(sessionId: string, fromSeq = 1, limit = -1): Array<{ seq: number; prev: string; hash: string }> {
    const rows = this.stmts.readHashes.all(sessionId, fromSeq, limit) as Array<{ seq: number; hash: string }>;
    let prev = this.hashAt(sessionId, fromSeq - 1);
    return rows.map((r) => {
      const link = { seq: r.seq, prev, hash: r.hash };
      prev = r.hash;
      return link;
    });
  }

  /** Numbered, in-place schema migrations; each runs once in its own transaction. */
  private migrate(from: number): void {
    const steps: Record<number, () => void> = {
      // 1 → 2: the hash chain. Old rows get their links computed now, in seq order.
      1: () => {
        const cols = this.db.prepare(`PRAGMA table_info(events)`).all() as Array<{ name: string }>;
        if (!cols.some((c) => c.name === 'hash')) this.db.exec(`ALTER TABLE events ADD COLUMN hash TEXT`);
        const sessions = this.db.prepare(`SELECT id FROM sessions`).pluck().all() as string[];
        const rows = this.db.prepare(`SELECT seq, body FROM events WHERE session_id = ? ORDER BY seq`);
        const set = this.db.prepare(`UPDATE events SET hash = ? WHERE session_id = ? AND seq = ?`);
        for (const id of sessions) {
          let prev = genesisHash(id);
          for (const r of rows.all(id) as Array<{ seq: number; body: string }>) {
            prev = chainHash(prev, r.body);
            set.run(prev, id, r.seq);
          }
        }
      },
    };
    for (let v = from; v < RECORDING_FORMAT_VERSION; v++) {
      const step = steps[v];
      if (!step) throw new StoreError(`${this.file}: no migration from format ${v}`, 'IO');
      this.db.transaction(() => {
        step();
        this.db.prepare(`UPDATE meta SET value = ? WHERE key = 'format_version'`).run(String(v + 1));
      })();
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
