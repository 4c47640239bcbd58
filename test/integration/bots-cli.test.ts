/**
 * The audience as a separate process (`branchcast bots`) against a running server, and the
 * headless `branchcast simulate` writing a recording file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.js';
import { RECORDING_FORMAT_VERSION } from '../../server/store/recording-store.js';
import { eventually, joinPeer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'branchcast-bots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): {
  done: Promise<{ code: number | null; out: string; err: string }>;
  kill: (sig: NodeJS.Signals) => void;
} {
  const child = spawn(process.execPath, ['bin/branchcast.js', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    done: new Promise((res) => child.on('exit', (code) => res({ code, out, err }))),
    kill: (sig) => child.kill(sig),
  };
}

describe('branchcast bots', () => {
  let server: RunningServer;
  afterAll(async () => server?.close());

  it('joins a running room from a second process, chats, and prints a summary on Ctrl-C', async () => {
    server = await startTestServer({ defaultRoom: { bots: 0 } });
    const codes = server.demo!.codes;
    const observer = await joinPeer(server.url, codes.observer, '观察员', 'observer');
    const trainee = await joinPeer(server.url, codes.trainee, '主播', 'trainee');
    await trainee.send('session.start', {});
    const p = cli([
      'bots',
      '--url',
      server.url,
      '--room',
      codes.bot,
      '--count',
      '6',
      '--seed',
      '4',
      '--ramp',
      '1',
      '--rate',
      '40',
    ]);
    await eventually(
      () => observer.events.filter((e) => e.type === 'participant.joined' && e.actor.role === 'bot').length >= 6,
      30_000,
      '6 bots joined',
    );
    await eventually(
      () => observer.events.filter((e) => e.type === 'chat.message' && e.actor.role === 'bot').length >= 5,
      30_000,
      'bots chatting',
    );
    p.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/summary: connected 6, messages sent \d+/);
    await eventually(() => server.rooms.get(server.demo!.sessionId)!.snapshot().audience === 1, 10_000, 'bots gone'); // the observer stays
    observer.close();
    trainee.close();
  });

  it('refuses bad arguments with a message naming the flag', async () => {
    const r = await cli(['bots', '--url', 'ftp://x', '--room', 'ABCD']).done;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--url: expected an http\(s\) URL/);
    const r2 = await cli(['bots', '--url', 'http://127.0.0.1:9', '--room', 'ABCD', '--count', 'many']).done;
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/--count: expected an integer/);
  });
});

describe('branchcast simulate', () => {
  it('writes the same recording for the same seed, and a careless host loses more viewers', async () => {
    const out = (name: string) => join(dir, name);
    const a = await cli([
      'simulate',
      '--scenario',
      'anti-fraud-live',
      '--seed',
      '3',
      '--bots',
      '60',
      '--minutes',
      '15',
      '--out',
      out('a.jsonl'),
    ]).done;
    const b = await cli([
      'simulate',
      '--scenario',
      'anti-fraud-live',
      '--seed',
      '3',
      '--bots',
      '60',
      '--minutes',
      '15',
      '--out',
      out('b.jsonl'),
    ]).done;
    const c = await cli([
      'simulate',
      '--scenario',
      'anti-fraud-live',
      '--seed',
      '3',
      '--bots',
      '60',
      '--minutes',
      '15',
      '--host',
      'careless',
      '--out',
      out('c.jsonl'),
    ]).done;
    for (const r of [a, b, c]) expect(r.code, r.err).toBe(0);
    const lines = (f: string) => readFileSync(out(f), 'utf8').trim().split('\n');
    const la = lines('a.jsonl');
    const header = JSON.parse(la[0]!) as { format: string; version: number; seed: number; events: number };
    expect(header).toMatchObject({ format: 'branchcast-recording', version: RECORDING_FORMAT_VERSION, seed: 3 });
    expect(header.events).toBe(la.length - 2); // header and end line
    // Same seed, same host → the same events (session ids differ; compare what happened).
    const strip = (l: string) => {
      const e = JSON.parse(l) as Record<string, unknown>;
      delete e.sessionId;
      delete e.prev; // the hash chain starts from the session id
      return JSON.stringify(e);
    };
    expect(la.slice(1, -1).map(strip)).toEqual(lines('b.jsonl').slice(1, -1).map(strip));
    const left = (f: string) => lines(f).filter((l) => l.includes('"participant.left"')).length;
    expect(left('c.jsonl')).toBeGreaterThan(left('a.jsonl'));
    expect(c.out).toMatch(/careless host/);
  });

  it('names the problem when the scenario is unknown', async () => {
    const r = await cli(['simulate', '--scenario', 'nope', '--out', join(dir, 'x.jsonl')]).done;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--scenario: no scenario "nope"/);
  });
});
