/**
 * The PostgreSQL schema as numbered migrations. `branchcast migrate` runs them, and so does every
 * node at start, always under one advisory lock: two nodes starting together wait for each other
 * instead of racing CREATE TABLE (which crashed one node in the upstream reports). Each step runs
 * in its own transaction with its number recorded, so a step is applied once or not at all.
 */
import type { PgSync } from './pg-sync.js';

/** Any constant both nodes agree on; "bcmigr" in ASCII. */
const MIGRATION_LOCK = 0x62636d696772;

export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'recordings, accounts, workshop, limiter, signatures, room leases',
    sql: `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  seed BIGINT NOT NULL,
  codes TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('live', 'ended')),
  demo BOOLEAN NOT NULL DEFAULT FALSE,
  last_seq INTEGER NOT NULL DEFAULT 0,
  -- The chain's head, so an append reads one row instead of the last event.
  last_hash TEXT
);
CREATE INDEX sessions_by_status ON sessions (status, created_at, id);
CREATE TABLE join_codes (
  code TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  role TEXT NOT NULL
);
CREATE TABLE events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  t BIGINT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE TABLE annotations (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  body TEXT NOT NULL
);
CREATE INDEX annotations_by_session ON annotations (session_id);
CREATE TABLE imported_signatures (session_id TEXT PRIMARY KEY, signature TEXT NOT NULL);

CREATE TABLE facilitators (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  ord BIGSERIAL
);
CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  facilitator_id TEXT NOT NULL REFERENCES facilitators(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE auth_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- rate-limiter-flexible's RateLimiterPostgres table (its own CREATE is switched off: tableCreated).
CREATE TABLE login_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);
CREATE TABLE join_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);

CREATE TABLE cohorts (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL, ord BIGSERIAL);
CREATE TABLE trainees (
  id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  ord BIGSERIAL,
  UNIQUE (cohort_id, name_key)
);
CREATE TABLE assignments (
  session_id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  trainee_id TEXT NOT NULL REFERENCES trainees(id),
  scenario_id TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ord BIGSERIAL
);
CREATE INDEX assignments_by_cohort ON assignments (cohort_id, started_at);
CREATE INDEX assignments_by_trainee ON assignments (trainee_id, started_at);
CREATE TABLE attempt_notes (
  session_id TEXT PRIMARY KEY,
  voided BOOLEAN NOT NULL,
  void_reason TEXT,
  comment TEXT,
  by TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE TABLE satisfaction (
  session_id TEXT PRIMARY KEY,
  content INTEGER NOT NULL,
  instructor INTEGER NOT NULL,
  tool INTEGER NOT NULL,
  comment TEXT,
  at BIGINT NOT NULL
);

-- One owner per room (server/cluster/leases.ts): the epoch only ever grows; expiry is on the
-- database's clock so nodes' clocks need not agree.
CREATE TABLE room_leases (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id),
  owner TEXT NOT NULL,
  epoch BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE cluster_nodes (node_id TEXT PRIMARY KEY, url TEXT NOT NULL, seen_at TIMESTAMPTZ NOT NULL);
`,
  },
  {
    version: 2,
    name: 'sessions.registered_at: a room still being opened is not an orphan',
    // created_at is the session clock's origin (backdated for a retry), so the database's own
    // time of registration says whether a room without a lease is new or abandoned.
    sql: `ALTER TABLE sessions ADD COLUMN registered_at TIMESTAMPTZ NOT NULL DEFAULT now();`,
  },
  {
    version: 3,
    name: 'facilitator accounts can be disabled; workshop settings (self-practice)',
    sql: `
ALTER TABLE facilitators ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE workshop_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Apply the missing migrations; returns the versions applied now (empty when up to date). */
export function migrate(db: PgSync): number[] {
  const applied: number[] = [];
  db.exec('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const have = new Set(db.query<{ version: number }>('SELECT version FROM schema_migrations').map((r) => r.version));
    const newest = Math.max(0, ...have);
    if (newest > SCHEMA_VERSION)
      throw new Error(`the database's schema (${newest}) is newer than this Branchcast (${SCHEMA_VERSION})`);
    for (const m of MIGRATIONS) {
      if (have.has(m.version)) continue;
      db.tx(() => {
        db.exec(m.sql);
        db.exec('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
      applied.push(m.version);
    }
  } finally {
    db.exec('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}

/** The schema version in place, 0 before the first migration. */
export function schemaVersion(db: PgSync): number {
  const r = db.query<{ v: number | null }>(
    `SELECT (SELECT max(version) FROM schema_migrations) AS v WHERE to_regclass('schema_migrations') IS NOT NULL`,
  );
  return r[0]?.v ?? 0;
}
