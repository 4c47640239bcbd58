/**
 * Accounts, web sessions, the one-time setup token and the bot token: everything about proving
 * who someone is, without HTTP. auth-routes.ts speaks HTTP for it; guard.ts turns a request into a
 * principal with it.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AuthStoreError, type AuthStore, type Facilitator } from './auth-store.js';
import type Database from 'better-sqlite3';
import { LoginLimiter, LOGIN_LIMITS, type LoginLimits, type PgLimiterStore } from './login-limiter.js';
import { checkPassword, hashPassword, warmDummyHash } from './passwords.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** How long a colleague's reset link works. */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_KEY = 'reset:';

function parseReset(raw: string | undefined): { facilitatorId: string; expiresAt: number } | null {
  try {
    const v = JSON.parse(raw || 'null') as { facilitatorId?: unknown; expiresAt?: unknown } | null;
    return v && typeof v.facilitatorId === 'string' && typeof v.expiresAt === 'number'
      ? { facilitatorId: v.facilitatorId, expiresAt: v.expiresAt }
      : null;
  } catch {
    return null;
  }
}

export type AccountResult =
  { ok: true; sessionId?: string } | { ok: false; reason: 'NOT_FOUND' | 'LAST' | 'BAD_PASSWORD' };
const BOT_TOKEN_KEY = 'bot_token';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');
/** A cookie's session id: 32 random bytes as base64url, 43 characters. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

export type LoginResult =
  | { ok: true; facilitator: Facilitator; sessionId: string }
  | { ok: false; error: 'BAD_LOGIN' }
  /** The account is disabled (said only after the right password). */
  | { ok: false; error: 'FORBIDDEN' }
  | { ok: false; error: 'RATE_LIMITED'; retryAfter: number; reason: 'name' | 'address' };

export interface AuthServiceOptions {
  store: AuthStore;
  now?: () => number;
  /** Fixed bot token (BRANCHCAST_BOT_TOKEN); otherwise one is generated once and kept in the store. */
  botToken?: string;
  sessionTtlMs?: number;
  /** Where the login limiter keeps its counts (the data folder's database); null or absent: memory. */
  limiterDb?: Database.Database | PgLimiterStore | null;
  loginLimits?: LoginLimits;
}

export class AuthService {
  readonly store: AuthStore;
  readonly botToken: string;
  readonly sessionTtlMs: number;
  private now: () => number;
  readonly limiter: LoginLimiter;
  /** Passwords verified so far (tests and the bench read it). */
  verifications = 0;
  private setupTokenHash: string | null = null;
  /** The one-time setup token in clear, for `serve` to print; null once a facilitator exists. */
  setupToken: string | null = null;

  constructor(opts: AuthServiceOptions) {
    this.store = opts.store;
    this.now = opts.now ?? Date.now;
    this.limiter = new LoginLimiter(opts.limiterDb ?? null, opts.loginLimits ?? LOGIN_LIMITS);
    this.sessionTtlMs = opts.sessionTtlMs ?? SESSION_TTL_MS;
    let bot = opts.botToken?.trim() || this.store.getMeta(BOT_TOKEN_KEY);
    if (!bot) {
      bot = newSecret();
      this.store.setMeta(BOT_TOKEN_KEY, bot);
    }
    this.botToken = bot;
    if (this.setupRequired()) {
      this.setupToken = newSecret();
      this.setupTokenHash = sha256(this.setupToken);
    }
    this.store.deleteExpired(this.now());
    warmDummyHash();
  }

  setupRequired(): boolean {
    return this.store.countFacilitators() === 0;
  }

  /** Create the first facilitator with the one-time token; the token works once. */
  async setup(
    token: string,
    username: string,
    password: string,
  ): Promise<
    { ok: true; facilitator: Facilitator; sessionId: string } | { ok: false; error: 'SETUP_DONE' | 'BAD_TOKEN' }
  > {
    if (!this.setupRequired() || !this.setupTokenHash) return { ok: false, error: 'SETUP_DONE' };
    if (!timingSafeEqual(Buffer.from(sha256(token)), Buffer.from(this.setupTokenHash)))
      return { ok: false, error: 'BAD_TOKEN' };
    // Spend the token before the (slow) hash, so two racing requests cannot both use it.
    this.setupTokenHash = null;
    this.setupToken = null;
    try {
      const facilitator = await this.addFacilitator(username, password);
      return { ok: true, facilitator, sessionId: this.openSession(facilitator) };
    } catch (err) {
      if (err instanceof AuthStoreError) return { ok: false, error: 'SETUP_DONE' };
      throw err;
    }
  }

