/**
 * Everything that lives in PostgreSQL when BRANCHCAST_DATABASE_URL is set: the migrations (under
 * their advisory lock), then the recordings, accounts, workshop, imported signatures, the shared
 * signing key and bot token, the login limiter's pool, and this node's leases. One synchronous
 * connection (PgSync) serves the stores, since every store call is synchronous anyway; the
 * limiter, which is async, gets a small pool of its own.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { PgAuthStore } from '../store/pg-auth-store.js';
import { migrate } from '../store/pg-migrations.js';
import { pgSignatureStore, pgSigner } from '../store/pg-signature-store.js';
import { PgStore } from '../store/pg-store.js';
import { PgSync } from '../store/pg-sync.js';
import { PgWorkshopStore } from '../store/pg-workshop-store.js';
import { LEASE_TIMING, Leases, type LeaseTiming } from './leases.js';

export interface PgBackend {
  db: PgSync;
  store: PgStore;
  auth: PgAuthStore;
  workshop: PgWorkshopStore;
  signatures: ReturnType<typeof pgSignatureStore>;
  signer: ReturnType<typeof pgSigner>;
  limiterPool: pg.Pool;
  leases: Leases;
  /** Shared by every node: authenticates forwarded commands between nodes. */
  clusterSecret: string;
  close(): Promise<void>;
}

export function defaultNodeId(): string {
  return `${hostname()}-${process.pid}`;
}

export function openPgBackend(url: string, nodeId: string, timing?: Partial<LeaseTiming>): PgBackend {
  const db = new PgSync(url);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw new Error(`PostgreSQL at ${redact(url)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const auth = new PgAuthStore(db);
  // Made once by whichever node starts first; a second node must not mint its own.
  if (!process.env.BRANCHCAST_BOT_TOKEN) auth.setMetaOnce('bot_token', randomBytes(32).toString('base64url'));
  const clusterSecret = auth.setMetaOnce('cluster_secret', randomBytes(32).toString('base64url'));
  const limiterPool = new pg.Pool({ connectionString: url, max: 4, application_name: 'branchcast-limiter' });
  // A limiter query that fails is the limiter's error to report; an idle client's error must not crash.
  limiterPool.on('error', () => undefined);
  return {
    db,
    store: new PgStore(db, false),
    auth,
    workshop: new PgWorkshopStore(db),
    signatures: pgSignatureStore(db),
    signer: pgSigner(db),
    limiterPool,
    leases: new Leases(db, nodeId, { ...LEASE_TIMING, ...timing }),
    clusterSecret,
    async close() {
      await limiterPool.end().catch(() => undefined);
      db.close();
    },
  };
}

/** The URL without its password, for logs and errors. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
