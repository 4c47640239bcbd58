/**
 * A gradebook that can be trusted (issue 12 pt 8, 10), over the real server and Socket.IO: a
 * second start asks first, a voided attempt leaves the pass rate but stays listed, a never-started
 * attempt is 未开始 (in no denominator), a trainee's satisfaction rating is stored and averaged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CohortProgress } from '../../core/workshop/progress.js';
import type { RunningServer } from '../../server/main.js';
import { joinPeer } from '../harness/peers.js';
import { asFacilitator, startTestServer } from '../harness/test-server.js';

const SCENARIO = 'crisis-drill-wrong-data';
type Api = (path: string, init?: RequestInit) => Promise<Response>;

let server: RunningServer;
let api: Api;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const progress = async (id: string) => (await (await api(`/api/cohorts/${id}/progress`)).json()) as CohortProgress;

beforeAll(async () => {
  server = await startTestServer();
  api = await asFacilitator(server);
});
afterAll(async () => {
  await server?.close();
});

interface Started {
  sessions: Array<{ traineeId: string; name: string; sessionId: string; joinCode: string }>;
}

describe('gradebook', () => {
  it('asks before a second start, voids with a reason, leaves 未开始 out, stores satisfaction', async () => {
    const cohort = (await (await post('/api/cohorts', { name: '第五期' })).json()) as { id: string };
    await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['赵一', '钱二'] });
    const start = (body: object) =>
      post(`/api/cohorts/${cohort.id}/sessions`, { scenarioId: SCENARIO, bots: { count: 0 }, ...body });
    let res = await start({});
    expect(res.status).toBe(201);
    const first = (await res.json()) as Started;
    const [zhao, qian] = first.sessions as [Started['sessions'][0], Started['sessions'][0]];

    // Pressing 为全部学员开始 again: nothing starts, the answer lists who already has one.
    res = await start({});
    expect(res.status).toBe(409);
    const conflict = (await res.json()) as { existing: Array<{ name: string; state: string }> };
    expect(conflict.existing.map((e) => [e.name, e.state])).toEqual([
      ['赵一', 'unstarted'],
      ['钱二', 'unstarted'],
    ]);
    expect(server.workshop.live(cohort.id)).toHaveLength(2);
    // skipExisting starts nobody here; force starts a second session for each.
    res = await start({ onExisting: 'skipExisting' });
    expect(((await res.json()) as Started).sessions).toEqual([]);

    // 赵一 streams and ends; 钱二 never presses start and the facilitator ends it.
    const host = await joinPeer(server.url, zhao.joinCode, '赵一', 'trainee');
    await host.send('session.start', {});
    await host.send('host.say', { text: '大家好，今天讲讲如何识别诈骗。' });
    expect((await host.send('session.end', {})).ok).toBe(true);
    host.close();
    expect((await post(`/api/live/${qian.sessionId}/end`, {})).status).toBe(200);

    let p = await progress(cohort.id);
    const never = p.trainees[1]!.attempts[0]!;
    expect(never).toMatchObject({ started: false, ended: true });
    expect(p.summary).toMatchObject({ assessed: 1, notStarted: 1, endedAttempts: 1 });
    const rateWith = p.summary.practicalPassRate;
    expect(rateWith).not.toBeNull();

    // Void needs a reason; with one the attempt is kept, listed, and leaves the pass rate.
    res = await post(`/api/attempts/${zhao.sessionId}/note`, { voided: true });
    expect(res.status).toBe(400);
    res = await post(`/api/attempts/${zhao.sessionId}/note`, {
      voided: true,
      voidReason: '设备故障',
      comment: '重新安排',
    });
    expect(res.status).toBe(200);
    p = await progress(cohort.id);
    expect(p.trainees[0]!.attempts[0]).toMatchObject({ voided: true, voidReason: '设备故障', comment: '重新安排' });
    expect(p.summary).toMatchObject({ assessed: 0, practicalPassRate: null, voided: 1 });

    const csv = await (await api(`/api/cohorts/${cohort.id}/results.csv`)).text();
    expect(csv).toContain('作废原因');
    expect(csv).toContain('设备故障');

    // The trainee rates the ended session with their own code; out-of-range is refused.
    const asTrainee = { 'x-branchcast-code': zhao.joinCode };
    const rate = (body: object) =>
      fetch(`${server.url}/api/sessions/${zhao.sessionId}/satisfaction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asTrainee },
        body: JSON.stringify(body),
      });
    expect((await rate({ content: 6, instructor: 5, tool: 5 })).status).toBe(400);
    expect((await rate({ content: 5, instructor: 4, tool: 5, comment: '很实用' })).status).toBe(200);
    // Un-void: the rating now counts in the cohort's average.
    await post(`/api/attempts/${zhao.sessionId}/note`, { voided: false });
    p = await progress(cohort.id);
    expect(p.summary.practicalPassRate).toBe(rateWith);
    expect(p.summary.satisfaction).toMatchObject({ ratings: 1, content: 5, instructor: 4, tool: 5 });
    expect(p.trainees[0]!.attempts[0]!.satisfaction).toMatchObject({ comment: '很实用' });

    res = await start({ onExisting: 'force' });
    expect(((await res.json()) as Started).sessions).toHaveLength(2);
  });
});
