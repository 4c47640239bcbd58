/**
 * Where recordings live. The room appends each flushed batch of events in one call and only acks
 * commands after that call returns: a returned append is durable. Implementations: sqlite (the
 * default, survives kill -9), postgres (BRANCHCAST_DATABASE_URL, several nodes: docs/SCALING.md) and
 * memory (tests, `--memory`). All pass test/harness/store-contract.ts.
 */
import type { Role, SessionEvent } from '../../core/events.js';
import type { Annotation } from '../../core/annotation.js';

export type SessionStatus = 'live' | 'ended';

export interface SessionRecord {
  sessionId: string;
  scenarioId: string;
  seed: number;
  /** Join code per role; codes are unique across all sessions of a store. */
  codes: Record<Role, string>;
  /** Wall-clock ms when the session was created; event `t` counts from here. */
  createdAt: number;
  status: SessionStatus;
  /** The demo room opened by `npm start` (reused across restarts). */
  demo: boolean;
}

/** Current on-disk/event format version (docs/RECORDING.md). 2 added the hash chain. */
export const RECORDING_FORMAT_VERSION = 2;

export class StoreError extends Error {
  constructor(
    message: string,
    /** FENCED: the append carried a lease epoch that is no longer this node's (server/cluster). */
    readonly reason: 'SEQ_GAP' | 'UNKNOWN_SESSION' | 'DUPLICATE' | 'IO' | 'FENCED',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * The lease a room was opened under (server/cluster/leases.ts): a store that keeps leases
 * (PostgreSQL) refuses the append with FENCED unless `owner` still holds the room at `epoch`.
 * Stores without leases (SQLite, memory: one process) ignore it.
 */
export interface AppendFence {
  owner: string;
  epoch: number;
}

export interface RecordingStore {
  readonly kind: 'sqlite' | 'memory' | 'postgres';
  /** Register a session; throws StoreError('DUPLICATE') if the id or a code is taken. */
  createSession(rec: SessionRecord): void;
  /**
   * Append a batch atomically. The first event's seq must be lastSeq + 1 and the batch gap-free,
   * otherwise nothing is written and StoreError('SEQ_GAP') is thrown.
   */
  append(sessionId: string, events: readonly SessionEvent[], fence?: AppendFence): void;
  /** Create a session with all its events and annotations at once (an import): all or nothing. */
  importSession(rec: SessionRecord, events: readonly SessionEvent[], annotations?: readonly Annotation[]): void;
  /**
   * Facilitators' annotations: kept apart from the immutable event log, and editable. Updating or
   * deleting an unknown id throws StoreError('UNKNOWN_SESSION').
   */
  addAnnotation(a: Annotation): void;
  updateAnnotation(a: Annotation): void;
  deleteAnnotation(sessionId: string, id: string): void;
  listAnnotations(sessionId: string): Annotation[];
  setStatus(sessionId: string, status: SessionStatus): void;
  getSession(sessionId: string): SessionRecord | undefined;
  findByCode(code: string): { sessionId: string; role: Role } | undefined;
  listSessions(filter?: { status?: SessionStatus }): SessionRecord[];
  /** Events with seq >= fromSeq in seq order, at most `limit`. */
  readEvents(sessionId: string, fromSeq?: number, limit?: number): SessionEvent[];
  lastSeq(sessionId: string): number;
  /** Hash chain links, `prev` hash of each event with seq >= fromSeq (see hash-chain.ts). */
  readHashes(sessionId: string, fromSeq?: number, limit?: number): Array<{ seq: number; prev: string; hash: string }>;
  close(): void;
}

/** Check a batch continues `last` without gaps; returns the new last seq. */
export function checkContiguous(sessionId: string, last: number, events: readonly SessionEvent[]): number {
  let expect = last + 1;
  for (const e of events) {
    if (e.seq !== expect) {
      throw new StoreError(`session ${sessionId}: expected seq ${expect}, got ${e.seq}`, 'SEQ_GAP');
    }
    expect++;
  }
  return expect - 1;
}
