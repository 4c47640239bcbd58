/**
 * `branchcast migrate [--database-url URL]`: bring the PostgreSQL schema up to date (numbered
 * migrations under an advisory lock, server/store/pg-migrations.ts). Nodes also run it at start;
 * running it first, once, is what a deployment does before rolling nodes.
 */
import { redact } from '../cluster/pg-backend.js';
import { migrate, schemaVersion } from '../store/pg-migrations.js';
import { PgSync } from '../store/pg-sync.js';
import { parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast migrate [--database-url URL]

  --database-url URL  postgres://user:pass@host:port/db (default: $BRANCHCAST_DATABASE_URL)
`;

export async function run(args: string[]): Promise<number> {
  let url: string | undefined;
  try {
    const { values } = parseFlags(args, { 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    url = values['database-url'] ?? process.env.BRANCHCAST_DATABASE_URL;
    if (!url) throw new UsageError('no database: pass --database-url or set BRANCHCAST_DATABASE_URL');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast migrate: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  const db = new PgSync(url);
  try {
    const applied = migrate(db);
    const v = schemaVersion(db);
    process.stdout.write(
      applied.length
        ? `${redact(url)}: applied migration(s) ${applied.join(', ')}; schema is at ${v}\n`
        : `${redact(url)}: schema is up to date (${v})\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`branchcast migrate: ${redact(url)}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    db.close();
  }
}