  /** Throws AuthStoreError('DUPLICATE') if the name is taken. Rules are checked by the caller (zod). */
  async addFacilitator(username: string, password: string): Promise<Facilitator> {
    if (this.store.facilitatorByName(username))
      throw new AuthStoreError(`username "${username}" is taken`, 'DUPLICATE');
    const f: Facilitator = {
      id: `f-${randomUUID()}`,
      username,
      passwordHash: await hashPassword(password),
      createdAt: this.now(),
    };
    this.store.addFacilitator(f);
    this.setupTokenHash = null;
    this.setupToken = null;
    return f;
  }

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    // The attempt is counted before the (slow) verification, so concurrent attempts cannot all
    // pass a check made before any of them was counted.
    const slot = await this.limiter.reserve(username, ip);
    if (!slot.ok) return { ok: false, error: 'RATE_LIMITED', retryAfter: slot.retryAfter, reason: slot.reason };
    let ok = false;
    let f: Facilitator | undefined;
    try {
      f = this.store.facilitatorByName(username);
      this.verifications++;
      ok = (await checkPassword(f?.passwordHash, password)) && f !== undefined;
    } finally {
      await slot.done(ok);
    }
    if (!ok || !f) return { ok: false, error: 'BAD_LOGIN' };
    // Said only to someone who knows the password: a guesser learns nothing about the account.
    if (f.disabled) return { ok: false, error: 'FORBIDDEN' };
    // Expired sessions go as new ones come, so the table stays the size of the live ones.
    this.store.deleteExpired(this.now());
    return { ok: true, facilitator: f, sessionId: this.openSession(f) };
  }

  private openSession(f: Facilitator): string {
    const id = newSecret();
    const now = this.now();
    this.store.addSession({
      tokenHash: sha256(id),
      facilitatorId: f.id,
      createdAt: now,
      expiresAt: now + this.sessionTtlMs,
    });
    return id;
  }

  /** The facilitator a cookie's session id belongs to, if the session is live. */
  facilitatorOf(sessionId: string | undefined): Facilitator | undefined {
    if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
    const s = this.store.findSession(sha256(sessionId), this.now());
    const f = s && this.store.facilitatorById(s.facilitatorId);
    // A disabled account's cookie stops working at once, not at its expiry.
    return f && !f.disabled ? f : undefined;
  }

  // ── a team's accounts (issue 17 pt 8) ─────────────────────────────────

  /** Accounts that can log in; the last one is never disabled or removed (nobody could get back in). */
  private activeCount(): number {
    return this.store.listFacilitators().filter((f) => !f.disabled).length;
  }

  /** Disable or enable a colleague (or oneself); disabling ends the account's sessions. */
  setDisabled(targetId: string, disabled: boolean): AccountResult {
    const f = this.store.facilitatorById(targetId);
    if (!f) return { ok: false, reason: 'NOT_FOUND' };
    if (disabled && !f.disabled && this.activeCount() <= 1) return { ok: false, reason: 'LAST' };
    this.store.setDisabled(targetId, disabled);
    if (disabled) this.store.deleteSessionsOf(targetId);
    return { ok: true };
  }

  /** Remove an account (its recordings' annotations keep the name they were written under). */
  remove(targetId: string): AccountResult {
    const f = this.store.facilitatorById(targetId);
    if (!f) return { ok: false, reason: 'NOT_FOUND' };
    if (!f.disabled && this.activeCount() <= 1) return { ok: false, reason: 'LAST' };
    this.store.deleteFacilitator(targetId);
    return { ok: true };
  }

  /** One's own password: the current one first. Other sessions of the account end; this one stays. */
  async changePassword(id: string, current: string, next: string, keepSessionId?: string): Promise<AccountResult> {
    const f = this.store.facilitatorById(id);
    if (!f) return { ok: false, reason: 'NOT_FOUND' };
    this.verifications++;
    if (!(await checkPassword(f.passwordHash, current))) return { ok: false, reason: 'BAD_PASSWORD' };
    this.store.setPasswordHash(id, await hashPassword(next));
    this.store.deleteSessionsOf(id);
    return { ok: true, sessionId: keepSessionId ? this.openSession(f) : undefined };
  }

  /** A one-time reset link's token for a colleague (like the setup link); valid RESET_TTL_MS. */
  createResetToken(
    targetId: string,
  ): { ok: true; token: string; expiresAt: number } | { ok: false; reason: 'NOT_FOUND' } {
    if (!this.store.facilitatorById(targetId)) return { ok: false, reason: 'NOT_FOUND' };
    const token = newSecret();
    const expiresAt = this.now() + RESET_TTL_MS;
    this.store.setMeta(`${RESET_KEY}${sha256(token)}`, JSON.stringify({ facilitatorId: targetId, expiresAt }));
    return { ok: true, token, expiresAt };
  }

  /** Spend a reset token: a new password, every session of the account ended, signed in here. */
  async resetPassword(
    token: string,
    next: string,
  ): Promise<{ ok: true; facilitator: Facilitator; sessionId: string } | { ok: false; reason: 'BAD_TOKEN' }> {
    const key = `${RESET_KEY}${sha256(token)}`;
    const entry = parseReset(this.store.getMeta(key));
    // Spent first (an empty value), so two racing requests cannot both use it.
    this.store.setMeta(key, '');
    const f = entry && entry.expiresAt > this.now() ? this.store.facilitatorById(entry.facilitatorId) : undefined;
    if (!f || f.disabled) return { ok: false, reason: 'BAD_TOKEN' };
    this.store.setPasswordHash(f.id, await hashPassword(next));
    this.store.deleteSessionsOf(f.id);
    return { ok: true, facilitator: f, sessionId: this.openSession(f) };
  }

  private logoutListeners = new Set<(sessionId: string) => void>();

  /** Called with the cookie's session id after a logout (the gateway ends that login's seats). */
  onLogout(listener: (sessionId: string) => void): () => void {
    this.logoutListeners.add(listener);
    return () => this.logoutListeners.delete(listener);
  }

  logout(sessionId: string | undefined): void {
    if (!sessionId || !SESSION_ID.test(sessionId)) return;
    this.store.deleteSession(sha256(sessionId));
    for (const listener of this.logoutListeners) listener(sessionId);
  }

  checkBotToken(token: unknown): boolean {
    return typeof token === 'string' && token.length > 0 && token.length <= 256 && sameSecret(token, this.botToken);
  }
}
