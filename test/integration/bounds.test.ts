/**
 * Bounds per client (issue 15, point 7): 3,000 sockets that never join are closed after the join
 * timeout (a short one here), raw Engine.IO ones included; an address past its connection cap is
 * closed at once; rooms are capped per facilitator and per server with a clear error; 600
 * re-joins leave the join ack the same size (it carries the participants online, not everyone who
 * ever joined), and a re-join with the ack's resume token keeps its participant.
 */
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { RunningServer } from '../../server/main.js';
import { connect, emitAck } from '../harness/peers.js';
import { createSession, facilitatorCookie, startTestServer } from '../harness/test-server.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});
const start = async (opts: Parameters<typeof startTestServer>[0]) => {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
};

/** A raw Engine.IO websocket; `hello` also connects it to the Socket.IO namespace (but never joins). */
function rawSocket(port: number, hello: boolean): Promise<{ closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    ws.once('error', reject);
    ws.once('message', () => {
      if (hello) ws.send('40');
      resolve({ closed });
    });
    ws.on('message', (m) => {
      if (String(m) === '2') ws.send('3');
    });
  });
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

describe('bounds', () => {
  it('3,000 sockets that never join are all closed after the join timeout', async () => {
    const server = await start({ connectionLimits: { joinTimeoutMs: 1500, maxConnectionsPerAddress: 5000 } });
    const open: Array<{ closed: Promise<void> }> = [];
    for (let batch = 0; batch < 6; batch++)
      open.push(...(await Promise.all(Array.from({ length: 500 }, (_, i) => rawSocket(server.port, i % 2 === 0)))));
    expect(open.length).toBe(3000);
    await Promise.all(open.map((o) => o.closed));
    expect(server.counters.idleClosed).toBeGreaterThanOrEqual(1500);
    expect(server.io.engine.clientsCount).toBe(0);
    console.log(
      `3,000 idle sockets: ${server.counters.idleClosed} closed by the join timeout, the rest by connectTimeout`,
    );
  }, 120_000);

  it('an address past its connection cap is closed at once; the ones under it still join', async () => {
    const server = await start({ connectionLimits: { maxConnectionsPerAddress: 20, exemptLoopback: false } });
    const open = await Promise.all(Array.from({ length: 20 }, () => rawSocket(server.port, true)));
    const over = await rawSocket(server.port, true).catch(() => null);
    if (over) await over.closed;
    expect(server.counters.overAddressCap).toBeGreaterThanOrEqual(1);
    expect(open.length).toBe(20);
  });

  it('rooms are capped per facilitator and per server, with an error that says which', async () => {
    const server = await start({ roomLimits: { maxRooms: 3, maxRoomsPerFacilitator: 2 }, defaultRoom: false });
    const a = await facilitatorCookie(server);
    const b = await facilitatorCookie(server, { username: 'zhao.second', password: 'another-long-password' });
    await createSession(server, 'anti-fraud-live', a);
    await createSession(server, 'anti-fraud-live', a);
    const post = (cookie: string) =>
      fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ scenarioId: 'anti-fraud-live' }),
      });
    const third = await post(a);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({
      error: 'LIMIT_REACHED',
      message: expect.stringMatching(/per facilitator \(2\)/),
    });
    expect((await post(b)).status).toBe(201);
    const serverFull = await post(b);
    expect(serverFull.status).toBe(429);
    expect(await serverFull.json()).toMatchObject({ message: expect.stringMatching(/its limit \(3\)/) });
  });

  it('600 re-joins leave the join ack the same size; a resume token keeps the participant', async () => {
    const server = await start({});
    const code = server.demo!.codes.observer;
    const join = async (resume?: string) => {
      const s = await connect(server.url);
      const ack = (await emitAck(s, 'join', [
        { protocolVersion: PROTOCOL_VERSION, code, name: '旁听', ...(resume ? { resume } : {}) },
      ])) as {
        ok: true;
        participantId: string;
        resumeToken: string;
        participants: { online: number; everJoined: number };
      };
      s.disconnect();
      await new Promise((r) => setTimeout(r, 5));
      return ack;
    };
    const first = await join();
    const firstSize = bytes(first);
    let last = first;
    for (let i = 0; i < 600; i++) last = await join();
    const lastSize = bytes(last);
    const full = bytes(server.rooms.get(server.demo!.sessionId)!.snapshot());
    console.log(
      `join ack after 600 re-joins: ${firstSize} B -> ${lastSize} B (the full state would be ${full} B), ever joined ${last.participants.everJoined}`,
    );
    expect(last.participants.everJoined).toBeGreaterThanOrEqual(601);
    expect(Math.abs(lastSize - firstSize)).toBeLessThan(200);

    let resumed = await join();
    const id = resumed.participantId;
    const everBefore = resumed.participants.everJoined;
    for (let i = 0; i < 20; i++) resumed = await join(resumed.resumeToken);
    expect(resumed.participantId).toBe(id);
    expect(resumed.participants.everJoined).toBe(everBefore);
  }, 120_000);
});
