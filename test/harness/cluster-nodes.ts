/**
 * Real Branchcast node processes for the cluster test and bench: `branchcast serve` with the
 * shared PostgreSQL and Redis in its environment, on a free loopback port, its output kept so the
 * demo room's codes and the takeover lines can be read from it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './engines.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface NodeProc {
  id: string;
  url: string;
  proc: ChildProcess;
  output(): string;
  /** Resolves with the first match of `re` in the output (now or later). */
  waitOutput(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  metric(name: string): Promise<number>;
  kill(signal: NodeJS.Signals): void;
  exited(): Promise<void>;
}

export interface NodeOptions {
  id: string;
  databaseUrl: string;
  redisUrl: string;
  args?: string[];
  env?: Record<string, string>;
}

export async function startNode(o: NodeOptions): Promise<NodeProc> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'branchcast.js'),
      'serve',
      '--dev',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...(o.args ?? []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        BRANCHCAST_DATABASE_URL: o.databaseUrl,
        BRANCHCAST_REDIS_URL: o.redisUrl,
        BRANCHCAST_NODE_ID: o.id,
        BRANCHCAST_BOT_TOKEN: 'cluster-test-bot-token',
        ...o.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of [...listeners]) l();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exit = new Promise<void>((r) => proc.once('exit', () => r()));
  const node: NodeProc = {
    id: o.id,
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    waitOutput: (re, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (!m) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`node ${o.id}: no ${String(re)} within ${timeoutMs} ms; output:\n${out.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    async metric(name) {
      const text = await (await fetch(`${node.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && !l.includes('quantile'));
      return line ? Number(line.split(' ').pop()) : NaN;
    },
    kill: (signal) => void proc.kill(signal),
    exited: () => exit,
  };
  await node.waitOutput(/Branchcast is serving on/, 60_000);
  return node;
}
