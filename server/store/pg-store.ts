/**
 * PostgreSQL RecordingStore: the same contract as SqliteStore (test/harness/store-contract.ts),
 * through PgSync's synchronous queries. An append is one transaction that locks the session row,
 * checks the batch continues last_seq, extends the hash chain, and, when the room runs under a
 * lease (server/cluster/leases.ts), checks in the same transaction that the lease is still this
 * node's at the epoch the room was opened with: a stale owner's append changes nothing.
 */
import type { Role, SessionEvent } from '../../core/events.js';
import type { Annotation } from '../../core/annotation.js';
import { chainHash, eventJson, genesisHash } from './hash-chain.js';
import { PgError, type PgSync } from './pg-sync.js';
import {
  checkContiguous,
  StoreError,
  type AppendFence,
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
  demo: boolean;
}

const toRecord = (r: SessionRow): SessionRecord => ({
  sessionId: r.id,
  scenarioId: r.scenario_id,
  seed: r.seed,
  codes: JSON.parse(r.codes) as Record<Role, string>,
  createdAt: r.created_at,
  status: r.status,
  demo: r.demo,
});

/** Connection failures and timeouts are IO; constraint violations keep their own meaning. */
function io(err: unknown): never {
  if (err instanceof StoreError) throw err;
  throw new StoreError(err instanceof Error ? err.message : String(err), 'IO');
}

export class PgStore implements RecordingStore {
  readonly kind = 'postgres' as const;
  /** Every append's latency in ms, for /metrics (server/cluster/metrics.ts reads and clears it). */
  readonly appendMs: number[] = [];

  constructor(
    readonly db: PgSync,
    private readonly ownsDb = true,
  ) {}

  createSession(rec: SessionRecord): void {
    try {
      this.db.tx(() => this.insertSession(rec));
    } catch (err) {
      if (err instanceof PgError && err.code === '23505')
        throw new StoreError(`session ${rec.sessionId} or one of its codes exists`, 'DUPLICATE');
      io(err);
    }
  }

  private insertSession(rec: SessionRecord): void {
    this.db.exec(
      `INSERT INTO sessions (id, scenario_id, seed, codes, created_at, status, demo, last_seq, last_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)`,
      [
        rec.sessionId,
        rec.scenarioId,
        rec.seed,
        JSON.stringify(rec.codes),
        rec.createdAt,
        rec.status,
        rec.demo,
        genesisHash(rec.sessionId),
      ],
    );
    const entries = Object.entries(rec.codes);
    this.db.exec(
      `INSERT INTO join_codes (code, session_id, role) SELECT c, $1, r FROM unnest($2::text[], $3::text[]) AS x(c, r)`,
      [rec.sessionId, entries.map((e) => e[1]), entries.map((e) => e[0])],
    );
  }

  /** Inside a transaction: write the batch after the locked head; the fence is checked first. */
  private appendIn(sessionId: string, events: readonly SessionEvent[], fence?: AppendFence): void {
    if (fence) {
      // FOR SHARE holds the lease row: a takeover's UPDATE waits for this commit, then folds it.
      const held = this.db.query(
        `SELECT 1 FROM room_leases WHERE session_id = $1 AND owner = $2 AND epoch = $3 AND expires_at > now() FOR SHARE`,
        [sessionId, fence.owner, fence.epoch],
      );
      if (held.length === 0)
        throw new StoreError(`session ${sessionId}: lease epoch ${fence.epoch} of ${fence.owner} is stale`, 'FENCED');
    }
    const head = this.db.query<{ last_seq: number; last_hash: string }>(
      `SELECT last_seq, last_hash FROM sessions WHERE id = $1 FOR UPDATE`,
      [sessionId],
    )[0];
    if (!head) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    const newLast = checkContiguous(sessionId, head.last_seq, events);
    let prev = head.last_hash;
    const bodies: string[] = [];
    const hashes: string[] = [];
    for (const e of events) {
      const body = eventJson(e);
      prev = chainHash(prev, body);
      bodies.push(body);
      hashes.push(prev);
    }
    this.db.exec(
      `INSERT INTO events (session_id, seq, t, type, body, hash)
       SELECT $1, s, t, ty, b, h FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS x(s, t, ty, b, h)`,
      [sessionId, events.map((e) => e.seq), events.map((e) => e.t), events.map((e) => e.type), bodies, hashes],
    );
    this.db.exec(`UPDATE sessions SET last_seq = $1, last_hash = $2 WHERE id = $3`, [newLast, prev, sessionId]);
  }

  append(sessionId: string, events: readonly SessionEvent[], fence?: AppendFence): void {
    if (events.length === 0) return;
    const started = performance.now();
    try {
      this.db.tx(() => this.appendIn(sessionId, events, fence));
    } catch (err) {
      io(err);
    }
    if (this.appendMs.length < 100_000) this.appendMs.push(performance.now() - started);
  }

