/**
 * `branchcast facilitator add NAME` / `list`: facilitator accounts without a browser (a headless
 * set-up, or a colleague added from the server's shell). The password is read from stdin, so it
 * never shows in the process list or the shell history.
 */
import { resolve } from 'node:path';
import { AuthService } from '../auth/auth-service.js';
import { AuthStoreError } from '../auth/auth-store.js';
import { openAuthStore } from '../auth/access.js';
import type { AuthStore } from '../auth/auth-store.js';
import { PgAuthStore } from '../store/pg-auth-store.js';
import { migrate } from '../store/pg-migrations.js';
import { PgSync } from '../store/pg-sync.js';
import { Password, Username } from '../auth/passwords.js';
import { parseFlags, UsageError } from './args.js';

const HELP = `usage: branchcast facilitator add NAME [--data DIR]   (password on stdin)
       branchcast facilitator list [--data DIR]

  --data DIR   folder of the SQLite database (default ./data), as for \`branchcast serve\`

  e.g.  printf '%s\\n' 'a long passphrase' | branchcast facilitator add wang.li
`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (10–200 characters), then Enter and Ctrl-D: ');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    if (size > 4096) throw new UsageError('stdin: more than 4096 bytes; expected one password');
  }
  // One line: the newline that ends it is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function run(args: string[]): Promise<number> {
  let sub: string;
  let name: string | undefined;
  let dataDir: string;
  try {
    const { values, positionals } = parseFlags(args, {
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    [sub = '', name] = positionals;
    if (sub !== 'add' && sub !== 'list') throw new UsageError(`expected "add NAME" or "list", got "${sub}"`);
    if (sub === 'add') {
      const u = Username.safeParse(name ?? '');
      if (!u.success) throw new UsageError(`NAME: ${u.error.issues[0]?.message ?? 'invalid'}`);
      name = u.data;
    }
    if (positionals.length > (sub === 'add' ? 2 : 1))
      throw new UsageError(`unexpected argument "${positionals.at(-1)}"`);
    dataDir = resolve(values.data ?? 'data');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`branchcast facilitator: ${err.message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }

  // With BRANCHCAST_DATABASE_URL the accounts are the cluster's, in PostgreSQL (docs/SCALING.md).
  const pgUrl = process.env.BRANCHCAST_DATABASE_URL;
  let store: AuthStore;
  if (pgUrl) {
    const db = new PgSync(pgUrl);
    migrate(db);
    store = new PgAuthStore(db, true);
  } else store = openAuthStore(dataDir);
  try {
    if (sub === 'list') {
      for (const f of store.listFacilitators())
        process.stdout.write(`${f.username}\t${new Date(f.createdAt).toISOString()}\n`);
      return 0;
    }
    let password: string;
    try {
      password = await readStdin();
    } catch (err) {
      process.stderr.write(`branchcast facilitator: ${(err as Error).message}\n`);
      return 2;
    }
    const p = Password.safeParse(password);
    if (!p.success) {
      process.stderr.write(`branchcast facilitator: password: ${p.error.issues[0]?.message ?? 'invalid'}\n`);
      return 2;
    }
    const auth = new AuthService({ store });
    try {
      const f = await auth.addFacilitator(name!, p.data);
      process.stdout.write(`added facilitator ${f.username}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof AuthStoreError)) throw err;
      process.stderr.write(`branchcast facilitator: NAME: "${name}" is taken\n`);
      return 1;
    }
  } finally {
    store.close();
  }
}
