/** In-memory RecordingStore: same contract as sqlite, nothing survives the process. */
import type { Role, SessionEvent } from '../../core/events.js';
import {
  checkContiguous,
  StoreError,
  type RecordingStore,
  type SessionRecord,
  type SessionStatus,
} from './recording-store.js';
import { chainHash, eventJson, genesisHash } from './hash-chain.js';
import type { Annotation } from '../recordings/recording-file.js';

export class MemoryStore implements RecordingStore {
  readonly kind = 'memory' as const;
  private sessions = new Map<string, SessionRecord>();
  private events = new Map<string, SessionEvent[]>();
  private codes = new Map<string, { sessionId: string; role: Role }>();
  private hashes = new Map<string, string[]>();
  private notes = new Map<string, Annotation>();

  createSession(rec: SessionRecord): void {
    if (this.sessions.has(rec.sessionId)) throw new StoreError(`session ${rec.sessionId} exists`, 'DUPLICATE');
    for (const code of Object.values(rec.codes)) {
      if (this.codes.has(code)) throw new StoreError(`join code ${code} is taken`, 'DUPLICATE');
    }
    this.sessions.set(rec.sessionId, { ...rec, codes: { ...rec.codes } });
    this.events.set(rec.sessionId, []);
    this.hashes.set(rec.sessionId, []);
    for (const [role, code] of Object.entries(rec.codes))
      this.codes.set(code, { sessionId: rec.sessionId, role: role as Role });
  }

  append(sessionId: string, events: readonly SessionEvent[]): void {
    const list = this.events.get(sessionId);
    if (!list) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    checkContiguous(sessionId, list.length, events);
    const hashes = this.hashes.get(sessionId)!;
    let prev = hashes.at(-1) ?? genesisHash(sessionId);
    // Copy so later mutation by the caller cannot rewrite history.
    for (const e of events) {
      list.push(structuredClone(e));
      prev = chainHash(prev, eventJson(e));
      hashes.push(prev);
    }
  }

  importSession(rec: SessionRecord, events: readonly SessionEvent[], annotations: readonly Annotation[] = []): void {
    checkContiguous(rec.sessionId, 0, events);
    if (annotations.some((a) => this.notes.has(a.id))) throw new StoreError('an annotation id is taken', 'DUPLICATE');
    this.createSession(rec);
    this.append(rec.sessionId, events);
    for (const a of annotations) this.addAnnotation({ ...a, sessionId: rec.sessionId });
  }

  addAnnotation(a: Annotation): void {
    if (!this.sessions.has(a.sessionId)) throw new StoreError(`unknown session ${a.sessionId}`, 'UNKNOWN_SESSION');
    if (this.notes.has(a.id)) throw new StoreError(`annotation ${a.id} exists`, 'DUPLICATE');
    this.notes.set(a.id, { ...a });
  }

  updateAnnotation(a: Annotation): void {
    const old = this.notes.get(a.id);
    if (!old || old.sessionId !== a.sessionId) throw new StoreError(`unknown annotation ${a.id}`, 'UNKNOWN_SESSION');
    this.notes.set(a.id, { ...a });
  }

  deleteAnnotation(sessionId: string, id: string): void {
    const old = this.notes.get(id);
    if (!old || old.sessionId !== sessionId) throw new StoreError(`unknown annotation ${id}`, 'UNKNOWN_SESSION');
    this.notes.delete(id);
  }

  listAnnotations(sessionId: string): Annotation[] {
    return [...this.notes.values()]
      .filter((a) => a.sessionId === sessionId)
      .sort((x, y) => x.seq - y.seq || x.createdAt - y.createdAt)
      .map((a) => ({ ...a }));
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

  readHashes(
    sessionId: string,
    fromSeq = 1,
    limit = Number.MAX_SAFE_INTEGER,
  ): Array<{ seq: number; prev: string; hash: string }> {
    const hashes = this.hashes.get(sessionId);
    if (!hashes) throw new StoreError(`unknown session ${sessionId}`, 'UNKNOWN_SESSION');
    const out: Array<{ seq: number; prev: string; hash: string }> = [];
    for (let i = Math.max(0, fromSeq - 1); i < hashes.length && out.length < limit; i++) {
      out.push({ seq: i + 1, prev: i === 0 ? genesisHash(sessionId) : hashes[i - 1]!, hash: hashes[i]! });
    }
    return out;
  }

  close(): void {}
}
