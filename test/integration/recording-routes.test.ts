/** REST for replay and critique: sessions list, events, recording download and upload, annotations (RP5, RP7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { RunningServer } from '../../server/main.js';
import { joinPeer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

let a: RunningServer;
let b: RunningServer;
let sessionId: string;
let codes: Record<string, string>;
const cookies = new Map<RunningServer, string>();

beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer({ defaultRoom: false });
  cookies.set(a, await facilitatorCookie(a));
  cookies.set(b, await facilitatorCookie(b));
  sessionId = a.demo!.sessionId;
  codes = a.demo!.codes;
  const trainee = await joinPeer(a.url, codes.trainee!, '主播', 'trainee');
  const bot = await joinPeer(a.url, codes.bot!, '观众', 'bot');
  await trainee.send('session.start', {});
  for (let i = 0; i < 5; i++) await bot.send('chat.send', { text: `问题${i}？`, kind: 'question' });
  await trainee.send('session.end', {});
  trainee.close();
  bot.close();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

// As a logged-in facilitator unless the test sends a join code instead (docs/ACCESS.md).
const api = (s: RunningServer, path: string, init?: RequestInit) => {
  const headers = new Headers(init?.headers);
  if (!headers.has('X-Branchcast-Code')) headers.set('cookie', cookies.get(s)!);
  // As the client does: a JSON body says so (a JSON route refuses text/plain).
  if (typeof init?.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${s.url}${path}`, { ...init, headers });
};

describe('recording routes', () => {
  it('lists sessions and pages through a session’s events', async () => {
    const list = (await (await api(a, '/api/sessions?scenario=anti-fraud-live')).json()) as Array<{
      sessionId: string;
      status: string;
      events: number;
    }>;
    expect(list.find((s) => s.sessionId === sessionId)).toMatchObject({ status: 'ended' });
    const page = (await (await api(a, `/api/sessions/${sessionId}/events?from=3&limit=4`)).json()) as {
      events: Array<{ seq: number }>;
      more: boolean;
    };
    expect(page.events.map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    expect(page.more).toBe(true);
    expect((await api(a, '/api/sessions/nope/events')).status).toBe(404);
  });

  it('RP7: only the facilitator code may write annotations; anyone may read them', async () => {
    const body = JSON.stringify({
      seq: 5,
      text: '这里应先提示风险',
      severity: 'major',
      category: 'missing_risk_disclosure',
    });
    const noCode = await fetch(`${a.url}/api/sessions/${sessionId}/annotations`, { method: 'POST', body });
    expect(noCode.status).toBe(401);
    const trainee = await api(a, `/api/sessions/${sessionId}/annotations`, {
      method: 'POST',
      body,
      headers: { 'X-Branchcast-Code': codes.trainee! },
    });
    expect(trainee.status).toBe(403);
    const fac = { 'X-Branchcast-Code': codes.facilitator! };
    const made = await api(a, `/api/sessions/${sessionId}/annotations`, { method: 'POST', body, headers: fac });
    expect(made.status).toBe(201);
    const note = (await made.json()) as { id: string; t: number };
    const bad = await api(a, `/api/sessions/${sessionId}/annotations`, {
      method: 'POST',
      body: JSON.stringify({ seq: 99999, text: 'x' }),
      headers: fac,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^seq: the recording has events 1–\d+/);
    const edited = await api(a, `/api/sessions/${sessionId}/annotations/${note.id}`, {
      method: 'PUT',
      body: JSON.stringify({ seq: 6, text: '改：第6条' }),
      headers: fac,
    });
    expect(edited.status).toBe(200);
    const second = await api(a, `/api/sessions/${sessionId}/annotations`, {
      method: 'POST',
      body: JSON.stringify({ seq: 7, toSeq: 9, text: '这一段节奏太快' }),
      headers: fac,
    });
    expect(second.status).toBe(201);
    const list = (await (await api(a, `/api/sessions/${sessionId}/annotations`)).json()) as Array<{
      seq: number;
      text: string;
    }>;
    expect(list.map((x) => [x.seq, x.text])).toEqual([
      [6, '改：第6条'],
      [7, '这一段节奏太快'],
    ]);
  });

  it('RP5: the recording downloads, and imports on a fresh server with its annotations', async () => {
    const res = await api(a, `/api/sessions/${sessionId}/recording`);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    const gz = Buffer.from(await res.arrayBuffer());
    expect(gunzipSync(gz).toString('utf8').split('\n')[0]).toContain('"format":"branchcast-recording"');
    const imp = await api(b, '/api/recordings', {
      method: 'POST',
      body: gz,
      headers: { 'content-type': 'application/gzip' },
    });
    expect(imp.status).toBe(201);
    const body = (await imp.json()) as { sessionId: string; annotations: number };
    expect(body).toMatchObject({ sessionId, annotations: 2 });
    const there = (await (await api(b, `/api/sessions/${sessionId}/events`)).json()) as { events: unknown[] };
    expect(there.events).toEqual(a.store.readEvents(sessionId));
    expect(
      (await api(b, '/api/recordings', { method: 'POST', body: gz, headers: { 'content-type': 'application/gzip' } }))
        .status,
    ).toBe(409);
    const damaged = Buffer.from(gz);
    damaged.writeUInt8(damaged.readUInt8(40) ^ 0xff, 40);
    const refused = await api(b, '/api/recordings', {
      method: 'POST',
      body: damaged,
      headers: { 'content-type': 'application/gzip' },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/refused, nothing imported/);
  });
});
