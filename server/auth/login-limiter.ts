/**
 * Login attempts per username, reserved before the password is verified (docs/ACCESS.md). The
 * old limiter checked, awaited argon2, then counted: 200 concurrent attempts all got verified. Here
 * each attempt takes a point first, atomically in the store (rate-limiter-flexible: SQLite in the
 * data folder, so a restart does not reset it; memory with --memory), and only an attempt that got
 * a point is verified. So at most `failures` verifications per name per window, however many
 * arrive at once; a success gives the name its points back. Names are locked, not addresses: a
 * colleague behind the same NAT or proxy still logs in. An address only has a cap on how many
 * verifications it has in flight at once (argon2 takes 19 MiB each), which refuses for a second,
 * never for the window.
 */
import type Database from 'better-sqlite3';
import { addressKey } from './code-gate.js';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** Counts in PostgreSQL (several nodes): a node-postgres Pool; the table comes from the migrations. */
export interface PgLimiterStore {
  pgPool: unknown;
}

export interface LoginLimits {
  /** Verifications per username within the window (the 6th attempt is refused unverified). */
  failures: number;
  windowSec: number;
  /** Verifications one client address may have running at once. */
  inFlightPerAddress: number;
}

export const LOGIN_LIMITS: LoginLimits = { failures: 5, windowSec: 600, inFlightPerAddress: 4 };

export const LOGIN_LIMIT_TABLE = 'login_limits';
/** The table rate-limiter-flexible's SQLite store uses; made here so the first attempt finds it. */
export const LOGIN_LIMIT_SCHEMA = `CREATE TABLE IF NOT EXISTS ${LOGIN_LIMIT_TABLE} (
  key TEXT PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire INTEGER
);`;

export type Reservation =
  | { ok: true; /** Call once the password was checked. */ done(success: boolean): Promise<void> }
  | { ok: false; retryAfter: number; reason: 'name' | 'address' };

export class LoginLimiter {
  private readonly byName: RateLimiterAbstract;
  private readonly inFlight = new Map<string, number>();
  private sweep: () => void = () => undefined;
  private attempts = 0;

  /**
   * `db`: a better-sqlite3 connection whose file keeps the counts, or a PostgreSQL pool shared by
   * every node (so a name's tries are counted across nodes); null keeps them in memory.
   */
  constructor(
    db: Database.Database | PgLimiterStore | null,
    readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {
    const common = { points: limits.failures, duration: limits.windowSec, keyPrefix: 'login' };
    if (db && 'pgPool' in db) {
      this.byName = new RateLimiterPostgres({
        ...common,
        storeClient: db.pgPool,
        storeType: 'pool',
        tableName: LOGIN_LIMIT_TABLE,
        tableCreated: true,
      });
    } else if (db) {
      db.exec(LOGIN_LIMIT_SCHEMA);
      this.byName = new RateLimiterSQLite({
        ...common,
        storeClient: db,
        storeType: 'better-sqlite3',
        tableName: LOGIN_LIMIT_TABLE,
        tableCreated: true,
      });
      // Names sprayed at the login leave rows: every 1,000th attempt deletes the long-expired ones
      // (no timer, so nothing runs after the database is closed).
      const sweep = db.prepare(`DELETE FROM ${LOGIN_LIMIT_TABLE} WHERE expire < ?`);
      this.sweep = () => void sweep.run(Date.now() - 3_600_000);
    } else this.byName = new RateLimiterMemory(common);
  }

  /**
   * Take a point for `username` before verifying: every attempt counts against its name, whether
   * or not it gets verified, so a burst spends the name's points at once. The store takes the
   * point atomically; the address cap is checked and counted after it in one synchronous turn.
   */
  async reserve(username: string, address: string): Promise<Reservation> {
    const key = username.toLowerCase();
    if (++this.attempts % 1000 === 0) this.sweep();
    try {
      await this.byName.consume(key, 1);
    } catch (err) {
      if (err instanceof RateLimiterRes)
        return { ok: false, retryAfter: Math.max(1, Math.ceil(err.msBeforeNext / 1000)), reason: 'name' };
      throw err;
    }
    address = addressKey(address);
    const running = this.inFlight.get(address) ?? 0;
    if (running >= this.limits.inFlightPerAddress) return { ok: false, retryAfter: 1, reason: 'address' };
    this.inFlight.set(address, running + 1);
    this.peak = Math.max(this.peak, this.running);
    let settled = false;
    return {
      ok: true,
      done: async (success) => {
        if (settled) return;
        settled = true;
        const n = (this.inFlight.get(address) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(address);
        else this.inFlight.set(address, n);
        if (success) await this.byName.delete(key);
      },
    };
  }

  /** Most verifications ever running at once (the bench and tests read it). */
  peak = 0;

  /** Verifications running now, all addresses together (tests and the bench read it). */
  get running(): number {
    let n = 0;
    for (const v of this.inFlight.values()) n += v;
    return n;
  }
}
