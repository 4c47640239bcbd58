/**
 * The browser client's net layer, run in Node against the real server: join, fold `events` with
 * the core reducer, detect a gap (a batch lost on purpose) and fill it with `sync`. No browser
 * needed; it sits with the e2e tests because it exercises client/ code.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { SessionEvent } from '../../core/events.js';
import { fold } from '../../core/session.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { SessionClient } from '../../client/src/net/session-client.js';
import { initialSessionStore, type SessionStore as Store } from '../../client/src/stores/session-store.js';

let server: RunningServer;
let peer: Peer;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: { bots: 0 }, log: () => {} });
  peer = await joinPeer(server.url, server.demo!.codes.bot, 'peer');
});

afterAll(async () => {
  peer?.close();
  await server?.close();
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SessionClient (client/src/net)', () => {
  it('refuses a bad code with the server message and leaves nothing connected', async () => {
    const store: Store = createStore(initialSessionStore);
    const client = new SessionClient(store, server.url);
    const ack = await client.join({ code: 'ZZZZ99', role: 'observer', name: 'x' });
    expect(ack.ok).toBe(false);
    expect(ack.ok ? '' : ack.code).toBe('BAD_CODE');
    expect(store.getState().connection).toBe('idle');
  });

  it('folds events like the server and fills a dropped batch with sync', async () => {
    const store: Store = createStore(initialSessionStore);
    const client = new SessionClient(store, server.url);
    const ack = await client.join({ code: server.demo!.codes.observer, role: 'observer', name: '观察员' });
    expect(ack.ok).toBe(true);
    expect(store.getState().role).toBe('observer');

    // Lose the next batch that carries a chat message, as a flaky transport might.
    const socket = (client as unknown as { socket: Socket }).socket;
    const onEvents = socket.listeners('events')[0] as (batch: SessionEvent[]) => void;
    socket.off('events');
    let dropped = 0;
    socket.on('events', (batch: SessionEvent[]) => {
      if (dropped === 0 && batch.some((e) => e.type === 'chat.message')) {
        dropped = batch.length;
        return;
      }
      onEvents(batch);
    });

    const texts = ['一', '二', '三', '四'];
    let lastSeq = 0;
    for (const text of texts) {
      const r = await peer.send('chat.send', { text, kind: 'chat' });
      expect(r.ok).toBe(true);
      lastSeq = (r as unknown as { seq: number }).seq;
      await new Promise((res) => setTimeout(res, 30)); // separate batches
    }
    await until(() => store.getState().state.lastSeq >= lastSeq, 'client catches up');
    expect(dropped).toBeGreaterThan(0);
    const chat = store.getState().state.chat.map((c) => c.text);
    expect(chat.slice(-texts.length)).toEqual(texts);

    // Same state as folding the server's whole log.
    const all = await peer.send('sync', { sinceSeq: 0 });
    const log = (all as unknown as { events: SessionEvent[] }).events.filter((e) => e.seq <= lastSeq);
    expect(store.getState().state).toEqual(fold(log));
    client.leave();
    expect(store.getState().connection).toBe('idle');
  });
});
