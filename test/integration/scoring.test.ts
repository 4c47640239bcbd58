/**
 * Issue 5's Done-when, against a real server with real Socket.IO peers: a product stream where
 * the trainee says 稳赚不赔 and ignores a lure fails with both findings linked to their moments;
 * the same session with compliant wording passes; re-scoring with another rubric changes the
 * result as configured. Plus the report endpoints and the review/score CLIs (docs/SPEC.md RB*).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { factsOf } from '../../core/rubric/facts.js';
import type { Report } from '../../core/rubric/report-model.js';
import type { Rubric } from '../../core/rubric/rubric-schema.js';
import { evaluate } from '../../core/rubric/scorer.js';
import { ManualClock } from '../../server/rooms/clock.js';
import type { RunningServer } from '../../server/main.js';
import { writeRecordingFile } from '../../server/recordings/recording-file.js';
import { joinPeer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

const run = promisify(execFile);
const LURE = '免费荐股，扣1进群，vx: abc123';
const PROMISE = '这只基金跟着买稳赚不赔，放心上车。';
const COMPLIANT = '这只基金不保本，可能亏损本金，我们不承诺任何收益，投资需谨慎。';
const WARNING = '提醒大家：评论区让你扣1进群、加微信的都是骗局，请认准官方App，有疑问可拨打12386核实。';

let server: RunningServer;
let clock: ManualClock;
/** Reports are read as a logged-in facilitator (docs/ACCESS.md). */
let cookie: string;

beforeAll(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
  cookie = await facilitatorCookie(server);
});
afterAll(async () => server.close());

/** One short product stream: opening lines, a lure from a viewer, the trainee's line, the end. */
async function session(compliant: boolean): Promise<{ sessionId: string; lureSeq: number; lineSeq: number }> {
  const scenario = server.scenarios.get('new-energy-fund-live')!;
  const room = await server.rooms.create(scenario);
  const trainee = await joinPeer(server.url, room.record.codes.trainee, '学员', 'trainee');
  const bot = await joinPeer(server.url, room.record.codes.bot, '观众甲', 'bot');
  const step = async () => {
    clock.advance(20_000);
    await server.rooms.tick();
  };
  try {
    await trainee.send('session.start', {});
    for (let i = 0; i < scenario.segments[0]!.lines.length; i++) {
      await step();
      await trainee.send('host.say', { text: scenario.segments[0]!.lines[i]!.zh, lineIndex: i });
    }
    await step();
    const lure = await bot.send('chat.send', { text: LURE });
    await step();
    const line = await trainee.send('host.say', { text: compliant ? COMPLIANT : PROMISE, lineIndex: null });
    if (compliant) await trainee.send('host.say', { text: WARNING, lineIndex: null });
    await step();
    await trainee.send('session.end', {});
    if (!lure.ok || !line.ok) throw new Error('a command was refused');
    return { sessionId: room.id, lureSeq: lure.seq as number, lineSeq: line.seq as number };
  } finally {
    trainee.close();
    bot.close();
  }
}

