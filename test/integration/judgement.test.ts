/**
 * Scores a trainer can defend (issue 12, docs/RUBRICS.md ST2, AW1, CK1, FD1, CR1–CR2, DN1), over a
 * real server and real Socket.IO peers: the simulated audience's policy drives real bot sockets,
 * and the trainee is a real peer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Audience, type AudienceAction } from '../../core/audience/audience.js';
import type { SessionEvent } from '../../core/events.js';
import type { Report } from '../../core/rubric/report-model.js';
import { ManualClock } from '../../server/rooms/clock.js';
import type { RunningServer } from '../../server/main.js';
import { writeRecordingFile } from '../../server/recordings/recording-file.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

const CLAIM = '这只基金稳赚不赔，保证收益，包赚不亏，年化收益保证20%，稳稳的翻倍！';
const CORRECTION = "更正一下刚才的说法：任何基金都不保本，投资有风险。刚才'稳赚不赔'的说法是错误的，向大家致歉。";

let server: RunningServer;
let clock: ManualClock;
let cookie: string;

beforeAll(async () => {
  clock = new ManualClock();
  server = await startTestServer({ clock });
  cookie = await facilitatorCookie(server);
});
afterAll(async () => server.close());

async function getReport(sessionId: string): Promise<Report> {
  const res = await fetch(`${server.url}/api/sessions/${sessionId}/report`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as Report;
}

/** A room with the audience policy driving real bot sockets; `step` advances the clock. */
async function liveRoom(count: number) {
  const scenario = server.scenarios.get('anti-fraud-live')!;
  const room = await server.rooms.create(scenario);
  const audience = new Audience({ scenario, seed: 11, count, rampSec: 60 });
  const bots = new Map<number, Peer>();
  let fed = 0;
  let now = 0;
  const perform = async (a: AudienceAction) => {
    if (a.kind === 'arrive') {
      const p = await joinPeer(server.url, room.record.codes.bot, a.name, 'bot');
      bots.set(a.viewer, p);
      const joined = server.store
        .readEvents(room.id, 1, 100_000)
        .find((e) => e.type === 'participant.joined' && e.name === a.name);
      if (joined?.type === 'participant.joined') audience.bind(a.viewer, joined.participantId);
      return;
    }
    const p = bots.get(a.viewer);
    if (!p) return;
    if (a.kind === 'say') {
      const ack = await p.send('chat.send', { text: a.text, kind: a.chatKind, replyTo: a.replyTo });
      if (ack.ok && a.chatKind === 'question' && typeof ack.seq === 'number')
        audience.ownQuestion(a.viewer, ack.seq, now);
    } else if (a.kind === 'signal') {
      await p.send('viewer.signal', {
        sentiment: a.sentiment,
        trust: a.trust,
        intent: a.intent,
        ...(a.leaving ? { leaving: a.leaving } : {}),
      });
    } else if (a.kind === 'leave') {
      p.close();
      bots.delete(a.viewer);
    }
  };
  const feed = () => {
    const events: SessionEvent[] = server.store.readEvents(room.id, fed + 1, 100_000);
    for (const e of events) audience.observe(e);
    if (events.length) fed = events[events.length - 1]!.seq;
  };
  const step = async (ms: number) => {
    for (let done = 0; done < ms; done += 5000) {
      clock.advance(5000);
      now += 5000;
      await server.rooms.tick();
      feed();
      for (const a of audience.advance(now)) await perform(a);
      feed();
    }
  };
  const close = () => {
    for (const p of bots.values()) p.close();
  };
  return { room, step, close, scenario };
}

