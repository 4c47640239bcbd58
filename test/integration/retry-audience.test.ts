/**
 * Retry is a retry (issue 12 pt 7), real server, Socket.IO and bots: 从此处重试 gives the branched
 * room back the viewers online at the branch point, chatting again soon after, and a trainee who
 * retries sees only their own code, never the facilitator's or observer's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { RunningServer } from '../../server/main.js';
import { joinPeer, until } from '../harness/peers.js';
import { asFacilitator, startTestServer } from '../harness/test-server.js';

const SCENARIO = 'crisis-drill-wrong-data';
let server: RunningServer;
let api: (path: string, init?: RequestInit) => Promise<Response>;
const post = (path: string, body: unknown) =>
  api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer({ workshopBotTickMs: 50 });
  api = await asFacilitator(server);
});
afterAll(async () => {
  await server?.close();
});

const online = (id: string) => server.rooms.get(id)!.snapshot().audience;

describe('retry audience', () => {
  it('the branch has the viewers of the branch point back, chatting, and the trainee gets only their code', async () => {
    const cohort = (await (await post('/api/cohorts', { name: '重试' })).json()) as { id: string };
    await post(`/api/cohorts/${cohort.id}/trainees`, { names: ['孙三'] });
    const started = (await (
      await post(`/api/cohorts/${cohort.id}/sessions`, {
        scenarioId: SCENARIO,
        bots: { count: 4, ratePerMinute: 30, rampSec: 0 },
      })
    ).json()) as { sessions: Array<{ sessionId: string; joinCode: string }> };
    const s = started.sessions[0]!;
    const host = await joinPeer(server.url, s.joinCode, '孙三', 'trainee');
    await host.send('session.start', {});
    await until(
      'parent audience',
      () => online(s.sessionId),
      (n) => n === 4,
      10_000,
    );
    await host.waitFor((e) => e.type === 'chat.message', 15_000);
    const at = server.store.lastSeq(s.sessionId);
    host.close();

    // The trainee retries from that moment with their own code.
    const res = await fetch(`${server.url}/api/sessions/${s.sessionId}/branch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-branchcast-code': s.joinCode },
      body: JSON.stringify({ seq: at }),
    });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { sessionId: string; viewers: number; codes: Record<string, string> };
    expect(made.viewers).toBe(4);
    expect(Object.keys(made.codes)).toEqual(['trainee']);

    // Before this change the retry's room stayed at 观众 0 with no new chat.
    await until(
      'retry audience',
      () => online(made.sessionId),
      (n) => n === 4,
      10_000,
    );
    const retry = await joinPeer(server.url, made.codes.trainee!, '孙三', 'trainee');
    const chat = (await retry.waitFor(
      (e) => e.type === 'chat.message' && e.seq > at + 1 && e.actor.role === 'bot',
      20_000,
    )) as SessionEvent;
    const branchT = server.store.readEvents(made.sessionId, at + 1, 1)[0]!.t;
    expect(chat.t - branchT).toBeLessThan(30_000);
    retry.close();
  });
});
