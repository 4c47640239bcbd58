/**
 * A workshop end to end over the real server, real Socket.IO and real bots (docs/WORKSHOP.md):
 * a facilitator creates a cohort of three, starts three sessions at once with their own
 * audiences, watches them in the live overview, fires the crisis incident in one, speaks as a
 * viewer in another, changes the audience, pauses, ends, and reads progress and the CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { CohortProgress, TraineeProgress } from '../../core/workshop/progress.js';
import type { RunningServer } from '../../server/main.js';
import type { LiveSession } from '../../core/workshop/api-types.js';
import { joinPeer, until, type Peer } from '../harness/peers.js';
import { asFacilitator, startTestServer, TEST_FACILITATOR } from '../harness/test-server.js';

const SCENARIO = 'crisis-drill-wrong-data';
const INCIDENT = 'wrong-figure';

type Api = (path: string, init?: RequestInit) => Promise<Response>;

describe('workshop: cohort, parallel sessions, live control, progress', () => {
  let server: RunningServer;
  let api: Api;
  const post = (path: string, body: unknown) =>
    api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const live = async (): Promise<LiveSession[]> =>
    ((await (await api('/api/live')).json()) as { sessions: LiveSession[] }).sessions;
  const recording = (sessionId: string): SessionEvent[] => server.store.readEvents(sessionId);

  beforeAll(async () => {
    server = await startTestServer({ workshopBotTickMs: 50 });
    api = await asFacilitator(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs a workshop of three from set-up to results', async () => {
    // ── set-up ──
    let res = await post('/api/cohorts', { name: '2026 第四季度 直播合规' });
    expect(res.status).toBe(201);
    const cohort = (await res.json()) as { id: string; name: string };
    res = await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['王芳', '李雷', '=张伟'] });
    expect(res.status).toBe(201);
    const { trainees } = (await res.json()) as { trainees: Array<{ id: string; name: string }> };
    expect(trainees.map((t) => t.name)).toEqual(['王芳', '李雷', '=张伟']);

    res = await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['新人', '王芳'] });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'DUPLICATE', message: expect.stringMatching(/^names\.1: "王芳"/) });
    res = await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['x'.repeat(41)] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^names\.0: /);

    res = await post(`/api/cohorts/${cohort.id}/sessions`, {
      scenarioId: SCENARIO,
      bots: { count: 4, ratePerMinute: 4, rampSec: 0 },
    });
    expect(res.status).toBe(201);
    const started = (await res.json()) as {
      sessions: Array<{ traineeId: string; name: string; sessionId: string; joinCode: string; joinLink: string }>;
    };
    expect(started.sessions.map((s) => s.name)).toEqual(['王芳', '李雷', '=张伟']);
    for (const s of started.sessions) expect(s.joinLink).toBe(`/join/${s.joinCode}`);
    const [a, b, c] = started.sessions as [
      (typeof started.sessions)[0],
      (typeof started.sessions)[0],
      (typeof started.sessions)[0],
    ];

    // Each trainee joins with their own code and starts.
    const peers: Peer[] = [];
    for (const s of started.sessions) {
      const p = await joinPeer(server.url, s.joinCode, s.name, 'trainee');
      expect(p.join.sessionId).toBe(s.sessionId);
      expect((await p.send('session.start', {})).ok).toBe(true);
      peers.push(p);
    }
    const [pa, pb, pc] = peers as [Peer, Peer, Peer];

    // ── live overview ──
    const rows = await until(
      'three sessions with an audience',
      live,
      (ss) => ss.filter((s) => s.cohortId === cohort.id && s.audience > 0 && s.status === 'live').length === 3,
    );
    const rowA = rows.find((s) => s.sessionId === a.sessionId)!;
    expect(rowA).toMatchObject({
      scenarioId: SCENARIO,
      trainee: '王芳',
      traineeId: a.traineeId,
      segment: { index: 0 },
      paused: false,
      ended: false,
      bots: { count: 4, running: true },
      latestFinding: null,
    });
    expect(rowA.scenarioTitle.zh.length).toBeGreaterThan(0);
    expect(rowA.incidents.find((i) => i.id === INCIDENT)).toMatchObject({ fired: false, scheduledAtMs: null });
    expect(rowA.viewers.length).toBe(rowA.audience);
    expect(rowA.score).toMatchObject({ passMark: 80 });

    // A trainee's code opens nothing of the workshop.
    const asTrainee = await fetch(`${server.url}/api/live`, { headers: { 'x-branchcast-code': a.joinCode } });
    expect(asTrainee.status).toBe(403);
    expect((await fetch(`${server.url}/api/cohorts`)).status).toBe(401);

    // ── the live score follows what the host says ──
    expect((await pa.send('host.say', { text: '这只基金稳赚不赔。' })).ok).toBe(true);
    const withFinding = await until(
      'a live finding',
      live,
      (ss) => ss.find((s) => s.sessionId === a.sessionId)?.latestFinding !== null,
    );
    expect(withFinding.find((s) => s.sessionId === a.sessionId)!.latestFinding).toMatchObject({
      category: 'promise_of_returns',
      quote: expect.stringContaining('稳赚'),
    });

    // ── fire the crisis incident in A, now ──
    res = await post(`/api/live/${a.sessionId}/incident`, { incidentId: INCIDENT });
    expect(res.status).toBe(200);
    const fired = (await res.json()) as { ok: true; seq: number };
    const firedEvent = recording(a.sessionId).find((e) => e.seq === fired.seq)!;
    expect(firedEvent).toMatchObject({
      type: 'incident.fired',
      incidentId: INCIDENT,
      actor: { role: 'facilitator', name: TEST_FACILITATOR.username },
    });
    await pa.waitFor((e) => e.type === 'incident.fired');
    res = await post(`/api/live/${a.sessionId}/incident`, { incidentId: 'no-such-thing' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/^incidentId: /);

    // ── schedule it in C a moment ahead: it fires by itself, as the facilitator ──
    const cNow = (await live()).find((s) => s.sessionId === c.sessionId)!;
    const atMs = cNow.elapsedMs + 400;
    res = await post(`/api/live/${c.sessionId}/incident`, { incidentId: INCIDENT, atMs });
    expect(await res.json()).toMatchObject({ ok: true, scheduledAtMs: atMs });
    const cFired = await pc.waitFor((e) => e.type === 'incident.fired', 10_000);
    // atMs is on the stream's clock: counted from session.started.
    const cStartedT = recording(c.sessionId).find((e) => e.type === 'session.started')!.t;
    expect(cFired.t - cStartedT).toBeGreaterThanOrEqual(atMs);
    expect(cFired.actor.role).toBe('facilitator');

    // ── director mode in B: speak as a viewer ──
    const rowB = (await live()).find((s) => s.sessionId === b.sessionId)!;
    const viewer = rowB.viewers.find((v) => v.role === 'bot')!;
    res = await post(`/api/live/${b.sessionId}/say`, {
      viewerId: viewer.participantId,
      text: '主播，这只基金保本吗？',
      kind: 'question',
    });
    expect(res.status).toBe(200);
    const said = await pb.waitFor((e) => e.type === 'chat.message' && e.text === '主播，这只基金保本吗？');
    expect(said).toMatchObject({
      actor: { id: viewer.participantId, role: 'bot', name: viewer.name },
      kind: 'question',
    });
    // To the trainee it is that viewer's question; only the recording (and staff) know who wrote it.
    expect(said).not.toHaveProperty('directedBy');
    expect(recording(b.sessionId).find((e) => e.seq === said.seq)).toMatchObject({
      directedBy: { name: TEST_FACILITATOR.username },
    });
    // The state keeps the mark too (a console joining later sees which lines were directed).
    const entry = server.rooms
      .get(b.sessionId)!
      .snapshot()
      .chat.find((x) => x.seq === said.seq);
    expect(entry?.directedBy?.name).toBe(TEST_FACILITATOR.username);
    // The trainee answers it (a reply the scorer times).
    expect(
      (
        await pb.send('chat.send', {
          text: '基金不保本，投资有风险，请根据自身风险承受能力谨慎选择。',
          replyTo: said.seq,
        })
      ).ok,
    ).toBe(true);
    res = await post(`/api/live/${b.sessionId}/say`, { viewerId: 'p-nobody', text: 'hi' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/^viewerId: /);

    // Over Socket.IO: a facilitator joined to the room may direct; the trainee may not.
    const fac = await joinPeer(
      server.url,
      server.store.getSession(b.sessionId)!.codes.facilitator,
      '导师',
      'facilitator',
    );
    const ack = await fac.send('director.say', { viewerId: viewer.participantId, text: '我也想问问手续费' });
    expect(ack.ok).toBe(true);
    const bySocket = await pb.waitFor((e) => e.type === 'chat.message' && e.text === '我也想问问手续费');
    expect(bySocket).toMatchObject({ actor: { id: viewer.participantId } });
    expect(bySocket).not.toHaveProperty('directedBy');
    // The facilitator's own seat is staff: it sees who directed the line.
    const toStaff = await fac.waitFor((e) => e.type === 'chat.message' && e.text === '我也想问问手续费');
    expect(toStaff).toMatchObject({ directedBy: { name: '导师' } });
    expect(await pb.send('director.say', { viewerId: viewer.participantId, text: 'x' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    fac.close();

    // ── change B's audience: down to one viewer, then up again ──
    res = await post(`/api/live/${b.sessionId}/bots`, { count: 1 });
    expect(await res.json()).toEqual({ count: 1, ratePerMinute: 4, running: true });
    // The scenario's director cast (three simulated viewers) stays seated whatever the audience.
    await until('B down to one viewer', live, (ss) => ss.find((s) => s.sessionId === b.sessionId)?.audience === 1 + 3);
    res = await post(`/api/live/${b.sessionId}/bots`, { count: 6, ratePerMinute: 2 });
    expect(res.status).toBe(200);
    await until('B back up', live, (ss) => (ss.find((s) => s.sessionId === b.sessionId)?.audience ?? 0) >= 2 + 3);
    res = await post(`/api/live/${b.sessionId}/bots`, {});
    expect(res.status).toBe(400);
    // Each change is in the recording, the facilitator as actor: the start's setting, then these two.
    const configured = recording(b.sessionId).filter((e) => e.type === 'audience.configured');
    expect(configured.map((e) => e.type === 'audience.configured' && [e.count, e.ratePerMinute, e.actor.role])).toEqual(
      [
        [4, 4, 'facilitator'],
        [1, 4, 'facilitator'],
        [6, 2, 'facilitator'],
      ],
    );
    // Over Socket.IO the same command, from a facilitator joined to the room; a trainee may not.
    const facB = await joinPeer(
      server.url,
      server.store.getSession(b.sessionId)!.codes.facilitator,
      '导师',
      'facilitator',
    );
    expect(await facB.send('bots.configure', { count: 2 })).toMatchObject({ ok: true });
    await until('B follows the socket command', live, (ss) => {
      const row = ss.find((s) => s.sessionId === b.sessionId);
      return row?.bots?.count === 2 && row.bots.ratePerMinute === 2;
    });
    expect(await pb.send('bots.configure', { count: 50 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    facB.close();

    // ── pause and resume A, then end A and B over REST; C's trainee ends C ──
    res = await post(`/api/live/${a.sessionId}/pause`, { paused: true });
    expect(res.status).toBe(200);
    expect((await live()).find((s) => s.sessionId === a.sessionId)!.paused).toBe(true);
    res = await post(`/api/live/${a.sessionId}/pause`, { paused: 'yes' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^paused: /);
    res = await post(`/api/live/${a.sessionId}/pause`, { paused: false });
    expect(res.status).toBe(200);
    expect((await live()).find((s) => s.sessionId === a.sessionId)!.paused).toBe(false);
    const pauses = recording(a.sessionId).filter((e) => e.type === 'stream.paused');
    expect(pauses.map((e) => [e.type === 'stream.paused' && e.paused, e.actor.role])).toEqual([
      [true, 'facilitator'],
      [false, 'facilitator'],
    ]);

    for (const s of [a, b]) expect((await post(`/api/live/${s.sessionId}/end`, {})).status).toBe(200);
    expect((await pc.send('session.end', {})).ok).toBe(true);
    res = await post(`/api/live/${a.sessionId}/end`, {});
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'INVALID_STATE', message: 'the session has ended' });
    await until('no workshop session live', live, (ss) => ss.every((s) => s.cohortId !== cohort.id));
    // Each session's audience stops with it.
    await until(
      'bots stopped',
      () => started.sessions.map((s) => server.workshop.bots.status(s.sessionId)?.running),
      (r) => r.every((x) => x === false),
    );
    const ended = recording(a.sessionId).find((e) => e.type === 'session.ended')!;
    expect(ended).toMatchObject({ reason: 'facilitator', actor: { role: 'facilitator' } });

    // ── progress ──
    res = await api(`/api/cohorts/${cohort.id}/progress`);
    expect(res.status).toBe(200);
    const progress = (await res.json()) as CohortProgress;
    expect(progress.trainees.map((t) => t.name)).toEqual(['王芳', '李雷', '=张伟']);
    for (const [i, t] of progress.trainees.entries()) {
      expect(t.attempts).toHaveLength(1);
      const at = t.attempts[0]!;
      expect(at.sessionId).toBe(started.sessions[i]!.sessionId);
      expect(at.ended).toBe(true);
      // The same score as the session's report.
      const report = (await (await api(`/api/sessions/${at.sessionId}/report`)).json()) as {
        total: number;
        pass: boolean;
      };
      expect({ total: at.total, pass: at.pass }).toEqual({ total: report.total, pass: report.pass });
      expect(t.summary.passed).toBe(at.pass);
    }
    const attemptA = progress.trainees[0]!.attempts[0]!;
    expect(attemptA.findings.promise_of_returns).toBeGreaterThanOrEqual(1);
    expect(attemptA.pass).toBe(false);
    const attemptB = progress.trainees[1]!.attempts[0]!;
    expect(attemptB.answered).toBeGreaterThanOrEqual(1);
    expect(attemptB.responseLatencyMs).not.toBeNull();
    const passed = progress.trainees.filter((t) => t.summary.passed).length;
    expect(progress.target).toBe(0.9);
    expect(progress.summary).toMatchObject({
      trainees: 3,
      assessed: 3,
      passedTrainees: passed,
      attempts: 3,
      endedAttempts: 3,
      targetMet: passed / 3 >= 0.9,
    });
    expect(progress.summary.practicalPassRate).toBeCloseTo(passed / 3);
    expect(progress.summary.topFindings[0]).toMatchObject({ category: expect.any(String) });

    res = await api(`/api/trainees/${b.traineeId}/progress`);
    const one = (await res.json()) as TraineeProgress;
    expect(one).toMatchObject({ name: '李雷', attempts: [{ sessionId: b.sessionId }] });

    // ── CSV ──
    res = await api(`/api/cohorts/${cohort.id}/results.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[1]!.split(',').slice(0, 2)).toEqual(['2026 第四季度 直播合规', '王芳']);
    expect(lines[1]!.split(',').at(-1)).toBe(a.sessionId);
    // A name that looks like a formula is neutralised.
    expect(lines[3]!.split(',')[1]).toBe("'=张伟");
    expect(lines[1]).toContain(`,${attemptA.total},不合格,80,`);

    // The cohort page lists the assignments with their links.
    const detail = (await (await api(`/api/cohorts/${cohort.id}`)).json()) as {
      assignments: Array<{ sessionId: string; status: string; joinLink: string }>;
    };
    expect(detail.assignments.map((x) => [x.sessionId, x.status])).toEqual(
      started.sessions.map((s) => [s.sessionId, 'ended']),
    );
    // A trainee with results is kept.
    res = await api(`/api/cohorts/${cohort.id}/trainees/${a.traineeId}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/^trainee: 王芳 has sessions/);
    // One without any is removed.
    res = await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['旁听生'] });
    const extra = ((await res.json()) as { trainees: Array<{ id: string }> }).trainees[0]!;
    res = await api(`/api/cohorts/${cohort.id}/trainees/${extra.id}`, { method: 'DELETE' });
    expect(await res.json()).toEqual({ ok: true });
    const after = (await (await api(`/api/cohorts/${cohort.id}`)).json()) as { trainees: Array<{ name: string }> };
    expect(after.trainees.map((t) => t.name)).toEqual(['王芳', '李雷', '=张伟']);
    for (const p of peers) p.close();
  }, 90_000);
});
