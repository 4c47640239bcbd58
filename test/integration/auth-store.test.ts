import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../server/auth/auth-service.js';
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

  it('failures lock the name, not the address: another name from the same address still gets verified', async () => {
    const auth = new AuthService({ store: new MemoryAuthStore() });
    for (let i = 0; i < 5; i++)
      expect(await auth.login('zhou', 'wrong', '10.0.0.9')).toMatchObject({ error: 'BAD_LOGIN' });
    expect(await auth.login('zhou', 'wrong', '10.0.0.9')).toMatchObject({
      ok: false,
      error: 'RATE_LIMITED',
      reason: 'name',
    });
    expect(await auth.login('zhou', 'wrong', '10.0.0.10')).toMatchObject({ ok: false, error: 'RATE_LIMITED' });
    expect(await auth.login('someone-else', 'wrong', '10.0.0.9')).toMatchObject({ ok: false, error: 'BAD_LOGIN' });
  });
});