async function getReport(sessionId: string, query = ''): Promise<Report> {
  const res = await fetch(`${server.url}/api/sessions/${sessionId}/report${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

describe('scoring a product stream (issue 5 Done-when)', () => {
  let failing: { sessionId: string; lureSeq: number; lineSeq: number };
  let passing: { sessionId: string; lureSeq: number; lineSeq: number };
  beforeAll(async () => {
    failing = await session(false);
    passing = await session(true);
  });

  it('RB4 RB5 RB6: 稳赚不赔 and an ignored lure fail, both linked to their moments', async () => {
    const r = await getReport(failing.sessionId);
    expect(r.rubricId).toBe('product-stream-default');
    expect(r.pass).toBe(false);
    expect(r.total).toBeLessThan(r.passMark);
    const promise = r.findings.find((f) => f.category === 'promise_of_returns')!;
    expect(promise).toMatchObject({ seq: failing.lineSeq, critical: true, quote: '稳赚' });
    expect(promise.link).toBe(`/replay/${failing.sessionId}?seq=${failing.lineSeq}`);
    expect(promise.suggestion.zh).toMatch(/改说/);
    const lure = r.criteria.find((c) => c.kind === 'lure_handling')!;
    expect(lure.score).toBe(0);
    expect(lure.evidence[0]).toMatchObject({ seq: failing.lureSeq, quote: LURE });
    expect(lure.evidence[0]!.link).toBe(`/replay/${failing.sessionId}?seq=${failing.lureSeq}`);
  });

  it('RB6: the same session with compliant wording and a warning passes', async () => {
    const r = await getReport(passing.sessionId);
    expect(r.findings).toEqual([]);
    expect(r.criteria.find((c) => c.kind === 'lure_handling')!.score).toBe(100);
    expect(r.pass).toBe(true);
    expect(r.total).toBeGreaterThanOrEqual(80);
  });

  it('RB3: re-scoring with another rubric changes the result as configured', async () => {
    const events = server.store.readEvents(passing.sessionId, 1, 10_000);
    const base = await getReport(passing.sessionId);
    // The anti-fraud rubric weighs lure handling and questions differently: other points per
    // criterion (the totals may happen to agree now that delivery is unmeasured, RUBRICS DN2).
    const other = await getReport(passing.sessionId, '?rubric=anti-fraud-default');
    expect(other.rubricId).toBe('anti-fraud-default');
    const points = (r: Report) => Object.fromEntries(r.criteria.map((c) => [c.kind, c.points]));
    expect(points(other)).not.toEqual(points(base));
    // A rubric that only counts lure handling and allows 1 s: the 20 s warning now fails.
    const res = await fetch(`${server.url}/api/rubrics/product-stream-default`);
    const rubric = (await res.json()) as Rubric;
    const strict: Rubric = {
      ...rubric,
      criteria: rubric.criteria.map((c) =>
        c.kind === 'lure_handling' ? { ...c, weight: 100, limitSec: 1, coverSec: 0 } : { ...c, weight: 0 },
      ),
    };
    const re = evaluate(factsOf(events), strict);
    expect(re.total).toBe(0);
    expect(re.pass).toBe(false);
    // With nothing critical and no compliance criterion, 稳赚不赔 no longer counts against the total.
    const failingEvents = server.store.readEvents(failing.sessionId, 1, 10_000);
    const capped = evaluate(factsOf(failingEvents), rubric);
    const lenient = evaluate(factsOf(failingEvents), {
      ...rubric,
      critical: [],
      criticalCap: 100,
      criteria: rubric.criteria.filter((c) => c.kind !== 'compliance'),
    });
    expect(capped.findings.some((f) => f.critical)).toBe(true);
    expect(lenient.findings.some((f) => f.critical)).toBe(false);
    expect(lenient.total).toBeGreaterThan(capped.total);
  });

  it('RB8: the HTML export is standalone and holds the findings (zh default, en on request)', async () => {
    const res = await fetch(`${server.url}/api/sessions/${failing.sessionId}/report.html`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<mark>稳赚</mark>');
    expect(html).toContain(`/replay/${failing.sessionId}?seq=${failing.lineSeq}`);
    expect(html).toContain('演练评估报告');
    expect(html).toMatch(/<svg[\s>]/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    const en = await (
      await fetch(`${server.url}/api/sessions/${failing.sessionId}/report.html?lang=en`, { headers: { cookie } })
    ).text();
    expect(en).toContain('Rehearsal report');
    expect(en).toContain('Better phrasing');
  });

  it('RB1: unknown sessions and rubrics are 404s that say what is missing', async () => {
    const a = await fetch(`${server.url}/api/sessions/nope/report`, { headers: { cookie } });
    expect(a.status).toBe(404);
    const b = await fetch(`${server.url}/api/sessions/${passing.sessionId}/report?rubric=nope`, {
      headers: { cookie },
    });
    expect(b.status).toBe(404);
    expect(((await b.json()) as { message: string }).message).toMatch(/rubric: no rubric "nope"/);
  });

  it('RB7: the lobby review endpoint lists skipped counter-examples and no critical finding', async () => {
    const res = await fetch(`${server.url}/api/scenarios/new-energy-fund-live/review`);
    const review = (await res.json()) as { ok: boolean; counts: { skipped: number; critical: number } };
    expect(review.ok).toBe(true);
    expect(review.counts).toMatchObject({ skipped: 1, critical: 0 });
  });

  it('RB3: branchcast score re-scores a recording file with --rubric', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-score-'));
    const file = join(dir, 'rec.jsonl');
    const events: SessionEvent[] = server.store.readEvents(failing.sessionId, 1, 10_000);
    writeRecordingFile(file, server.store.getSession(failing.sessionId)!, events, 'test');
    const cli = (args: string[]) =>
      run(process.execPath, ['bin/branchcast.js', 'score', file, ...args]).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const own = await cli([]);
    expect(own.code).toBe(1);
    const report = JSON.parse(own.stdout) as Report;
    expect(report.rubricId).toBe('product-stream-default');
    const lenientFile = join(dir, 'lenient.yaml');
    writeFileSync(
      lenientFile,
      `id: lenient\ntitle: { zh: 宽松, en: Lenient }\nprogrammeRef: test\npassMark: 10\ncritical: []\ncriticalCap: 100\n` +
        `criteria:\n  - { kind: script_coverage, weight: 1, target: 0.1 }\nbands:\n  - { min: 0, grade: 1, label: { zh: 一, en: one } }\n`,
    );
    const other = await cli(['--rubric', lenientFile]);
    expect(other.code).toBe(0);
    expect((JSON.parse(other.stdout) as Report).pass).toBe(true);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'id: bad\ntitle: { zh: 坏, en: Bad }\nprogrammeRef: x\npassMark: 180\ncriteria: []\nbands: []\n',
    );
    const err = await cli(['--rubric', bad]);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/bad\.yaml: passMark: /);
    expect(err.stderr).toMatch(/bad\.yaml: criteria: /);
  });
});

describe('RB7 branchcast review', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['bin/branchcast.js', 'review', ...args]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('passes every shipped scenario and reports counter-examples as skipped', async () => {
    const r = await cli([
      'scenes/anti-fraud-live.yaml',
      'scenes/crisis-drill-wrong-data.yaml',
      'scenes/metaverse-investor-day.yaml',
      'scenes/new-energy-fund-live.yaml',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /new-energy-fund-live\.yaml: segments\[4\] suitability line 4: skipped \(counterExample\)/,
    );
    expect(r.stdout).toMatch(/0 critical — OK/);
  });

  it('exits 1 on a critical finding, naming segment, line and rule; 2 on a file that does not load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-review-'));
    const src = await import('node:fs').then((fs) => fs.readFileSync('scenes/new-energy-fund-live.yaml', 'utf8'));
    const file = join(dir, 'bad-script.yaml');
    writeFileSync(file, src.replace('        counterExample: true\n', ''));
    const r = await cli([file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/segments\[4\] suitability line 4 \[(zh|en)\]: critical /);
    writeFileSync(join(dir, 'broken.yaml'), 'id: [');
    const b = await cli([join(dir, 'broken.yaml')]);
    expect(b.code).toBe(2);
  });
});
