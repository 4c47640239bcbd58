/** In-memory RecordingStore: same contract as sqlite, nothing survives the process. */
import type { Role, SessionEvent } from '../../core/events.js';
import {
  checkContiguous,
  StoreError,
  type RecordingStore,
  type SessionRecord,
  type SessionStatus,
} from './recording-store.js';

export class MemoryStore implements RecordingStore {
  readonly kind = 'memory' as const;
  private sessions = new Map<string, SessionRecord>();
  private events = new Map<string, SessionEvent[]>();
  private codes = new Map<string, { sessionId: string; role: Role }>();

  createSession(rec: SessionRecord): void {
    if (this.sessions.has(rec.sessionId)) throw new StoreError(`session ${rec.sessionId} exists`, 'DUPLICATE');
    for (const code of Object.values(rec.codes)) {
      if (this.codes.has(code)) throw new StoreError(`join code ${code} is taken`, 'DUPLICATE');
    }
    this.sessions.set(rec.sessionId, { ...rec, codes: { ...rec.codes } });
    this.events.set(rec.sessionId, []);
    for (const [role, code] of Object.entries(rec.codes))
      this.codes.set(code, { sessionId: rec.sessionId, role: role as Role });
  }

  append(sessionId: string, events: readonly SessionEvent[]): void {
    const list = this.events.get(sessionId);
    if (!list) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    checkContiguous(sessionId, list.length, events);
    // Copy so later mutation by the caller cannot rewrite history.
    for (const e of events) list.push(structuredClone(e));
  }

  setStatus(sessionId: string, status: SessionStatus): void {
    const rec = this.sessions.get(sessionId);
    if (!rec) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    rec.status = status;
  }

  getSession(sessionId: string): SessionRecord | undefined {
    const rec = this.sessions.get(sessionId);
    return rec ? { ...rec, codes: { ...rec.codes } } : undefined;
  }

  findByCode(code: string): { sessionId: string; role: Role } | undefined {
    return this.codes.get(code);
  }

  listSessions(filter?: { status?: SessionStatus }): SessionRecord[] {
    return [...this.sessions.values()]
      .filter((s) => !filter?.status || s.status === filter.status)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((s) => ({ ...s, codes: { ...s.codes } }));
  }

  readEvents(sessionId: string, fromSeq = 1, limit = Number.MAX_SAFE_INTEGER): SessionEvent[] {
    const list = this.events.get(sessionId);
    if (!list) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    return list.slice(Math.max(0, fromSeq - 1), Math.max(0, fromSeq - 1) + limit).map((e) => structuredClone(e));
  }

  lastSeq(sessionId: string): number {
    return this.events.get(sessionId)?.length ?? 0;
  }

  close(): void {}
}
