/**
 * Join-code guessing (issue 15, point 3): wrong codes from one address slow that address down
 * instead of locking it out. After 30 wrong codes sent at once, on REST or socket joins, a right
 * code from the same address is refused at most once, with a Retry-After of a few seconds, and
 * gets in after that wait. With --trust-proxy the address is the proxy's X-Forwarded-For entry;
 * without it, that header changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import { CODE_GATE_LIMITS } from '../../server/auth/code-gate.js';
import type { RunningServer } from '../../server/main.js';
import { connect, emitAck } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

const FEW_SECONDS = Math.ceil((CODE_GATE_LIMITS.maxQueue + 1) / CODE_GATE_LIMITS.perSecond);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const events = (s: RunningServer, code: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/sessions/${s.demo!.sessionId}/events`, { headers: { 'X-Branchcast-Code': code, ...headers } });

describe('join-code guessing', () => {
  it('30 wrong codes at once on REST: the right code waits a few seconds at most, never 10 minutes', async () => {
    const right = server.demo!.codes.trainee;
    const wrong = await Promise.all(Array.from({ length: 30 }, (_, i) => events(server, `ZZZZ${10 + i}`)));
    const statuses = wrong.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const waits = wrong.filter((r) => r.status === 429).map((r) => Number(r.headers.get('retry-after')));
    for (const w of waits) expect(w).toBeGreaterThan(0);
    for (const w of waits) expect(w).toBeLessThanOrEqual(FEW_SECONDS);

    let ok = await events(server, right);
    let refusals = 0;
    while (ok.status === 429 && refusals < 2) {
      refusals++;
      const retry = Number(ok.headers.get('retry-after'));
      expect(retry).toBeLessThanOrEqual(FEW_SECONDS);
      await sleep(retry * 1000);
      ok = await events(server, right);
    }
    expect(ok.status).toBe(200);
    expect(refusals).toBeLessThanOrEqual(1);
    // A facilitator's cookie never queues behind someone else's guessing.
    const cookie = await facilitatorCookie(server);
    expect((await events(server, 'WRONG1', { cookie })).status).toBe(200);
  });

  it('30 wrong codes on socket joins: a right code joins after at most one short wait', async () => {
    const right = server.demo!.codes.trainee;
    // One connection per guess: a connection waiting at the gate answers a second join ALREADY_JOINED.
    const sockets = await Promise.all(Array.from({ length: 30 }, () => connect(server.url)));
    const acks = await Promise.all(
      sockets.map((s, i) =>
        emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: `YYYY${10 + i}`, name: 'x' }]),
      ),
    );
    for (const a of acks) expect(['BAD_CODE', 'RATE_LIMITED']).toContain((a as { code: string }).code);
    const s = await connect(server.url);
    let ack = await emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: right, name: '学员' }]);
    if (!ack.ok) {
      expect(ack).toMatchObject({ code: 'RATE_LIMITED' });
      const sec = Number(/(\d+) s/.exec(ack.message)?.[1]);
      expect(sec).toBeLessThanOrEqual(FEW_SECONDS);
      await sleep(sec * 1000);
      ack = await emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: right, name: '学员' }]);
    }
    expect(ack).toMatchObject({ ok: true, role: 'trainee' });
    for (const x of [...sockets, s]) x.disconnect();
  });

  it('300 right codes joining at once from one address (a classroom, the demo bots) all get in', async () => {
    const sockets = await Promise.all(Array.from({ length: 300 }, () => connect(server.url)));
    const acks = await Promise.all(
      sockets.map((s) =>
        emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: server.demo!.codes.bot, name: '观众' }]),
      ),
    );
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toEqual([]);
    for (const s of sockets) s.disconnect();
  }, 60_000);

  it('--trust-proxy counts each X-Forwarded-For client apart; without it the header is ignored', async () => {
    const flood = (s: RunningServer, from: string) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) => events(s, `QQQQ${10 + i}`, { 'X-Forwarded-For': `10.9.9.9, ${from}` })),
      );
    const proxied = await startTestServer({ auth: { trustProxy: true } });
    try {
      const a = await flood(proxied, '203.0.113.5');
      expect(a.some((r) => r.status === 429)).toBe(true);
      // Another client behind the same proxy is not held up by the first one's guessing.
      const b = await events(proxied, proxied.demo!.codes.trainee, { 'X-Forwarded-For': '203.0.113.6' });
      expect(b.status).toBe(200);
    } finally {
      await proxied.close();
    }
    const direct = await startTestServer();
    try {
      await flood(direct, '203.0.113.5');
      const b = await events(direct, direct.demo!.codes.trainee, { 'X-Forwarded-For': '203.0.113.6' });
      // Without --trust-proxy everything came from 127.0.0.1: the same, queued address.
      expect([200, 429]).toContain(b.status);
      expect(direct.access.guard.codeGate.counts.refused).toBeGreaterThan(0);
    } finally {
      await direct.close();
    }
  });
});
