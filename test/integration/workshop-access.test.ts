/**
 * The workshop API is for facilitator accounts only (docs/ACCESS.md, docs/WORKSHOP.md): no route
 * answers an anonymous request, a trainee's code, or even a room's facilitator code. And cohorts
 * live next to the recordings: they survive a restart with the same data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../harness/peers.js';
import { asFacilitator, createSession, startTestServer } from '../harness/test-server.js';

const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/api/cohorts'],
  ['POST', '/api/cohorts', { name: 'x' }],
  ['GET', '/api/cohorts/c-1'],
  ['POST', '/api/cohorts/c-1/trainees', { names: ['a'] }],
  ['DELETE', '/api/cohorts/c-1/trainees/t-1'],
  ['POST', '/api/cohorts/c-1/sessions', { scenarioId: 'anti-fraud-live' }],
  ['GET', '/api/cohorts/c-1/progress'],
  ['GET', '/api/cohorts/c-1/results.csv'],
  ['GET', '/api/trainees/t-1/progress'],
  ['GET', '/api/live'],
  ['POST', '/api/live/SID/incident', { incidentId: 'x' }],
  ['POST', '/api/live/SID/bots', { count: 1 }],
  ['POST', '/api/live/SID/pause', { paused: true }],
  ['POST', '/api/live/SID/end', {}],
  ['POST', '/api/live/SID/say', { viewerId: 'p', text: 'x' }],
];

describe('workshop access', () => {
  it('refuses every route without a facilitator login, whatever code comes with it', async () => {
    const server = await startTestServer();
    try {
      const { sessionId, codes } = await createSession(server, 'anti-fraud-live');
      for (const [method, path, body] of ROUTES) {
        const url = `${server.url}${path.replace('SID', sessionId)}`;
        const init = (headers: Record<string, string>): RequestInit => ({
          method,
          headers: { 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const anon = await fetch(url, init({}));
        expect([method, path, anon.status]).toEqual([method, path, 401]);
        expect(await anon.json()).toMatchObject({ error: 'UNAUTHENTICATED' });
        for (const code of [codes.trainee!, codes.facilitator!, codes.observer!]) {
          const withCode = await fetch(url, init({ 'x-branchcast-code': code }));
          expect([method, path, withCode.status]).toEqual([method, path, 403]);
        }
      }
      // Nothing happened in the room.
      const room = server.rooms.get(sessionId)!;
      expect(room.snapshot().paused).toBe(false);
      expect(room.status).not.toBe('ended');
    } finally {
      await server.close();
    }
  });

  it('keeps cohorts, trainees and assignments in the data folder across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-workshop-restart-'));
    try {
      let server = await startTestServer({ dataDir: dir });
      let api = await asFacilitator(server);
      const cohort = (await (
        await api('/api/cohorts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: '复训班' }),
        })
      ).json()) as { id: string };
      await api(`/api/cohorts/${cohort.id}/trainees`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ names: ['赵敏'] }),
      });
      const started = await api(`/api/cohorts/${cohort.id}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenarioId: 'anti-fraud-live', bots: { count: 2, ratePerMinute: 1 } }),
      });
      expect(started.status).toBe(201);
      const { sessions } = (await started.json()) as { sessions: Array<{ sessionId: string }> };
      await server.close();

      server = await startTestServer({ dataDir: dir });
      api = await asFacilitator(server);
      const detail = (await (await api(`/api/cohorts/${cohort.id}`)).json()) as {
        name: string;
        trainees: Array<{ name: string }>;
        assignments: Array<{ sessionId: string; status: string }>;
      };
      expect(detail).toMatchObject({
        name: '复训班',
        trainees: [{ name: '赵敏' }],
        assignments: [{ sessionId: sessions[0]!.sessionId, status: 'live' }],
      });
      // The resumed session is in the overview under its trainee, with the audience its recording
      // asked for back in the seats.
      const live = await until(
        'the audience back',
        async () =>
          (
            (await (await api(`/api/live?cohortId=${cohort.id}`)).json()) as {
              sessions: Array<{ sessionId: string; trainee: string; audience: number; bots: unknown }>;
            }
          ).sessions,
        (ss) => (ss[0]?.audience ?? 0) >= 1,
      );
      expect(live).toMatchObject([
        { sessionId: sessions[0]!.sessionId, trainee: '赵敏', bots: { count: 2, ratePerMinute: 1, running: true } },
      ]);
      // Its stream has not started: nothing can be scheduled on its clock yet.
      const early = await api(`/api/live/${sessions[0]!.sessionId}/incident`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ incidentId: 'lure-flood-qa', atMs: 60_000 }),
      });
      expect(early.status).toBe(409);
      expect(((await early.json()) as { message: string }).message).toMatch(/^atMs: /);
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
