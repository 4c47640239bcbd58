/**
 * Origins with their port (issue 15, point 2): a page served from another port of the same host
 * (here a second server, the "foreign page") can neither create a session with a no-cors
 * text/plain POST nor with JSON, nor open a Socket.IO connection and join a room as facilitator
 * on the cookie. The server's own origin and an --allowed-origin still work; JSON routes take
 * only application/json.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import type { RunningServer } from '../../server/main.js';
import { emitAck, type PeerSocket } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

let server: RunningServer;
let foreign: Server;
let foreignOrigin: string;
let cookie: string;

beforeAll(async () => {
  // The attacker's page: another port on the same host.
  foreign = createServer((_, res) => res.end('<script>/* the attack page */</script>'));
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  server = await startTestServer({ auth: { allowedOrigins: ['http://localhost:5173'] } });
  cookie = await facilitatorCookie(server);
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => foreign?.close(r));
});

const own = () => `http://127.0.0.1:${server.port}`;
const create = (origin: string | null, contentType: string) =>
  fetch(`${own()}/api/sessions`, {
    method: 'POST',
    headers: { cookie, 'content-type': contentType, ...(origin ? { origin } : {}) },
    body: JSON.stringify({ scenarioId: 'anti-fraud-live' }),
  });

function socketFrom(origin: string): Promise<{ socket: PeerSocket | null; error: string | null }> {
  const socket: PeerSocket = io(own(), {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie, origin },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (err) => {
      socket.close();
      resolve({ socket: null, error: err.message });
    });
  });
}

describe('origins with their port', () => {
  it('a no-cors text/plain POST from another port is refused and creates nothing', async () => {
    const before = server.store.listSessions().length;
    const plain = await create(foreignOrigin, 'text/plain;charset=UTF-8');
    expect(plain.status).toBe(403);
    expect(await plain.json()).toMatchObject({ error: 'BAD_ORIGIN' });
    const asJson = await create(foreignOrigin, 'application/json');
    expect(asJson.status).toBe(403);
    // Same host name, other port: still another origin.
    const otherPort = await create(`http://127.0.0.1:${server.port + 1}`, 'application/json');
    expect(otherPort.status).toBe(403);
    expect(server.store.listSessions().length).toBe(before);
  });

  it('the own origin and an --allowed-origin may write; a JSON route refuses text/plain even from them', async () => {
    expect((await create(own(), 'application/json')).status).toBe(201);
    expect((await create('http://localhost:5173', 'application/json')).status).toBe(201);
    // No Origin at all: a script or CLI, not a browser page.
    expect((await create(null, 'application/json')).status).toBe(201);
    const plain = await create(own(), 'text/plain');
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });
    const form = await create(null, 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
  });

  it('a socket from another port is refused at the handshake, so it cannot join by cookie', async () => {
    const sessionId = server.demo!.sessionId;
    const bad = await socketFrom(foreignOrigin);
    expect(bad.socket).toBeNull();
    expect(bad.error).toBeTruthy();
    const good = await socketFrom(own());
    expect(good.error).toBeNull();
    const ack = await emitAck(good.socket!, 'join', [
      { protocolVersion: PROTOCOL_VERSION, sessionId, role: 'facilitator', name: '林老师' },
    ]);
    expect(ack).toMatchObject({ ok: true, role: 'facilitator' });
    good.socket!.disconnect();
  });

  it('a recording import takes only recording types, never text/plain', async () => {
    const res = await fetch(`${own()}/api/recordings`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(res.status).toBe(415);
  });
});
