/**
 * Accounts and web sessions, the happy paths (docs/ACCESS.md): the one-time setup link creates the
 * first facilitator, who logs in, sees who they are, adds a colleague and logs out. The refusals
 * are in access-control.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { RunningServer } from '../../server/main.js';
import { startTestServer } from '../harness/test-server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const json = { 'content-type': 'application/json' };
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('facilitator accounts', () => {
  let cookie: string;

  it('before set-up, me says anonymous and that set-up is needed', async () => {
    const me = await (await get('/api/auth/me')).json();
    expect(me).toEqual({ role: 'anonymous', setupRequired: true });
    expect(server.access.auth.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('the setup token creates the first facilitator and logs them in', async () => {
    const token = server.access.auth.setupToken!;
    const res = await post('/api/auth/setup', { token, username: 'Wang.Li', password: 'a-long-passphrase' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ role: 'facilitator', username: 'Wang.Li' });
    cookie = cookieOf(res);
    expect(cookie).toMatch(/^bc_session=[A-Za-z0-9_-]{43}$/);
    expect(server.access.auth.setupToken).toBeNull();
    const me = await (await get('/api/auth/me', { cookie })).json();
    expect(me).toMatchObject({ role: 'facilitator', username: 'Wang.Li' });
    expect((await (await get('/api/auth/me')).json()) as object).toEqual({ role: 'anonymous', setupRequired: false });
  });

  it('the session cookie is HttpOnly, SameSite=Strict, Path=/, not Secure over plain http', async () => {
    const res = await post('/api/auth/login', { username: 'wang.li', password: 'a-long-passphrase' });
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^bc_session=[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/; HttpOnly/i);
    expect(set).toMatch(/; SameSite=Strict/i);
    expect(set).toMatch(/; Path=\//i);
    expect(set).toMatch(/; Max-Age=43200/i);
    expect(set).not.toMatch(/Secure/i);
  });

  it('behind a TLS proxy the cookie is Secure and answers carry HSTS', async () => {
    const res = await post(
      '/api/auth/login',
      { username: 'Wang.Li', password: 'a-long-passphrase' },
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await get('/api/health')).headers.get('strict-transport-security')).toBeNull();
  });

  it('only the session id’s hash is stored', async () => {
    const id = cookie.slice('bc_session='.length);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(id).digest('hex');
    expect(server.access.auth.store.findSession(hash, Date.now())).toBeDefined();
    expect(server.access.auth.store.findSession(id, Date.now())).toBeUndefined();
  });

  it('a facilitator adds a colleague, who can log in and open a rehearsal', async () => {
    const add = await post('/api/facilitators', { username: 'zhao', password: 'another-passphrase' }, { cookie });
    expect(add.status).toBe(201);
    expect(await add.json()).toMatchObject({ username: 'zhao' });
    const list = (await (await get('/api/facilitators', { cookie })).json()) as Array<{ username: string }>;
    expect(list.map((f) => f.username)).toEqual(['Wang.Li', 'zhao']);
    expect(JSON.stringify(list)).not.toMatch(/argon2/);
    const login = await post('/api/auth/login', { username: 'zhao', password: 'another-passphrase' });
    expect(login.status).toBe(200);
    const made = await post('/api/sessions', { scenarioId: 'anti-fraud-live' }, { cookie: cookieOf(login) });
    expect(made.status).toBe(201);
    const { sessionId } = (await made.json()) as { sessionId: string };
    const list2 = (await (await get('/api/sessions', { cookie })).json()) as Array<{ sessionId: string }>;
    expect(list2.map((s) => s.sessionId)).toContain(sessionId);
  });

  it('passwords are stored as argon2id hashes', () => {
    const f = server.access.auth.store.facilitatorByName('zhao')!;
    expect(f.passwordHash).toMatch(/^\$argon2id\$/);
    expect(f.passwordHash).not.toContain('another-passphrase');
  });

  it('a facilitator cookie joins any room by sessionId, as facilitator or observer', async () => {
    const demo = server.demo!;
    for (const role of ['facilitator', 'observer'] as const) {
      const s = io(server.url, { transports: ['websocket'], extraHeaders: { cookie } });
      const ack = await new Promise<{ ok: boolean; role?: string; sessionId?: string }>((res) =>
        s.emit('join', { protocolVersion: PROTOCOL_VERSION, sessionId: demo.sessionId, role, name: '王老师' }, res),
      );
      s.disconnect();
      expect(ack).toMatchObject({ ok: true, role, sessionId: demo.sessionId });
    }
  });

  it('the bot token joins any room as a bot', async () => {
    const s = io(server.url, { transports: ['websocket'], auth: { botToken: server.access.auth.botToken } });
    const ack = await new Promise<{ ok: boolean; role?: string }>((res) =>
      s.emit(
        'join',
        { protocolVersion: PROTOCOL_VERSION, sessionId: server.demo!.sessionId, role: 'bot', name: '观众' },
        res,
      ),
    );
    s.disconnect();
    expect(ack).toMatchObject({ ok: true, role: 'bot' });
  });

  it('logout ends the session and expires the cookie', async () => {
    const res = await post('/api/auth/logout', {}, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^bc_session=; Max-Age=0/);
    expect(await (await get('/api/auth/me', { cookie })).json()).toMatchObject({ role: 'anonymous' });
  });
});