  importSession(rec: SessionRecord, events: readonly SessionEvent[], annotations: readonly Annotation[] = []): void {
    checkContiguous(rec.sessionId, 0, events);
    try {
      this.db.tx(() => {
        this.insertSession(rec);
        if (events.length > 0) this.appendIn(rec.sessionId, events);
        for (const a of annotations) this.insertNote({ ...a, sessionId: rec.sessionId });
      });
    } catch (err) {
      if (err instanceof PgError && err.code === '23505')
        throw new StoreError(`session ${rec.sessionId} or one of its codes exists`, 'DUPLICATE');
      io(err);
    }
  }

  private insertNote(a: Annotation): void {
    this.db.exec(`INSERT INTO annotations (id, session_id, body) VALUES ($1, $2, $3)`, [
      a.id,
      a.sessionId,
      JSON.stringify(a),
    ]);
  }

  addAnnotation(a: Annotation): void {
    if (!this.getSession(a.sessionId)) throw new StoreError(`unknown session ${a.sessionId}`, 'UNKNOWN_SESSION');
    try {
      this.insertNote(a);
    } catch (err) {
      if (err instanceof PgError && err.code === '23505')
        throw new StoreError(`annotation ${a.id} exists`, 'DUPLICATE');
      io(err);
    }
  }

  updateAnnotation(a: Annotation): void {
    const r = this.db.exec(`UPDATE annotations SET body = $1 WHERE id = $2 AND session_id = $3`, [
      JSON.stringify(a),
      a.id,
      a.sessionId,
    ]);
    if (r.rowCount === 0) throw new StoreError(`unknown annotation ${a.id}`, 'UNKNOWN_SESSION');
  }

  deleteAnnotation(sessionId: string, id: string): void {
    const r = this.db.exec(`DELETE FROM annotations WHERE id = $1 AND session_id = $2`, [id, sessionId]);
    if (r.rowCount === 0) throw new StoreError(`unknown annotation ${id}`, 'UNKNOWN_SESSION');
  }

  listAnnotations(sessionId: string): Annotation[] {
    return this.db
      .query<{ body: string }>(`SELECT body FROM annotations WHERE session_id = $1`, [sessionId])
      .map((r) => JSON.parse(r.body) as Annotation)
      .sort((x, y) => x.seq - y.seq || x.createdAt - y.createdAt);
  }

  setStatus(sessionId: string, status: SessionStatus): void {
    const r = this.db.exec(`UPDATE sessions SET status = $1 WHERE id = $2`, [status, sessionId]);
    if (r.rowCount === 0) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
  }

  getSession(sessionId: string): SessionRecord | undefined {
    const r = this.db.query<SessionRow & Record<string, unknown>>(`SELECT * FROM sessions WHERE id = $1`, [sessionId]);
    return r[0] ? toRecord(r[0]) : undefined;
  }

  findByCode(code: string): { sessionId: string; role: Role } | undefined {
    const r = this.db.query<{ session_id: string; role: Role }>(
      `SELECT session_id, role FROM join_codes WHERE code = $1`,
      [code],
    )[0];
    return r ? { sessionId: r.session_id, role: r.role } : undefined;
  }

  listSessions(filter?: { status?: SessionStatus }): SessionRecord[] {
    const rows = filter?.status
      ? this.db.query(`SELECT * FROM sessions WHERE status = $1 ORDER BY created_at, id`, [filter.status])
      : this.db.query(`SELECT * FROM sessions ORDER BY created_at, id`);
    return (rows as unknown as SessionRow[]).map(toRecord);
  }

  readEvents(sessionId: string, fromSeq = 1, limit = -1): SessionEvent[] {
    if (!this.getSession(sessionId)) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    return this.db
      .query<{ body: string }>(`SELECT body FROM events WHERE session_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, [
        sessionId,
        fromSeq,
        limit < 0 ? null : limit,
      ])
      .map((r) => JSON.parse(r.body) as SessionEvent);
  }

  lastSeq(sessionId: string): number {
    const r = this.db.query<{ last_seq: number }>(`SELECT last_seq FROM sessions WHERE id = $1`, [sessionId])[0];
    if (!r) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    return r.last_seq;
  }

  readHashes(sessionId: string, fromSeq = 1, limit = -1): Array<{ seq: number; prev: string; hash: string }> {
    const rows = this.db.query<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM events WHERE session_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [sessionId, fromSeq, limit < 0 ? null : limit],
    );
    let prev =
      fromSeq <= 1
        ? genesisHash(sessionId)
        : (this.db.query<{ hash: string }>(`SELECT hash FROM events WHERE session_id = $1 AND seq = $2`, [
            sessionId,
            fromSeq - 1,
          ])[0]?.hash ?? genesisHash(sessionId));
    return rows.map((r) => {
      const link = { seq: r.seq, prev, hash: r.hash };
      prev = r.hash;
      return link;
    });
  }

  close(): void {
    if (this.ownsDb) this.db.close();
  }
}
