/**
 * The login limiter under a race (issue 15, point 1): 200 concurrent wrong passwords for one name
 * are verified at most `failures` times, the right password sent after them is refused 429, a
 * colleague behind the same address still logs in, and the lock survives a restart (the counts
 * live in the data folder's SQLite file).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../server/auth/login-limiter.js';
import type { RunningServer } from '../../server/main.js';
import { startTestServer } from '../harness/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'branchcast-login-'));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const login = (server: RunningServer, username: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('login limiter', () => {
  it('200 concurrent wrong logins verify at most the limit; the right password then gets 429; another name logs in', async () => {
    const server = await startTestServer({ dataDir: dir, defaultRoom: false });
    servers.push(server);
    const auth = server.access.auth;
    await auth.addFacilitator('zhou', 'the-right-password');
    await auth.addFacilitator('lin', 'lins-own-password');
    const before = auth.verifications;

    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login(server, 'zhou', `wrong-guess-${i}`)));
    const statuses: Record<number, number> = {};
    for (const r of answers) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const verified = auth.verifications - before;
    console.log(
      `200 concurrent wrong logins: statuses ${JSON.stringify(statuses)}, verified ${verified}, peak in flight ${auth.limiter.peak}`,
    );
    expect(verified).toBeLessThanOrEqual(LOGIN_LIMITS.failures);
    expect(auth.limiter.peak).toBeLessThanOrEqual(LOGIN_LIMITS.inFlightPerAddress);
    expect(statuses[200]).toBeUndefined();
    expect((statuses[401] ?? 0) + (statuses[429] ?? 0)).toBe(200);

    const right = await login(server, 'ZHOU', 'the-right-password');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(right.headers.get('set-cookie')).toBeNull();

    const colleague = await login(server, 'lin', 'lins-own-password');
    expect(colleague.status).toBe(200);
    expect(colleague.headers.get('set-cookie')).toMatch(/^bc_session=/);
  });

  it('the lock survives a restart of the server on the same data folder', async () => {
    await servers.pop()!.close();
    const again = await startTestServer({ dataDir: dir, defaultRoom: false });
    servers.push(again);
    const right = await login(again, 'zhou', 'the-right-password');
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect((await login(again, 'lin', 'lins-own-password')).status).toBe(200);
  });
});
