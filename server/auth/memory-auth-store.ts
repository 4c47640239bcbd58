/** In-memory AuthStore: tests and `--memory` servers (accounts vanish with the process). */
import { AuthStoreError, type AuthStore, type Facilitator, type WebSession } from './auth-store.js';

export class MemoryAuthStore implements AuthStore {
  readonly kind = 'memory' as const;
  private byId = new Map<string, Facilitator>();
  private byName = new Map<string, Facilitator>();
  private sessions = new Map<string, WebSession>();
  private meta = new Map<string, string>();

  countFacilitators(): number {
    return this.byId.size;
  }

  addFacilitator(f: Facilitator): void {
    const key = f.username.toLowerCase();
    if (this.byId.has(f.id) || this.byName.has(key))
      throw new AuthStoreError(`username "${f.username}" is taken`, 'DUPLICATE');
    const copy = { ...f };
    this.byId.set(f.id, copy);
    this.byName.set(key, copy);
  }

  facilitatorByName(username: string): Facilitator | undefined {
    const f = this.byName.get(username.toLowerCase());
    return f && { ...f };
  }

  facilitatorById(id: string): Facilitator | undefined {
    const f = this.byId.get(id);
    return f && { ...f };
  }

  listFacilitators(): Facilitator[] {
    return [...this.byId.values()].map((f) => ({ ...f }));
  }

  setPasswordHash(id: string, passwordHash: string): void {
    const f = this.byId.get(id);
    if (f) f.passwordHash = passwordHash;
  }

  setDisabled(id: string, disabled: boolean): void {
    const f = this.byId.get(id);
    if (f) f.disabled = disabled;
  }

  deleteFacilitator(id: string): void {
    const f = this.byId.get(id);
    if (!f) return;
    this.deleteSessionsOf(id);
    this.byId.delete(id);
    this.byName.delete(f.username.toLowerCase());
  }

  deleteSessionsOf(facilitatorId: string): void {
    for (const [k, s] of this.sessions) if (s.facilitatorId === facilitatorId) this.sessions.delete(k);
  }

  addSession(s: WebSession): void {
    if (!this.byId.has(s.facilitatorId)) throw new AuthStoreError(`no facilitator "${s.facilitatorId}"`, 'UNKNOWN');
    this.sessions.set(s.tokenHash, { ...s });
  }

  findSession(tokenHash: string, now: number): WebSession | undefined {
    const s = this.sessions.get(tokenHash);
    return s && now < s.expiresAt ? { ...s } : undefined;
  }

  deleteSession(tokenHash: string): void {
    this.sessions.delete(tokenHash);
  }

  deleteExpired(now: number): number {
    let n = 0;
    for (const [k, s] of this.sessions)
      if (now >= s.expiresAt) {
        this.sessions.delete(k);
        n++;
      }
    return n;
  }

  getMeta(key: string): string | undefined {
    return this.meta.get(key);
  }

  setMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }

  close(): void {}
}
