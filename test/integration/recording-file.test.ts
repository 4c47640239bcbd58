/**
 * Recording files as evidence: round trip, hash chain, and refusal of truncated, corrupted,
 * foreign, reordered or altered files with the line named (docs/SPEC.md RP4, RP5).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRecording,
  verifyRecording,
  writeRecordingFile,
  type Annotation,
} from '../../server/recordings/recording-file.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate, type SimulationResult } from '../../server/sim/simulate.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'branchcast-file-'));
let sim: SimulationResult;
const note: Annotation = {
  id: 'a1',
  sessionId: '',
  seq: 40,
  t: 1000,
  toSeq: null,
  text: '这里应该先提示风险',
  category: 'missing_risk_disclosure',
  severity: 'major',
  author: '培训师',
  createdAt: 1,
  updatedAt: 1,
};

beforeAll(async () => {
  const scenario = loadScenes(resolve(import.meta.dirname, '../../scenes')).scenarios.get('anti-fraud-live')!;
  sim = await simulate({ scenario, seed: 21, bots: 20, minutes: 6 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string) => {
  const f = join(dir, name);
  writeRecordingFile(f, sim.record, sim.events, 'test', [{ ...note, sessionId: sim.record.sessionId }]);
  return f;
};
const lines = (f: string) => readFileSync(f, 'utf8').trimEnd().split('\n');
const rewrite = (f: string, ls: string[]) => writeFileSync(f, ls.join('\n') + '\n');

describe('recording files', () => {
  it('RP5: round-trips events and annotations, gzipped or not, with the scenario in the header', () => {
    for (const name of ['r.jsonl', 'r.jsonl.gz']) {
      const r = readRecording(write(name));
      expect(r.events).toEqual(sim.events);
      expect(r.annotations).toEqual([{ ...note, sessionId: sim.record.sessionId }]);
      expect(r.header).toMatchObject({ version: 2, seed: 21, rubric: 'anti-fraud-default', events: sim.events.length });
      expect(r.header.scenario?.id).toBe('anti-fraud-live');
    }
  });

  it('RP4: verify names the first altered event, even for a one-character change', () => {
    const f = write('altered.jsonl');
    const ls = lines(f);
    ls[10] = ls[10]!.replace(/"t":(\d+)/, (_m, t: string) => `"t":${Number(t) + 1}`); // line 11 = seq 10
    rewrite(f, ls);
    const v = verifyRecording(f);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.message).toMatch(/line 11: event seq 10 was altered/);
  });

  it('RP4: a one-byte change in the gzipped file is caught', () => {
    const f = write('byte.jsonl.gz');
    const data = readFileSync(f);
    const at = Math.floor(data.length / 2);
    data.writeUInt8(data.readUInt8(at) ^ 0x01, at);
    writeFileSync(f, data);
    const v = verifyRecording(f);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.message).toMatch(/gzip data is damaged|altered|not valid JSON/);
  });

  it('RP4: missing, reordered, truncated and foreign files are refused with the line and the problem', () => {
    const f = write('bad.jsonl');
    const ls = lines(f);
    const missing = [...ls.slice(0, 5), ...ls.slice(6)];
    rewrite(f, missing);
    expect(verifyRecording(f)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/line 6: seq 5 is missing \(this line has seq 6\)/),
    });
    const swapped = [...ls];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    rewrite(f, swapped);
    expect(verifyRecording(f)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/seq 5 is missing|reordered/),
    });
    rewrite(f, ls.slice(0, 30));
    expect(verifyRecording(f)).toMatchObject({ ok: false, message: expect.stringMatching(/truncated/) });
    rewrite(f, [ls[0]!, ls[1]!.slice(0, 20)]);
    expect(verifyRecording(f)).toMatchObject({ ok: false, message: expect.stringMatching(/line 2: not valid JSON/) });
    writeFileSync(f, '{"hello":"world"}\n');
    expect(verifyRecording(f)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/line 1: not a Branchcast recording/),
    });
    writeFileSync(f, gzipSync('PK\u0003\u0004 zip?'));
    expect(verifyRecording(f).ok).toBe(false);
  });

  it('RP6: a version 1 file (no chain) is migrated on read', () => {
    const f = join(dir, 'v1.jsonl');
    const header = {
      format: 'branchcast-recording',
      version: 1,
      sessionId: sim.record.sessionId,
      scenarioId: 'anti-fraud-live',
      seed: 21,
      createdAt: 0,
      events: sim.events.length,
      source: 'old',
    };
    rewrite(f, [JSON.stringify(header), ...sim.events.map((e) => JSON.stringify(e))]);
    const r = readRecording(f);
    expect(r.header.version).toBe(2);
    expect(r.events).toEqual(sim.events);
    expect(r.header.scenario?.id).toBe('anti-fraud-live');
  });

  it('RP6: a version 1 SQLite database gets its hash chain on open', () => {
    const file = join(dir, 'old.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('format_version', '1');
      CREATE TABLE sessions (id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, seed INTEGER NOT NULL, codes TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL, demo INTEGER NOT NULL DEFAULT 0, last_seq INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE join_codes (code TEXT PRIMARY KEY, session_id TEXT NOT NULL, role TEXT NOT NULL);
      CREATE TABLE events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, t INTEGER NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session_id, seq)) WITHOUT ROWID;`);
    db.prepare(`INSERT INTO sessions VALUES ('s', 'x', 1, '{}', 0, 'ended', 0, 3)`).run();
    const ins = db.prepare(`INSERT INTO events VALUES ('s', ?, ?, ?, ?)`);
    for (const e of sim.events.slice(0, 3)) ins.run(e.seq, e.t, e.type, JSON.stringify(e));
    db.close();
    const store = new SqliteStore(file);
    const links = store.readHashes('s');
    expect(links).toHaveLength(3);
    expect(links[2]!.prev).toBe(links[1]!.hash);
    expect(store.readEvents('s')).toEqual(sim.events.slice(0, 3));
    store.close();
  });
});
