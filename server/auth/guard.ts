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
import { isIP } from 'node:net';
import { CodeGate, type CodeGateLimits } from './code-gate.js';

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
  if ((req.socket as Partial<TLSSocket> | undefined)?.encrypted) return true;
  return (
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

export function isLoopback(address: string): boolean {
  const a = address;
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

/** `scheme://host[:port]` of a URL or Origin header, normalised (lower case, default port dropped); null if it is none. */
export function originOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

export interface GuardDeps {
  auth: AuthService;
  store: Pick<RecordingStore, 'findByCode'>;
  /** BRANCHCAST_SECURE_COOKIES=1: Secure cookies and HSTS even over plain http (behind a TLS proxy). */
  secureCookies?: boolean;
  /** --trust-proxy: the client address is the last X-Forwarded-For entry, not the socket's peer. */
  trustProxy?: boolean;
  /** Join-code bucket per address (default CODE_GATE_LIMITS). */
  codeGate?: CodeGateLimits;
  /** Origins besides the server's own that may write and open sockets (--allowed-origin). */
  allowedOrigins?: readonly string[];
}

export class Guard {
  /** Join-code lookups per client address (server/auth/code-gate.ts). */
  readonly codeGate: CodeGate;

  private readonly allowed: Set<string>;

  constructor(readonly deps: GuardDeps) {
    this.codeGate = new CodeGate(deps.codeGate);
    this.allowed = new Set((deps.allowedOrigins ?? []).map((o) => originOf(o) ?? o));
  }

  /**
   * Whether a request may act with the browser's credentials: it names no origin (not a browser,
   * or a same-origin GET), or its Origin is the server's own, scheme, host and port together, or
   * one of --allowed-origin. Another port of the same host is another origin: SameSite does not
   * keep ports apart, this does. A browser that sends Sec-Fetch-Site but no Origin is judged by it.
   */
  originAllowed(req: { headers: IncomingMessage['headers']; socket?: unknown }): boolean {
    const raw = req.headers.origin;
    if (raw === undefined) {
      const site = req.headers['sec-fetch-site'];
      return site === undefined || site === 'same-origin' || site === 'none';
    }
    const origin = originOf(raw);
    if (!origin) return false;
    if (this.allowed.has(origin)) return true;
    const scheme = isSecure(req as IncomingMessage, this.deps.secureCookies ?? false) ? 'https' : 'http';
    return origin === originOf(`${scheme}://${req.headers.host ?? ''}`);
  }

  /**
   * The client's address: the socket's peer, or with --trust-proxy the last X-Forwarded-For entry
   * (the one the proxy in front added; earlier entries are whatever the client claimed).
   */
  clientAddress(req: { headers: IncomingMessage['headers']; socket?: { remoteAddress?: string } }): string {
    const peer = req.socket?.remoteAddress ?? '';
    if (!this.deps.trustProxy) return peer;
    const list = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const last = list.at(-1) ?? '';
    return isIP(last) ? last : peer;
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
    const f = safe || this.originAllowed(req) ? this.facilitatorOf(req.headers.cookie) : null;
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
    // http.ts has taken this address's turn at the code gate before asking.
    const hit = this.deps.store.findByCode(code);
    return hit ? { kind: 'code', sessionId: hit.sessionId, role: hit.role } : { kind: 'anonymous' };
  }

  /** Socket.IO handshake: a facilitator's cookie (own or allowed origin only) and/or the server's bot token. */
  principalOfHandshake(handshake: { headers: IncomingMessage['headers']; auth?: Record<string, unknown> }): {
    facilitator: FacilitatorPrincipal | null;
    botToken: boolean;
  } {
    const facilitator = this.originAllowed(handshake) ? this.facilitatorOf(handshake.headers.cookie) : null;
    return { facilitator, botToken: this.deps.auth.checkBotToken(handshake.auth?.botToken) };
  }

  secure(req: IncomingMessage): boolean {
    return isSecure(req, this.deps.secureCookies ?? false);
  }
}
