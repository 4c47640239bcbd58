/**
 * Where facilitator accounts and their web sessions live. Implementations: sqlite (the same file
 * as the recordings, survives restarts) and memory (tests, `--memory`); both pass
 * test/harness/auth-store-contract.ts. Session ids are never stored, only their SHA-256.
 */

export interface Facilitator {
  id: string;
  /** As typed at creation; unique ignoring case. */
  username: string;
  /** argon2id PHC string. */
  passwordHash: string;
  createdAt: number;
  /** A colleague disabled the account: it cannot log in and its sessions end (absent: false). */
  disabled?: boolean;
}

export interface WebSession {
  /** SHA-256 (hex) of the cookie's random id. */
  tokenHash: string;
  facilitatorId: string;
  createdAt: number;
  expiresAt: number;
}

export class AuthStoreError extends Error {
  constructor(
    message: string,
    readonly reason: 'DUPLICATE' | 'UNKNOWN',
  ) {
    super(message);
    this.name = 'AuthStoreError';
  }
}

export interface AuthStore {
  readonly kind: 'sqlite' | 'memory' | 'postgres';
  countFacilitators(): number;
  /** Throws AuthStoreError('DUPLICATE') if the id or the username (ignoring case) is taken. */
  addFacilitator(f: Facilitator): void;
  /** Lookup ignoring case. */
  facilitatorByName(username: string): Facilitator | undefined;
  facilitatorById(id: string): Facilitator | undefined;
  /** Oldest first. */
  listFacilitators(): Facilitator[];
  /** Replace the password hash (own change, reset link); unknown id: nothing happens. */
  setPasswordHash(id: string, passwordHash: string): void;
  setDisabled(id: string, disabled: boolean): void;
  /** Remove an account and its web sessions. */
  deleteFacilitator(id: string): void;
  addSession(s: WebSession): void;
  /** The session, if it exists and `now` is before its expiry. */
  findSession(tokenHash: string, now: number): WebSession | undefined;
  deleteSession(tokenHash: string): void;
  /** End every web session of one facilitator (disabled, removed, password changed). */
  deleteSessionsOf(facilitatorId: string): void;
  /** Drop expired sessions; returns how many went. */
  deleteExpired(now: number): number;
  /** Small server secrets (the generated bot token). */
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  close(): void;
}
