/**
 * Access control wiring for startServer: the account store (the recordings' SQLite file, or memory),
 * the AuthService with its setup and bot tokens, the Guard, and the demo-room policy. Settings come
 * from options, else from the environment (BRANCHCAST_BOT_TOKEN, BRANCHCAST_SECURE_COOKIES,
 * BRANCHCAST_DEMO); docs/ACCESS.md.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../store/open-sqlite.js';
import type { RecordingStore } from '../store/recording-store.js';
import type { AuthStore } from './auth-store.js';
import { AuthService } from './auth-service.js';
import type { CodeGateLimits } from './code-gate.js';
import { Guard } from './guard.js';
import { LOGIN_LIMIT_SCHEMA, type LoginLimits, type PgLimiterStore } from './login-limiter.js';
import { MemoryAuthStore } from './memory-auth-store.js';
import { SqliteAuthStore } from './sqlite-auth-store.js';

export type DemoAccess = 'local' | 'open' | 'off';

export interface AccessOptions {
  /** Use this account store (tests); else the data folder's database, or memory without one. */
  store?: AuthStore;
  /** Default: $BRANCHCAST_BOT_TOKEN, else generated once and kept in the store. */
  botToken?: string;
  /** Secure cookies and HSTS even over http (a TLS proxy in front). Default: $BRANCHCAST_SECURE_COOKIES=1. */
  secureCookies?: boolean;
  /** Who may fetch the demo room's codes without logging in. Default: $BRANCHCAST_DEMO or 'local'. */
  demo?: DemoAccess;
  /** Login limits (docs/ACCESS.md); default LOGIN_LIMITS. */
  loginLimits?: LoginLimits;
  /** --trust-proxy: read the client address from X-Forwarded-For (the proxy's last entry). */
  trustProxy?: boolean;
  /** Join-code bucket per address; default CODE_GATE_LIMITS. */
  codeGate?: CodeGateLimits;
  /** Origins besides the server's own whose pages may write and open sockets (--allowed-origin). */
  allowedOrigins?: readonly string[];
  /** Keep the login limiter's counts in PostgreSQL (several nodes; docs/SCALING.md) instead. */
  limiterStore?: PgLimiterStore;
}

export interface Access {
  auth: AuthService;
  guard: Guard;
  demo: DemoAccess;
  close(): void;
}

export const DB_FILE = 'branchcast.db';

export function openAuthStore(dataDir: string | null): AuthStore {
  return dataDir === null ? new MemoryAuthStore() : new SqliteAuthStore(join(dataDir, DB_FILE));
}

export function demoAccessFrom(value: string | undefined): DemoAccess {
  return value === 'open' || value === 'off' ? value : 'local';
}

export function createAccess(dataDir: string | null, recordings: RecordingStore, opts: AccessOptions = {}): Access {
  const store = opts.store ?? openAuthStore(dataDir);
  // The login limiter's counts live beside the accounts, so a restart does not hand out fresh tries.
  const limiterDb: Database.Database | null =
    dataDir === null || opts.limiterStore
      ? null
      : openSqlite(join(dataDir, DB_FILE), LOGIN_LIMIT_SCHEMA, { busyTimeoutMs: 5000 });
  const auth = new AuthService({
    store,
    botToken: opts.botToken ?? process.env.BRANCHCAST_BOT_TOKEN,
    limiterDb: opts.limiterStore ?? limiterDb,
    loginLimits: opts.loginLimits,
  });
  const guard = new Guard({
    auth,
    store: recordings,
    secureCookies: opts.secureCookies ?? process.env.BRANCHCAST_SECURE_COOKIES === '1',
    trustProxy: opts.trustProxy ?? process.env.BRANCHCAST_TRUST_PROXY === '1',
    codeGate: opts.codeGate,
    allowedOrigins: opts.allowedOrigins,
  });
  return {
    auth,
    guard,
    demo: opts.demo ?? demoAccessFrom(process.env.BRANCHCAST_DEMO),
    close: () => {
      if (!opts.store) store.close();
      limiterDb?.close();
    },
  };
}
