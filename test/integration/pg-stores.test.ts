/**
 * The PostgreSQL stores against the same contracts as SQLite and memory (SC11 and the auth
 * contract), plus what only a shared database has: migrations under a lock, restart resume.
 */
import { describe, expect, it } from 'vitest';
import { draft, stamp } from '../../core/events.js';
import { PgAuthStore } from '../../server/store/pg-auth-store.js';
import { MIGRATIONS, migrate, schemaVersion, SCHEMA_VERSION } from '../../server/store/pg-migrations.js';
import { PgStore } from '../../server/store/pg-store.js';
import { Leases } from '../../server/cluster/leases.js';
import { PgSync } from '../../server/store/pg-sync.js';
import { authStoreContract } from '../harness/auth-store-contract.js';
import { enginesRun, usePostgres } from '../harness/pg-fixture.js';
import { storeContract } from '../harness/store-contract.js';

describe.runIf(enginesRun())('PostgreSQL stores', () => {
  const pg = usePostgres();

  storeContract('postgres', () => new PgStore(pg.fresh(), false));
  authStoreContract('postgres', () => new PgAuthStore(pg.fresh()));

  it('migrates once, under the lock, however many nodes start together', () => {
    const url = pg.url();
    const nodes = [new PgSync(url), new PgSync(url), new PgSync(url)];
    const applied = nodes.map((db) => migrate(db));
    expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(nodes.map((db) => schemaVersion(db))).toEqual([SCHEMA_VERSION, SCHEMA_VERSION, SCHEMA_VERSION]);
    for (const db of nodes) db.close();
  });

  it('SC2: a second node (a new connection) sees every appended event, chain head included', () => {
    const url = pg.url();
    const a = new PgStore(new PgSync(url));
    migrate(a.db);
    a.createSession({
      sessionId: 's',
      scenarioId: 'x',
      seed: 1,
      codes: { trainee: 'T1T1T1', facilitator: 'F1F1F1', observer: 'O1O1O1', bot: 'B1B1B1' },
      createdAt: 5,
      status: 'live',
      demo: true,
    });
    const actor = { id: 'p', role: 'bot' as const, name: 'b' };
    a.append('s', [stamp(draft.chatMessage('一', 'chat', null), 1, 1, actor)]);
    a.close();
    const b = new PgStore(new PgSync(url));
    expect(b.lastSeq('s')).toBe(1);
    expect(b.getSession('s')?.demo).toBe(true);
    b.append('s', [stamp(draft.chatMessage('二', 'chat', null), 2, 2, actor)]);
    const links = b.readHashes('s');
    expect(links[1]!.prev).toBe(links[0]!.hash);
    expect(b.readEvents('s').map((e) => e.seq)).toEqual([1, 2]);
    b.close();
  });
});

describe.runIf(enginesRun())('room leases and fenced appends', () => {
  const pg = usePostgres();
  const rec = {
    sessionId: 'r',
    scenarioId: 'x',
    seed: 1,
    codes: { trainee: 'T2T2T2', facilitator: 'F2F2F2', observer: 'O2O2O2', bot: 'B2B2B2' },
    createdAt: 5,
    status: 'live' as const,
    demo: false,
  };
  const actor = { id: 'p', role: 'bot' as const, name: 'b' };
  const chat = (seq: number) => stamp(draft.chatMessage(`m${seq}`, 'chat', null), seq, seq, actor);

  it("a stale owner's append changes nothing once another node took the room", async () => {
    const url = pg.url();
    const a = new PgStore(new PgSync(url));
    migrate(a.db);
    const b = new PgStore(new PgSync(url));
    const timing = { ttlMs: 300, renewMs: 100 };
    const la = new Leases(a.db, 'A', timing);
    const lb = new Leases(b.db, 'B', timing);
    a.createSession(rec);
    const fa = la.acquire('r')!;
    expect(lb.acquire('r')).toBeNull(); // held: B cannot take it
    a.append('r', [chat(1)], fa);
    await new Promise((r) => setTimeout(r, 400)); // A stops renewing (paused)
    const fb = lb.acquire('r')!;
    expect(fb.epoch).toBe(fa.epoch + 1);
    expect(() => a.append('r', [chat(2)], fa)).toThrow(/stale/);
    expect(la.renew(new Map([['r', fa]]))).toEqual(['r']); // A learns it lost the room
    b.append('r', [chat(2)], fb);
    expect(b.readEvents('r').map((e) => (e as { text?: string }).text)).toEqual(['m1', 'm2']);
    expect(lb.ownerOf('r')?.owner).toBe('B');
    a.close();
    b.close();
  });
});
