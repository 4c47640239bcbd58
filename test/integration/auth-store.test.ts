import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthService, USER_LIMIT } from '../../server/auth/auth-service.js';
import { LoginLimiter } from '../../server/auth/login-limiter.js';
import { MemoryAuthStore } from '../../server/auth/memory-auth-store.js';
import { SqliteAuthStore } from '../../server/auth/sqlite-auth-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { authStoreContract } from '../harness/auth-store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'branchcast-auth-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

authStoreContract('memory', () => new MemoryAuthStore());
authStoreContract('sqlite', () => new SqliteAuthStore(join(dir, `contract-${n++}.db`)));

describe('accounts in the recordings database', () => {
  it('share the file with the recordings and survive a reopen, with the same bot token', async () => {
    const file = join(dir, 'branchcast.db');
    const recordings = new SqliteStore(file);
    const first = new AuthService({ store: new SqliteAuthStore(file) });
    expect(first.setupToken).not.toBeNull();
    await first.addFacilitator('wang', 'a-long-passphrase');
    const token = first.botToken;
    first.store.close();
    recordings.close();

    const again = new AuthService({ store: new SqliteAuthStore(file) });
    expect(again.setupRequired()).toBe(false);
    expect(again.setupToken).toBeNull();
    expect(again.botToken).toBe(token);
    const login = await again.login('WANG', 'a-long-passphrase', '127.0.0.1');
    expect(login.ok).toBe(true);
    if (login.ok) expect(again.facilitatorOf(login.sessionId)?.username).toBe('wang');
    again.store.close();
    // The recordings' tables are still there and usable.
    const reopened = new SqliteStore(file);
    expect(reopened.listSessions()).toEqual([]);
    reopened.close();
  });

  it('a web session expires after its lifetime', async () => {
    let now = 1_000;
    const auth = new AuthService({ store: new MemoryAuthStore(), now: () => now, sessionTtlMs: 60_000 });
    await auth.addFacilitator('li', 'a-long-passphrase');
    const r = await auth.login('li', 'a-long-passphrase', '10.0.0.1');
    if (!r.ok) throw new Error('login failed');
    expect(auth.facilitatorOf(r.sessionId)).toBeDefined();
    now += 60_000;
    expect(auth.facilitatorOf(r.sessionId)).toBeUndefined();
  });

  it('BRANCHCAST_BOT_TOKEN wins over a stored one', () => {
    const store = new MemoryAuthStore();
    store.setMeta('bot_token', 'stored');
    expect(new AuthService({ store, botToken: 'from-env' }).botToken).toBe('from-env');
    expect(new AuthService({ store }).botToken).toBe('stored');
  });

  it('20 failures from one address lock that address out across usernames', async () => {
    const auth = new AuthService({ store: new MemoryAuthStore() });
    for (let i = 0; i < 20; i++) expect((await auth.login(`user${i}`, 'wrong', '10.0.0.9')).ok).toBe(false);
    const next = await auth.login('someone-else', 'wrong', '10.0.0.9');
    expect(next).toMatchObject({ ok: false, error: 'RATE_LIMITED' });
    expect(await auth.login('someone-else', 'wrong', '10.0.0.10')).toMatchObject({ ok: false, error: 'BAD_LOGIN' });
  });

  it('a locked name opens again once its oldest failure leaves the 10-minute window', () => {
    let now = 0;
    const limiter = new LoginLimiter(() => now);
    for (let i = 0; i < 5; i++) {
      limiter.fail('u:zhou', USER_LIMIT);
      now += 60_000;
    }
    // Failures at 0, 1, …, 4 min; now 5 min: locked until the first is 10 min old.
    expect(limiter.retryAfter('u:zhou', USER_LIMIT)).toBe(300);
    now = 10 * 60_000;
    expect(limiter.retryAfter('u:zhou', USER_LIMIT)).toBe(0);
    limiter.fail('u:zhou', USER_LIMIT);
    expect(limiter.retryAfter('u:zhou', USER_LIMIT)).toBe(60);
  });
});
