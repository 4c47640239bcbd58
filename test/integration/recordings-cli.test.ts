/** `branchcast import | export | verify` as real processes on a real SQLite file (RP4, RP5). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecording } from '../../server/recordings/recording-file.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'branchcast-rec-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/branchcast.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('recording files on the command line', () => {
  it('RP5: simulate → import on a fresh store → export gives back the same session; verify passes', () => {
    const first = join(dir, 'first.jsonl.gz');
    expect(
      cli(
        'simulate',
        '--scenario',
        'crisis-drill-wrong-data',
        '--seed',
        '5',
        '--bots',
        '15',
        '--minutes',
        '8',
        '--out',
        first,
      ).code,
    ).toBe(0);
    expect(cli('verify', first)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/verified: .* events in an unbroken hash chain/),
    });
    const data = join(dir, 'fresh');
    const imp = cli('import', first, '--data', data);
    expect(imp.code, imp.err).toBe(0);
    const original = readRecording(first);
    expect(imp.out).toContain(`imported session ${original.header.sessionId}`);
    // Importing twice is refused.
    expect(cli('import', first, '--data', data)).toMatchObject({ code: 1, err: expect.stringMatching(/already in/) });
    const second = join(dir, 'second.jsonl');
    expect(cli('export', original.header.sessionId, '--out', second, '--data', data).code).toBe(0);
    const again = readRecording(second);
    expect(again.events).toEqual(original.events);
    expect(again.hashes).toEqual(original.hashes);
    expect(cli('verify', second).code).toBe(0);
  });

  it('RP4: a damaged file is refused and nothing is half-imported', () => {
    const f = join(dir, 'ok.jsonl');
    expect(
      cli('simulate', '--scenario', 'anti-fraud-live', '--seed', '6', '--bots', '10', '--minutes', '4', '--out', f)
        .code,
    ).toBe(0);
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
    const sessionId = (JSON.parse(lines[0]!) as { sessionId: string }).sessionId;
    // Alter one chat line in the middle (one character of its text).
    const at = lines.findIndex((l, i) => i > 10 && l.includes('"type":"chat.message"'));
    expect(at).toBeGreaterThan(10);
    lines[at] = lines[at]!.replace('"text":"', '"text":"X');
    writeFileSync(f, lines.join('\n') + '\n');
    const v = cli('verify', f);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/NOT VERIFIED: .*line \d+: event seq \d+ was altered/);
    const data = join(dir, 'refuse');
    const imp = cli('import', f, '--data', data);
    expect(imp.code).toBe(1);
    expect(imp.err).toMatch(/refused, nothing imported/);
    const store = new SqliteStore(join(data, 'branchcast.db'));
    expect(store.getSession(sessionId)).toBeUndefined();
    expect(store.listSessions()).toEqual([]);
    store.close();
  });

  it('names what was wrong with the arguments', () => {
    expect(cli('export', 'abc')).toMatchObject({ code: 2, err: expect.stringMatching(/--out FILE is required/) });
    expect(cli('verify', join(dir, 'nope.jsonl'))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/cannot read the file \(ENOENT\)/),
    });
  });
});
