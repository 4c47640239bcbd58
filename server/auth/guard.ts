/**
 * Who is asking, and may they? `principalOf` turns a request into a principal (a facilitator's
 * cookie first, then a room join code); the `can*` checks are pure and answer null (allowed) or
 * the refusal to send. docs/ACCESS.md has the whole roles × actions table.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Role } from '../../core/events.js';
import type { RecordingStore } from '../store/recording-store.js';
import type { AuthService } from './auth-service.js';
import { LoginLimiter, type LimitRule } from './code-guess-window.js';

export const SESSION_COOKIE = 'bc_session';
export const CODE_HEADER = 'x-branchcast-code';

export type Principal =
  | { kind: 'facilitator'; id: string; username: string }
  | { kind: 'code'; sessionId: string; role: Role }
  | { kind: 'anonymous' };

export type FacilitatorPrincipal = Extract<Principal, { kind: 'facilitator' }>;

export interface Denial {
  status: 401 | 403;
  error: 'UNAUTHENTICATED' | 'FORBIDDEN';
  message: string;
}

const NEED_LOGIN = "log in as a facilitator, or send this session's join code in X-Branchcast-Code";

const unauthenticated = (message: string): Denial => ({ status: 401, error: 'UNAUTHENTICATED', message });
const forbidden = (message: string): Denial => ({ status: 403, error: 'FORBIDDEN', message });

export function requireFacilitator(p: Principal): Denial | null {
  if (p.kind === 'facilitator') return null;
  if (p.kind === 'anonymous') return unauthenticated('log in as a facilitator');
  return forbidden('a join code does not allow this; log in as a facilitator');
}

/** Common part: facilitator passes, anonymous 401, a code of another session 403. */
function ofSession(p: Principal, sessionId: string, roles: readonly Role[], what: string): Denial | null {
  if (p.kind === 'facilitator') return null;
  if (p.kind === 'anonymous') return unauthenticated(NEED_LOGIN);
  if (p.sessionId !== sessionId) return forbidden('that join code belongs to another session');
  if (!roles.includes(p.role)) return forbidden(`${what}: a ${p.role} code does not allow this`);
  return null;
}

/** Events, recording, report, annotations, verify: the facilitator or the session's people (not its bots). */
export const canReadSession = (p: Principal, sessionId: string): Denial | null =>
  ofSession(p, sessionId, ['trainee', 'observer', 'facilitator'], 'read');

/** Annotation writes: a facilitator account or the session's facilitator code. */
export const canAnnotate = (p: Principal, sessionId: string): Denial | null =>
  ofSession(p, sessionId, ['facilitator'], 'annotations: only the facilitator may change them;');

/** Retry from a moment: a facilitator account or the session's trainee. */
export const canBranch = (p: Principal, sessionId: string): Denial | null =>
  ofSession(p, sessionId, ['trainee'], 'branch: only the trainee or a facilitator may retry;');

/** The request came over TLS (directly or via a proxy that says so), or the operator forces it. */
export function isSecure(req: IncomingMessage, forced: boolean): boolean {
  if (forced) return true;
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  return (
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1' || a.startsWith('127.');
}

export function sessionCookie(id: string, secure: boolean, maxAgeSec: number): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: id,
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    maxAge: maxAgeSec,
  });
}

export function cookieSessionId(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  try {
    return parseCookie(cookieHeader)[SESSION_COOKIE];
  } catch {
    return undefined;
  }
}

/**
 * A handshake from a page of another site does not get to use the browser's cookie. Host names
 * are compared without ports: cookies are not kept apart by port either, and the Vite dev server
 * (another port) proxies the socket with its own Origin.
 */
function sameSite(headers: IncomingMessage['headers']): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).hostname === new URL(`http://${headers.host ?? ''}`).hostname;
  } catch {
    return false;
  }
}

export interface GuardDeps {
  auth: AuthService;
  store: Pick<RecordingStore, 'findByCode'>;
  /** BRANCHCAST_SECURE_COOKIES=1: Secure cookies and HSTS even over plain http (behind a TLS proxy). */
  secureCookies?: boolean;
}

/**
 * Wrong join codes from one address: after 30 in 10 minutes its codes are refused until the window
 * passes. A room's people type one code each and bots use the right one, so only guessing (about
 * 10^9 codes per role) reaches this.
 */
export const CODE_GUESS_RULE: LimitRule = { max: 30, windowMs: 10 * 60_000 };

export class Guard {
  private codeGuesses = new LoginLimiter();

  constructor(readonly deps: GuardDeps) {}

  /** Seconds this address must wait before a join code is looked up for it again (0: none). */
  codeGuessWait(address: string | undefined): number {
    return this.codeGuesses.retryAfter(`ip:${address ?? ''}`, CODE_GUESS_RULE);
  }

  /** Record a code that matched no room. */
  codeGuessFailed(address: string | undefined): void {
    this.codeGuesses.fail(`ip:${address ?? ''}`, CODE_GUESS_RULE);
  }

  get auth(): AuthService {
    return this.deps.auth;
  }

  facilitatorOf(cookieHeader: string | undefined): FacilitatorPrincipal | null {
    const f = this.deps.auth.facilitatorOf(cookieSessionId(cookieHeader));
    return f ? { kind: 'facilitator', id: f.id, username: f.username } : null;
  }

  /**
   * Cookie first; then the X-Branchcast-Code header, or `?code=` on a GET (links, downloads). A
   * write from a page of another site does not get to use the cookie (SameSite=Strict already
   * keeps browsers from sending it; this holds for a browser that does not).
   */
  principalOf(req: IncomingMessage): Principal {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    const f = safe || sameSite(req.headers) ? this.facilitatorOf(req.headers.cookie) : null;
    if (f) return f;
    let code = String(req.headers[CODE_HEADER] ?? '');
    if (!code && safe) {
      try {
        code = new URL(req.url ?? '/', 'http://local').searchParams.get('code') ?? '';
      } catch {
        code = '';
      }
    }
    code = code.trim().toUpperCase();
    if (!code || code.length > 16) return { kind: 'anonymous' };
    const address = req.socket.remoteAddress;
    // An address that has guessed too often gets no lookup (http.ts answers it 429 first).
    if (this.codeGuessWait(address) > 0) return { kind: 'anonymous' };
    const hit = this.deps.store.findByCode(code);
    if (!hit) this.codeGuessFailed(address);
    return hit ? { kind: 'code', sessionId: hit.sessionId, role: hit.role } : { kind: 'anonymous' };
  }

  /** Socket.IO handshake: a facilitator's cookie (same site only) and/or the server's bot token. */
  principalOfHandshake(handshake: { headers: IncomingMessage['headers']; auth?: Record<string, unknown> }): {
    facilitator: FacilitatorPrincipal | null;
    botToken: boolean;
  } {
    const facilitator = sameSite(handshake.headers) ? this.facilitatorOf(handshake.headers.cookie) : null;
    return { facilitator, botToken: this.deps.auth.checkBotToken(handshake.auth?.botToken) };
  }

  secure(req: IncomingMessage): boolean {
    return isSecure(req, this.deps.secureCookies ?? false);
  }
}
