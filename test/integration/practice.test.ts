/**
 * Self-practice (issue 16 pt 8): a trainee starts any shipped scenario alone — no facilitator, no
 * account — from the server machine by default; the room is recorded and scored like any session,
 * and the trainee's code opens its recording and report. A facilitator turns it off (kept in the
 * workshop store, so a restart keeps it) or opens it to the network; nobody else may.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { RunningServer } from '../../server/main.js';
import { joinPeer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

let s: RunningServer;
let cookie: string;
const json = { 'content-type': 'application/json' };

const practice = (srv: RunningServer, init: RequestInit = {}) => fetch(`${srv.url}/api/practice`, init);
const start = (srv: RunningServer, scenarioId: string, headers: Record<string, string> = {}) =>
  practice(srv, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ scenarioId }) });
const setMode = (srv: RunningServer, mode: string, c: string | null) =>
  practice(srv, { method: 'PUT', headers: c ? { ...json, cookie: c } : json, body: JSON.stringify({ mode }) });

beforeAll(async () => {
  s = await startTestServer();
  cookie = await facilitatorCookie(s);
});
afterAll(async () => {
  await s?.close();
});

describe('self-practice', () => {
  it('is allowed by default on the server machine, for every shipped scenario, without an account', async () => {
    const info = (await (await practice(s)).json()) as { mode: string; allowed: boolean };
    expect(info).toEqual({ mode: 'local', allowed: true });
    for (const id of s.scenarios.keys()) {
      const res = await start(s, id);
      expect(res.status, id).toBe(201);
      const body = (await res.json()) as { sessionId: string; codes: Record<string, string> };
      // The trainee gets the host's code only: no facilitator seat is handed out.
      expect(Object.keys(body.codes)).toEqual(['trainee']);
      await fetch(`${s.url}/api/sessions/${body.sessionId}/events`, { headers: { cookie } }).then((r) =>
        expect(r.status).toBe(200),
      );
    }
  });

  it('is recorded and scored like any session, and listed under the trainee’s own code', async () => {
    const made = (await (await start(s, 'anti-fraud-live')).json()) as {
      sessionId: string;
      codes: { trainee: string };
    };
    const host = await joinPeer(s.url, made.codes.trainee, '自练学员', 'trainee');
    await host.send('session.start', {});
    await host.send('host.say', { text: '大家好，投资有风险，入市需谨慎。', lineIndex: 0 });
    await host.send('session.end', {});
    host.close();
    const code = { 'X-Branchcast-Code': made.codes.trainee };
    const list = (await (await fetch(`${s.url}/api/sessions`, { headers: code })).json()) as Array<{
      sessionId: string;
    }>;
    expect(list.map((x) => x.sessionId)).toEqual([made.sessionId]);
    const events = (
      (await (await fetch(`${s.url}/api/sessions/${made.sessionId}/events`, { headers: code })).json()) as {
        events: SessionEvent[];
      }
    ).events;
    expect(events.some((e) => e.type === 'session.ended')).toBe(true);
    const report = (await (
      await fetch(`${s.url}/api/sessions/${made.sessionId}/report`, { headers: code })
    ).json()) as {
      total: number;
    };
    expect(typeof report.total).toBe('number');
  });

  it('a facilitator turns it off; a trainee then gets a reason; only a facilitator may change it', async () => {
    expect((await setMode(s, 'off', null)).status).toBe(401);
    expect((await setMode(s, 'sometimes', cookie)).status).toBe(400);
    expect((await setMode(s, 'off', cookie)).status).toBe(200);
    expect(((await (await practice(s)).json()) as { allowed: boolean }).allowed).toBe(false);
    const refused = await start(s, 'anti-fraud-live');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/turned it off/);
    // A facilitator may still practise (or open a room the usual way).
    expect((await start(s, 'anti-fraud-live', { cookie })).status).toBe(201);
    expect((await setMode(s, 'local', cookie)).status).toBe(200);
  });

  it('local means the server machine only; open lets the network in; the choice survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchcast-practice-'));
    let p = await startTestServer({ dataDir: dir, auth: { trustProxy: true } });
    try {
      const remote = { 'X-Forwarded-For': '203.0.113.7' };
      const refused = await start(p, 'anti-fraud-live', remote);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(/server machine/);
      const c = await facilitatorCookie(p);
      expect((await setMode(p, 'open', c)).status).toBe(200);
      expect((await start(p, 'anti-fraud-live', remote)).status).toBe(201);
      await p.close();
      p = await startTestServer({ dataDir: dir, auth: { trustProxy: true } });
      const info = (await (await practice(p, { headers: remote })).json()) as { mode: string; allowed: boolean };
      expect(info).toEqual({ mode: 'open', allowed: true });
    } finally {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
