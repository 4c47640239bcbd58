/** PostgreSQL AuthStore: the accounts every node shares (passes test/harness/auth-store-contract.ts). */
import { AuthStoreError, type AuthStore, type Facilitator, type WebSession } from '../auth/auth-store.js';
import { PgError, type PgSync } from './pg-sync.js';

interface FacilitatorRow {
  id: string;
  username: string;
  password_hash: string;
  created_at: number;
  disabled: boolean;
}

const toFacilitator = (r: FacilitatorRow): Facilitator => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  ...(r.disabled ? { disabled: true } : {}),
});

const COLS = 'id, username, password_hash, created_at, disabled';

export class PgAuthStore implements AuthStore {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly db: PgSync,
    private readonly ownsDb = false,
  ) {}

  countFacilitators(): number {
    return Number(this.db.query<{ n: string }>(`SELECT count(*) AS n FROM facilitators`)[0]!.n);
  }

  addFacilitator(f: Facilitator): void {
    try {
      this.db.exec(
        `INSERT INTO facilitators (id, username, username_key, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [f.id, f.username, f.username.toLowerCase(), f.passwordHash, f.createdAt],
      );
    } catch (err) {
      if (err instanceof PgError && err.code === '23505')
        throw new AuthStoreError(`username "${f.username}" is taken`, 'DUPLICATE');
      throw err;
    }
  }

  facilitatorByName(username: string): Facilitator | undefined {
    const r = this.db.query<FacilitatorRow & Record<string, unknown>>(
      `SELECT ${COLS} FROM facilitators WHERE username_key = $1`,
      [username.toLowerCase()],
    )[0];
    return r && toFacilitator(r);
  }

  facilitatorById(id: string): Facilitator | undefined {
    const r = this.db.query<FacilitatorRow & Record<string, unknown>>(
      `SELECT ${COLS} FROM facilitators WHERE id = $1`,
      [id],
    )[0];
    return r && toFacilitator(r);
  }

  listFacilitators(): Facilitator[] {
    return this.db
      .query<FacilitatorRow & Record<string, unknown>>(`SELECT ${COLS} FROM facilitators ORDER BY created_at, ord`)
      .map(toFacilitator);
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.db.exec(`UPDATE facilitators SET password_hash = $1 WHERE id = $2`, [passwordHash, id]);
  }

  setDisabled(id: string, disabled: boolean): void {
    this.db.exec(`UPDATE facilitators SET disabled = $1 WHERE id = $2`, [disabled, id]);
  }

  /** The account and its web sessions, in one transaction (the sessions reference the account). */
  deleteFacilitator(id: string): void {
    this.db.tx(() => {
      this.db.exec(`DELETE FROM web_sessions WHERE facilitator_id = $1`, [id]);
      this.db.exec(`DELETE FROM facilitators WHERE id = $1`, [id]);
    });
  }

  deleteSessionsOf(facilitatorId: string): void {
    this.db.exec(`DELETE FROM web_sessions WHERE facilitator_id = $1`, [facilitatorId]);
  }

  addSession(s: WebSession): void {
    try {
      this.db.exec(
        `INSERT INTO web_sessions (token_hash, facilitator_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_hash) DO UPDATE SET facilitator_id = EXCLUDED.facilitator_id,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
        [s.tokenHash, s.facilitatorId, s.createdAt, s.expiresAt],
      );
    } catch (err) {
      if (err instanceof PgError && err.code === '23503')
        throw new AuthStoreError(`no facilitator "${s.facilitatorId}"`, 'UNKNOWN');
      throw err;
    }
  }

  findSession(tokenHash: string, now: number): WebSession | undefined {
    const r = this.db.query<{ token_hash: string; facilitator_id: string; created_at: number; expires_at: number }>(
      `SELECT * FROM web_sessions WHERE token_hash = $1 AND expires_at > $2`,
      [tokenHash, now],
    )[0];
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
    this.db.exec(`DELETE FROM web_sessions WHERE token_hash = $1`, [tokenHash]);
  }

  deleteExpired(now: number): number {
    return this.db.exec(`DELETE FROM web_sessions WHERE expires_at <= $1`, [now]).rowCount;
  }

  getMeta(key: string): string | undefined {
    return this.db.query<{ value: string }>(`SELECT value FROM auth_meta WHERE key = $1`, [key])[0]?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.exec(
      `INSERT INTO auth_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
  }

  /** Set once: the first node's value wins and every node reads it back (the bot token, the signing key). */
  setMetaOnce(key: string, value: string): string {
    this.db.exec(`INSERT INTO auth_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [key, value]);
    return this.getMeta(key)!;
  }

  close(): void {
    if (this.ownsDb) this.db.close();
  }
}
