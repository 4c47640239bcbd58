/**
 * Issue 17 over the real server: links name one origin (the public URL), the overview keeps the
 * demo room out and today's ended sessions in their own list with links, a refused report page is
 * a page, and the CSV is in Chinese with local times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveOverview } from '../../core/workshop/api-types.js';
import type { RunningServer } from '../../server/main.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { asFacilitator, startTestServer } from '../harness/test-server.js';

const SCENARIO = 'crisis-drill-wrong-data';
type Api = (path: string, init?: RequestInit) => Promise<Response>;

describe('a facilitator console for a workshop (issue 17)', () => {
  let server: RunningServer;
  let api: Api;
  const peers: Peer[] = [];
  const post = (path: string, body: unknown) =>
    api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const overview = async () => (await (await api('/api/live')).json()) as LiveOverview;
  let cohortId = '';
  let started: Array<{ name: string; sessionId: string; joinCode: string }> = [];

  beforeAll(async () => {
    server = await startTestServer({ publicUrl: 'https://branch.example.test', workshopBotTickMs: 50 });
    api = await asFacilitator(server);
    const cohort = (await (await post('/api/cohorts', { name: '投教直播 第一期' })).json()) as { id: string };
    cohortId = cohort.id;
    await post(`/api/cohorts/${cohortId}/trainees`, { names: ['王芳', '李雷', '赵敏'] });
    const res = await post(`/api/cohorts/${cohortId}/sessions`, {
      scenarioId: SCENARIO,
      bots: { count: 0, ratePerMinute: 0, rampSec: 0 },
    });
    started = ((await res.json()) as { sessions: typeof started }).sessions;
  });
  afterAll(async () => {
    for (const p of peers) p.close();
    await server?.close();
  });

  it('gives the public URL as the origin of every link', async () => {
    expect(server.links).toEqual({
      origin: 'https://branch.example.test',
      publicUrl: 'https://branch.example.test',
      lan: [],
    });
    expect(await (await api('/api/workshop/links')).json()).toMatchObject({ publicUrl: 'https://branch.example.test' });
    expect((await fetch(`${server.url}/api/workshop/links`)).status).toBe(401);
  });

  it('lists waiting sessions as waiting, never the demo room', async () => {
    const o = await overview();
    expect(o.sessions.map((s) => s.sessionId).sort()).toEqual(started.map((s) => s.sessionId).sort());
    expect(o.sessions.every((s) => s.status === 'created')).toBe(true);
    expect(o.sessions.map((s) => s.sessionId)).not.toContain(server.demo!.sessionId);
    expect(o.ended).toEqual([]);
  });

  it('keeps an ended session of today with its result and links', async () => {
    const wang = started.find((s) => s.name === '王芳')!;
    const host = await joinPeer(server.url, wang.joinCode, '王芳', 'trainee');
    peers.push(host);
    expect((await host.send('session.start', {})).ok).toBe(true);
    expect((await post(`/api/live/${wang.sessionId}/end`, {})).status).toBe(200);
    await expect.poll(async () => (await overview()).ended.map((s) => s.sessionId)).toEqual([wang.sessionId]);
    const o = await overview();
    expect(o.sessions.map((s) => s.sessionId)).not.toContain(wang.sessionId);
    expect(o.ended[0]).toMatchObject({
      trainee: '王芳',
      started: true,
      score: { total: expect.any(Number) },
      links: { replay: `/replay/${wang.sessionId}`, report: `/api/sessions/${wang.sessionId}/report.html` },
    });
    expect(o.ended[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('the wall: a critical finding and a help request light the room; a notice reaches every trainee', async () => {
    const li = started.find((s) => s.name === '李雷')!;
    const host = await joinPeer(server.url, li.joinCode, '李雷', 'trainee');
    peers.push(host);
    expect((await host.send('session.start', {})).ok).toBe(true);
    expect((await host.send('host.say', { text: '这只基金稳赚不赔，保证收益，包赚不亏！', lineIndex: null })).ok).toBe(
      true,
    );
    expect((await host.send('help.set', { on: true })).ok).toBe(true);
    const row = async () => (await overview()).sessions.find((s) => s.sessionId === li.sessionId)!;
    await expect.poll(async () => (await row()).alerts.map((a) => a.kind).sort()).toEqual(['critical', 'help']);
    expect((await row()).lastChat).toBeNull();
    // A facilitator cannot raise a hand for the trainee, only mark it handled.
    expect((await post(`/api/live/${li.sessionId}/help`, { on: true })).status).toBe(400);
    expect((await post(`/api/live/${li.sessionId}/help`, { on: false })).status).toBe(200);
    await expect.poll(async () => (await row()).alerts.map((a) => a.kind)).toEqual(['critical']);

    const res = await post('/api/live/all/notice', { text: '还有五分钟，请准备收尾' });
    expect(res.status).toBe(200);
    // Every open room, started or still waiting (赵敏 never starts): not the demo room.
    const zhao = started.find((s) => s.name === '赵敏')!;
    expect(((await res.json()) as { done: string[] }).done.sort()).toEqual([li.sessionId, zhao.sessionId].sort());
    const notice = await host.waitFor((e) => e.type === 'facilitator.notice');
    expect(notice).toMatchObject({ text: '还有五分钟，请准备收尾', actor: { role: 'facilitator' } });
    expect(server.rooms.get(server.demo!.sessionId)!.snapshot().notice).toBeNull();

    const paused = (await (await post('/api/live/all/pause', { paused: true })).json()) as { done: string[] };
    // Pause reaches running streams only.
    expect(paused.done).toEqual([li.sessionId]);
    expect((await row()).paused).toBe(true);
  });

  it('director mode: the scenario’s cast sits in the room; a line as a cast member reaches the trainee', async () => {
    const li = started.find((s) => s.name === '李雷')!;
    const row = (await overview()).sessions.find((s) => s.sessionId === li.sessionId)!;
    expect(row.director!.cast.map((c) => [c.name, c.online])).toEqual([
      ['追涨小王', true],
      ['财富导师Amy', true],
      ['退休张阿姨', true],
    ]);
    expect(row.director!.lines.map((l) => l.kind)).toEqual(['bait', 'lure', 'complaint', 'rumour']);
    const host = peers.at(-1)!;
    const res = await post(`/api/live/${li.sessionId}/say`, { castId: 'retiree', text: '数字到底对不对？' });
    expect(res.status).toBe(200);
    const said = await host.waitFor((e) => e.type === 'chat.message' && e.text === '数字到底对不对？');
    expect(said.actor).toMatchObject({ name: '退休张阿姨', role: 'bot' });
    // The trainee's copy carries no director mark; the recording keeps it.
    expect(said).not.toHaveProperty('directedBy');
    expect(server.store.readEvents(li.sessionId).find((e) => e.seq === said.seq)).toHaveProperty('directedBy');
    expect((await post(`/api/live/${li.sessionId}/say`, { castId: 'nobody', text: 'x' })).status).toBe(404);
    // Never as a real person: an observer who joined with a code is refused.
    const watcher = await joinPeer(
      server.url,
      (await overview()).sessions.find((s) => s.sessionId === li.sessionId)!.codes.observer,
      '旁听',
      'observer',
    );
    peers.push(watcher);
    const asObserver = await post(`/api/live/${li.sessionId}/say`, { viewerId: watcher.join.participantId, text: 'x' });
    expect(asObserver.status).toBe(409);
  });

  it('answers a browser refused a report with a page, an API client with JSON', async () => {
    const id = started[0]!.sessionId;
    const page = await fetch(`${server.url}/api/sessions/${id}/report.html?lang=zh`);
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('需要登录或加入码');
    expect(html).toContain('<details>');
    const json = await fetch(`${server.url}/api/sessions/${id}/report`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('ends every running room at once', async () => {
    const res = await post('/api/live/all/end', {});
    expect(((await res.json()) as { done: string[] }).done).toHaveLength(2);
    await expect.poll(async () => (await overview()).sessions.length).toBe(0);
  });

  it('exports a Chinese CSV with local times, the stream start and an unstarted attempt marked', async () => {
    const csv = await (await api(`/api/cohorts/${cohortId}/results.csv`)).text();
    const [head, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(head).toMatch(/^班级,学员,场景,状态,开播时间（[^）]+）,结束时间（[^）]+）,直播时长,得分,结果,/);
    expect(csv).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    const wang = rows.find((r) => r.includes(',王芳,'))!;
    expect(wang).toMatch(/,已结束,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d+:\d{2},/);
    expect(rows.find((r) => r.includes(',李雷,'))).toContain(',已结束,');
    // Never started: marked as such, no score.
    expect(rows.find((r) => r.includes(',赵敏,'))).toMatch(/,未开播,,,,,未开播,/);
    const en = await (await api(`/api/cohorts/${cohortId}/results.csv?lang=en`)).text();
    expect(en).toContain('Cohort,Trainee,Scenario,Status,Stream start (');
  });
});

describe('accounts a team can run (issue 17 pt 8)', () => {
  let server: RunningServer;
  let api: Api;
  const json = (method: string, body?: unknown, cookie?: string): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const login = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, json('POST', { username, password }));

  beforeAll(async () => {
    server = await startTestServer();
    api = await asFacilitator(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('disables a colleague, who can no longer log in; the last active account stays', async () => {
    const made = await api(
      '/api/facilitators',
      json('POST', { username: 'zhao.min', password: 'another-long-pass-1' }),
    );
    const { id } = (await made.json()) as { id: string };
    const first = await login('zhao.min', 'another-long-pass-1');
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${server.url}/api/live`, { headers: { cookie } })).status).toBe(200);

    expect((await api(`/api/facilitators/${id}/disabled`, json('POST', { disabled: true }))).status).toBe(200);
    const refused = await login('zhao.min', 'another-long-pass-1');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'FORBIDDEN', message: expect.stringMatching(/disabled/) });
    // Their open session ended with it.
    expect((await fetch(`${server.url}/api/live`, { headers: { cookie } })).status).toBe(401);
    // A wrong password still reads as a wrong password (nothing said about the account).
    expect((await login('zhao.min', 'not-the-password')).status).toBe(401);
    const list = (await (await api('/api/facilitators')).json()) as Array<{ id: string; disabled: boolean }>;
    expect(list.find((f) => f.id === id)?.disabled).toBe(true);

    // The one account left that can log in is never disabled or removed.
    const me = list.find((f) => f.id !== id)!;
    const last = await api(`/api/facilitators/${me.id}/disabled`, json('POST', { disabled: true }));
    expect(last.status).toBe(409);
    expect((await api(`/api/facilitators/${me.id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await api(`/api/facilitators/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await login('zhao.min', 'another-long-pass-1')).status).toBe(401);
  });

  it('resets a password with a one-time link made by a colleague, and changes one’s own', async () => {
    const made = await api('/api/facilitators', json('POST', { username: 'qian.li', password: 'forgotten-pass-123' }));
    const { id } = (await made.json()) as { id: string };
    const link = await api(`/api/facilitators/${id}/reset-link`, json('POST', {}));
    expect(link.status).toBe(201);
    const { token } = (await link.json()) as { token: string };
    const reset = (password: string) => fetch(`${server.url}/api/auth/reset`, json('POST', { token, password }));
    const done = await reset('remembered-pass-456');
    expect(done.status).toBe(200);
    const cookie = (done.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await reset('third-try-pass-789')).status).toBe(403);
    expect((await login('qian.li', 'forgotten-pass-123')).status).toBe(401);
    expect((await login('qian.li', 'remembered-pass-456')).status).toBe(200);

    const change = (current: string, password: string) =>
      fetch(`${server.url}/api/auth/password`, json('POST', { current, password }, cookie));
    expect((await change('wrong-current-pass', 'brand-new-pass-000')).status).toBe(403);
    const changed = await change('remembered-pass-456', 'brand-new-pass-000');
    expect(changed.status).toBe(200);
    expect((await login('qian.li', 'brand-new-pass-000')).status).toBe(200);
  });
});
