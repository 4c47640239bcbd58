/**
 * Throwaway PostgreSQL and Redis for tests and benches: a fresh cluster (initdb as the `postgres`
 * user when we are root, since PostgreSQL refuses to run as root) in a temporary folder, and a
 * redis-server with no persistence, each on a free loopback port, stopped and removed afterwards.
 * Missing binaries are an error that says what to install (CI installs them in .ci/run).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export class EngineMissing extends Error {}

function pgBin(name: string): string {
  for (const d of PG_BIN_DIRS) if (existsSync(join(d, name))) return join(d, name);
  throw new EngineMissing(
    `PostgreSQL is not installed (no ${name} under ${PG_BIN_DIRS.join(', ')}): apt-get install postgresql`,
  );
}

export function redisBin(): string {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  throw new EngineMissing('redis-server is not installed: apt-get install redis-server');
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

function asPostgres(cmd: string, args: string[]): string[] {
  // runuser keeps it to one process we can signal; without root we are already a normal user.
  return isRoot() ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args];
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${ms} ms`);
}

export interface Postgres {
  url: string;
  port: number;
  /** A fresh, empty database on the same cluster (one per test file or test). */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  const initdb = pgBin('initdb');
  const postgres = pgBin('postgres');
  const psql = existsSync(join(initdb, '..', 'psql')) ? join(initdb, '..', 'psql') : 'psql';
  const dir = mkdtempSync(join(tmpdir(), 'bc-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const [c0, ...a0] = asPostgres(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  execFileSync(c0!, a0, { stdio: 'pipe' });
  const port = await freePort();
  const [c1, ...a1] = asPostgres(postgres, [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    // Throwaway data: fsync off makes the suites fast; durability is the engine's, not ours to test.
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ]);
  const proc: ChildProcess = spawn(c1!, a1, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const q = (db: string, sql: string) =>
    execFileSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-Atc', sql], {
      stdio: 'pipe',
    }).toString();
  try {
    await waitFor(() => {
      try {
        q('postgres', 'SELECT 1');
        return true;
      } catch {
        return proc.exitCode !== null ? Promise.reject(new Error(`postgres exited: ${log}`)) : false;
      }
    }, 'PostgreSQL');
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    port,
    createDatabase(name) {
      q('postgres', `CREATE DATABASE "${name}"`);
      return `${base}/${name}`;
    },
    async stop() {
      // The postmaster itself (runuser does not pass signals on); SIGQUIT is the immediate
      // shutdown, which is all a throwaway cluster needs.
      try {
        const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGQUIT');
      } catch {
        proc.kill('SIGKILL');
      }
      await new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  url: string;
  port: number;
  /** Stop (SIGKILL) and start again on the same port: the Redis-restart test. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<Redis> {
  const bin = redisBin();
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const start = async () => {
    const p = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    proc = p;
    await waitFor(
      () =>
        new Promise<boolean>((res) => {
          const s = createServer();
          // The port is taken once redis listens.
          s.once('error', () => res(true));
          s.listen(port, '127.0.0.1', () => s.close(() => res(false)));
        }),
      'redis-server',
    );
  };
  const kill = async () => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    p.kill('SIGKILL');
    await new Promise<void>((r) => p.once('exit', () => r()));
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await kill();
      await start();
    },
    stop: kill,
  };
}
