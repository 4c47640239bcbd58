/**
 * Access from the command line: `branchcast serve` prints the one-time setup link while no
 * facilitator exists (and the link works once), `branchcast facilitator add` makes an account from
 * stdin, and `branchcast bots --session --token` joins with the server's bot token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, joinPeer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'branchcast-auth-cli-'));
const kills: Array<() => void> = [];
afterAll(() => {
  for (const k of kills) k();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], stdin?: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/branchcast.js', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  if (stdin !== undefined) child.stdin.end(stdin);
  else child.stdin.end();
  kills.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return {
    out: () => out,
    done: new Promise<{ code: number | null; out: string; err: string }>((res) =>
      child.on('exit', (code) => res({ code, out, err })),
    ),
    kill: (sig: NodeJS.Signals) => child.kill(sig),
  };
}

const serveArgs = (data: string) => [
  'serve',
  '--port',
  '0',
  '--host',
  '127.0.0.1',
  '--data',
  data,
  '--bots',
  '0',
  '--dev',
];

describe('branchcast serve and facilitator', () => {
  it('serve prints a one-time setup link that creates the first facilitator; after that it prints none', async () => {
    const data = join(dir, 'serve');
    const s = cli(serveArgs(data));
    await eventually(() => /Bot token/.test(s.out()), 30_000, 'serve started');
    // --dev prints the link on the Vite dev server's origin; the API is the server's own.
    const token = /\/setup#token=([A-Za-z0-9_-]{43})/.exec(s.out())?.[1];
    expect(token, s.out()).toBeDefined();
    const origin = /serving on (http:\/\/\S+)/.exec(s.out())![1]!.replace('localhost', '127.0.0.1');
    const post = (body: object) =>
      fetch(`${origin}/api/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ token, username: 'first', password: 'first-passphrase' })).status).toBe(201);
    expect((await post({ token, username: 'again', password: 'again-passphrase' })).status).toBe(409);
    s.kill('SIGTERM');
    await s.done;

    const listed = await cli(['facilitator', 'list', '--data', data]).done;
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^first\t/m);

    const second = cli(serveArgs(data));
    await eventually(() => /Bot token/.test(second.out()), 30_000, 'serve restarted');
    expect(second.out()).not.toMatch(/setup#token=/);
    second.kill('SIGTERM');
    await second.done;
  });

  it('facilitator add reads the password from stdin, checks it, and refuses a taken name', async () => {
    const data = join(dir, 'add');
    const ok = await cli(['facilitator', 'add', 'wang.li', '--data', data], 'a long passphrase\n').done;
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('added facilitator wang.li');
    const short = await cli(['facilitator', 'add', 'zhao', '--data', data], 'short\n').done;
    expect(short.code).toBe(2);
    expect(short.err).toContain('password: must be 10–200 characters');
    const taken = await cli(['facilitator', 'add', 'WANG.LI', '--data', data], 'another passphrase\n').done;
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('is taken');
    const usage = await cli(['facilitator', 'remove', 'x', '--data', data]).done;
    expect(usage.code).toBe(2);
  });
});

describe('branchcast bots with the bot token', () => {
  it('joins a room by session id with --token, and is refused with a wrong one', async () => {
    const server = await startTestServer({ defaultRoom: { bots: 0 }, auth: { botToken: 'test-bot-token-123' } });
    try {
      const observer = await joinPeer(server.url, server.demo!.codes.observer, '观察员', 'observer');
      const args = ['bots', '--url', server.url, '--session', server.demo!.sessionId, '--count', '1', '--ramp', '0'];
      const wrong = await cli([...args, '--token', 'not-the-token']).done;
      expect(wrong.code).toBe(1);
      expect(wrong.err).toMatch(/UNAUTHENTICATED/);
      const p = cli(args, undefined, { BRANCHCAST_BOT_TOKEN: 'test-bot-token-123' });
      await eventually(
        () => observer.events.some((e) => e.type === 'participant.joined' && e.actor.role === 'bot'),
        30_000,
        'a bot joined',
      );
      p.kill('SIGINT');
      expect((await p.done).code).toBe(0);
      observer.close();
    } finally {
      await server.close();
    }
  });
});
