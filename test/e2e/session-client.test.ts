/**
 * The browser client's net layer, run in Node against the real server: a refused join leaves
 * nothing open. Folding, gaps, sync and reconnects are covered by the seeded convergence fuzz
 * (test/integration/sync-fuzz.test.ts) over in-memory links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { RunningServer } from '../../server/main.js';
import { startTestServer } from '../harness/test-server.js';
import { SessionClient } from '../../client/src/net/session-client.js';
import { initialSessionStore, type SessionStore as Store } from '../../client/src/stores/session-store.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('SessionClient (client/src/net)', () => {
  it('refuses a bad code with the server message and leaves nothing connected', async () => {
    const store: Store = createStore(initialSessionStore);
    const client = new SessionClient(store, server.url);
    const ack = await client.join({ code: 'ZZZZ99', role: 'observer', name: 'x' });
    expect(ack.ok).toBe(false);
    expect(ack.ok ? '' : ack.code).toBe('BAD_CODE');
    expect(store.getState().connection).toBe('idle');
  });
});
