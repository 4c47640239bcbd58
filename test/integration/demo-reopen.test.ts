/**
 * Issue 12 point 9: the demo room is never single-use. When its stream ends a fresh demo room
 * opens, so `/api/demo` (and the lobby's prefilled code) always has one to join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.js';
import { joinPeer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface DemoAnswer {
  sessionId: string;
  codes: { trainee: string };
}

async function demo(): Promise<{ status: number; body: DemoAnswer }> {
  const res = await fetch(`${server.url}/api/demo`);
  return { status: res.status, body: (await res.json()) as DemoAnswer };
}

describe('demo room reopens', () => {
  it('after the demo stream ends, /api/demo gives a new room a trainee can join and start', async () => {
    const first = await demo();
    expect(first.status).toBe(200);
    const host = await joinPeer(server.url, first.body.codes.trainee, '体验者', 'trainee');
    await host.send('session.start', {});
    expect((await host.send('session.end', {})).ok).toBe(true);
    host.close();
    await server.demoKeeper!.settled();

    const second = await demo();
    expect(second.status).toBe(200);
    expect(second.body.sessionId).not.toBe(first.body.sessionId);
    expect(second.body.codes.trainee).not.toBe(first.body.codes.trainee);
    // The old room's code no longer opens a room; the new one does, and its stream starts.
    const next = await joinPeer(server.url, second.body.codes.trainee, '下一位', 'trainee');
    expect((await next.send('session.start', {})).ok).toBe(true);
    next.close();
    expect(server.demoKeeper!.reopened).toBe(1);
  });
});