describe('a trainee who joins 3 minutes after the room opened (AW1, CK1)', () => {
  let report: Report;
  let startedT: number;
  let waitingAtEnd: { t: number }[];
  let stateT: number;
  beforeAll(async () => {
    const { room, step, close } = await liveRoom(14);
    await step(180_000); // the waiting room
    const trainee = await joinPeer(server.url, room.record.codes.trainee, '学员', 'trainee');
    await trainee.send('session.start', {});
    startedT = room.snapshot().startedT!;
    await trainee.send('segment.next', {});
    await trainee.send('segment.next', {}); // straight to the Q&A: questions wait from its start
    await step(240_000);
    const s = room.snapshot();
    waitingAtEnd = [...s.questions];
    stateT = s.t;
    await trainee.send('session.end', {});
    trainee.close();
    close();
    report = await getReport(room.id);
  }, 60_000);

  it('no question waits longer than the stream has run', () => {
    expect(waitingAtEnd.length).toBeGreaterThan(0);
    for (const q of waitingAtEnd) expect(stateT - q.t).toBeLessThanOrEqual(stateT - startedT);
  });

  it('lures never appear in question coverage; questions and lures are counted apart', () => {
    const coverage = report.criteria.find((c) => c.kind === 'question_coverage')!;
    expect(coverage.summary.zh).toContain(`/${report.stats.questions} 个提问`);
    for (const e of coverage.evidence) expect(e.quote ?? '').not.toMatch(/扣1|vx|私信我|进群/);
    const lure = report.criteria.find((c) => c.kind === 'lure_handling')!;
    if (report.stats.lures > 0)
      expect(lure.summary.zh).toMatch(new RegExp(`^${report.stats.lures} 条诈骗引流中 \\d+ 条`));
  });

  it('a silent host scores near 0 (DN1)', () => {
    expect(report.criteria.find((c) => c.kind === 'compliance')!.summary.zh).toBe('主播没有发言');
    expect(report.rawTotal).toBeLessThan(25);
  });
});

describe('one card, a correction that reduces (FD1, CR1–CR2, ST2)', () => {
  async function say(lines: string[]) {
    const scenario = server.scenarios.get('anti-fraud-live')!;
    const room = await server.rooms.create(scenario);
    clock.advance(180_000);
    const trainee = await joinPeer(server.url, room.record.codes.trainee, '学员', 'trainee');
    await trainee.send('session.start', {});
    const seqs: number[] = [];
    for (const text of lines) {
      clock.advance(15_000);
      const ack = await trainee.send('host.say', { text, lineIndex: null });
      if (!ack.ok) throw new Error(ack.message);
      seqs.push(ack.seq as number);
    }
    await trainee.send('session.end', {});
    trainee.close();
    return { id: room.id, seqs, report: await getReport(room.id) };
  }

  it('a five-rule sentence is one card in the JSON report and the HTML export, at its stream time', async () => {
    const { id, seqs, report } = await say([CLAIM]);
    const cards = report.findings.filter((f) => f.seq === seqs[0] && f.category === 'promise_of_returns');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.rules.length).toBeGreaterThan(1);
    expect(cards[0]!.streamT).toBe(15_000);
    const html = await (await fetch(`${server.url}/api/sessions/${id}/report.html`, { headers: { cookie } })).text();
    expect(html).toContain(`合规问题 (${report.findings.length})`);
    expect(html).toContain('在回放中查看 00:15');
  });

  it('a correction reduces, not adds', async () => {
    const left = await say(['这只基金稳赚不赔。']);
    const fixed = await say(['这只基金稳赚不赔。', CORRECTION]);
    expect(fixed.report.findings.length).toBe(left.report.findings.length);
    expect(fixed.report.findings[0]!.corrected?.streamT).toBe(30_000);
    const score = (r: Report) => r.criteria.find((c) => c.kind === 'compliance')!.score!;
    expect(score(fixed.report)).toBeGreaterThan(score(left.report));
    expect(fixed.report.pass).toBe(false);
  });

  it('branchcast score (JSON) gives stream-time finding times, one card, questions and lures apart', async () => {
    const { id, seqs } = await say([CLAIM, CORRECTION]);
    const dir = mkdtempSync(join(tmpdir(), 'bc-judgement-'));
    const file = join(dir, 'rec.jsonl');
    writeRecordingFile(file, server.store.getSession(id)!, server.store.readEvents(id, 1, 10_000), 'test');
    const out = await promisify(execFile)(process.execPath, ['bin/branchcast.js', 'score', file]).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    const r = JSON.parse(out) as Report;
    const card = r.findings.find((f) => f.seq === seqs[0] && f.category === 'promise_of_returns')!;
    expect(card.streamT).toBe(15_000);
    expect(card.t).toBeGreaterThan(180_000);
    expect(card.corrected).toMatchObject({ seq: seqs[1], streamT: 30_000 });
    expect(r.findings.filter((f) => f.seq === seqs[1])).toEqual([]);
    expect(r.stats).toMatchObject({ questions: 0, lures: 0 });
  });
});
