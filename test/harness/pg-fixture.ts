/**
 * One throwaway PostgreSQL cluster per test file (engines.ts), and a fresh migrated database per
 * `fresh()` call, so a contract suite's "new empty store" is a new database. Without the
 * binaries the suites are skipped with a note locally and fail in CI (CI=true), where .ci/run
 * installs them.
 */
import { afterAll, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { migrate } from '../../server/store/pg-migrations.js';
import { PgSync } from '../../server/store/pg-sync.js';
import { startPostgres, type Postgres } from './engines.js';

const PG_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** True when the suites should run: the binaries exist, or CI demands them (and fails without). */
export function enginesRun(): boolean {
  const have = PG_DIRS.some((d) => existsSync(`${d}/initdb`)) && existsSync('/usr/bin/redis-server');
  if (!have && process.env.CI !== 'true')
    console.warn('PostgreSQL/Redis suites skipped: apt-get install postgresql redis-server to run them');
  return have || process.env.CI === 'true';
}

export interface PgFixture {
  /** A new, migrated, empty database and an open connection to it. */
  fresh(): PgSync;
  url(): string;
}

export function usePostgres(): PgFixture {
  let pg: Postgres | null = null;
  let n = 0;
  const open: PgSync[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const db of open.splice(0)) db.close();
    await pg?.stop();
  });
  const fixture: PgFixture = {
    url: () => {
      if (!pg) throw new Error('PostgreSQL did not start');
      return pg.createDatabase(`t${process.pid}_${n++}`);
    },
    fresh: () => {
      const db = new PgSync(fixture.url());
      migrate(db);
      open.push(db);
      return db;
    },
  };
  return fixture;
}
