/**
 * Figures for issue 15 (hardening), against a real server on this machine:
 *   - 200 concurrent wrong logins for one name: how many were verified, the most in flight;
 *   - a right join code after 30 wrong ones sent at once from the same address: how long it waited;
 *   - the join ack after 600 re-joins, against the full folded state it used to carry;
 *   - a 200 MiB gzip bomb import: /api/health latency while it is refused, and how long
 *     gunzipSync (the old path) would have held the event loop.
 * Run: npm run bench -- hardening. Writes bench/results/hardening.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PROTOCOL_VERSION } from '../core/protocol.js';
import { connect, emitAck } from '../test/harness/peers.js';
import { facilitatorCookie, startTestServer } from '../test/harness/test-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const server = await startTestServer();
const out: Record<string, unknown> = {};
try {
  // 1. The login race.
  const auth = server.access.auth;
  await auth.addFacilitator('zhou', 'the-right-password');
  const before = auth.verifications;
  const statuses: Record<number, number> = {};
  await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const r = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'zhou', password: `wrong-${i}` }),
      });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }),
  );
  out.login = { attempts: 200, verified: auth.verifications - before, peakInFlight: auth.limiter.peak, statuses };

  // 2. A right code after 30 wrong ones at once.
  const events = (code: string) =>
    fetch(`${server.url}/api/sessions/${server.demo!.sessionId}/events`, { headers: { 'X-Branchcast-Code': code } });
  await Promise.all(Array.from({ length: 30 }, (_, i) => events(`ZZZZ${10 + i}`)));
  const t0 = performance.now();
  let r = await events(server.demo!.codes.trainee);
  let refusals = 0;
  while (r.status === 429) {
    refusals++;
    await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after')) * 1000));
    r = await events(server.demo!.codes.trainee);
  }
  out.joinCode = { wrongFirst: 30, rightCodeStatus: r.status, refusals, waitedMs: Math.round(performance.now() - t0) };

  // 3. The join ack after 600 re-joins.
  const join = async () => {
    const s = await connect(server.url);
    const ack = await emitAck(s, 'join', [
      { protocolVersion: PROTOCOL_VERSION, code: server.demo!.codes.observer, name: '旁听' },
    ]);
    s.disconnect();
    return Buffer.byteLength(JSON.stringify(ack));
  };
  const first = await join();
  let last = first;
  for (let i = 0; i < 600; i++) last = await join();
  const full = Buffer.byteLength(JSON.stringify(server.rooms.get(server.demo!.sessionId)!.snapshot()));
  out.joinAck = { firstBytes: first, after600Bytes: last, fullStateBytes: full };

  // 4. The gzip bomb.
  const cookie = await facilitatorCookie(server);
  const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
  const s0 = performance.now();
  gunzipSync(bomb);
  const syncMs = Math.round(performance.now() - s0);
  const lat: number[] = [];
  let importing = true;
  const poll = (async () => {
    while (importing) {
      const a = performance.now();
      await (await fetch(`${server.url}/api/health`)).arrayBuffer();
      lat.push(performance.now() - a);
      await new Promise((res) => setTimeout(res, 2));
    }
  })();
  const imp = await fetch(`${server.url}/api/recordings`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/gzip' },
    body: bomb as unknown as BodyInit,
  });
  importing = false;
  await poll;
  lat.sort((a, b) => a - b);
  out.gzipBomb = {
    compressedBytes: bomb.length,
    status: imp.status,
    healthChecksDuring: lat.length,
    healthMaxMs: Number(lat.at(-1)!.toFixed(1)),
    healthP50Ms: Number(lat[Math.floor(lat.length / 2)]!.toFixed(1)),
    gunzipSyncWouldBlockMs: syncMs,
  };
} finally {
  await server.close();
}
console.table(Object.entries(out).map(([k, v]) => ({ what: k, ...(v as object) })));
console.log(JSON.stringify(out, null, 2));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'hardening.json'), JSON.stringify(out, null, 2) + '\n');
