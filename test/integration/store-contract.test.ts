import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { storeContract } from '../harness/store-contract.js';
import { draft, stamp } from '../../core/events.js';

const dir = mkdtempSync(join(tmpdir(), 'branchcast-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('memory', () => new MemoryStore());
storeContract('sqlite', () => new SqliteStore(join(dir, `contract-${n++}.db`)));

describe('SqliteStore on disk', () => {
  it('SC2: a second process-like open of the same file sees every appended event', () => {
    const file = join(dir, 'reopen.db');
    const a = new SqliteStore(file);
    a.createSession({
      sessionId: 's',
      scenarioId: 'x',
      seed: 1,
      codes: { trainee: 'T1T1T1', facilitator: 'F1F1F1', observer: 'O1O1O1', bot: 'B1B1B1' },
      createdAt: 5,
      status: 'live',
      demo: true,
    });
    a.append('s', [stamp(draft.chatMessage('一', 'chat', null), 1, 1, { id: 'p', role: 'bot', name: 'b' })]);
    a.close();
    const b = new SqliteStore(file);
    expect(b.lastSeq('s')).toBe(1);
    expect(b.getSession('s')?.demo).toBe(true);
    expect(b.readEvents('s')[0]).toMatchObject({ type: 'chat.message', text: '一' });
    b.close();
  });
});
