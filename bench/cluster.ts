/**
 * Cluster load (docs/SCALING.md): the same audience on one node and on two nodes sharing one
 * PostgreSQL and one Redis, in one run, then the takeover time after `kill -9` of a node. Each
 * room's bots connect to the room's owner and send chat every 2–6 s; each room's observer sits
 * on the other node (one node: the same), so every delivery it counts crossed the adapter.
 * Reports per setup: rooms, bots, observer p50/p99 (send → observer), deliveries/s (frames' events
 * to every observer, host and bot; bots only get what their view needs), acked/s,
 * append p99 (from /metrics), server CPU (cores, all nodes), lost acked events (checked against
 * the recording). Run: npm run bench -- cluster [--rooms N] [--bots PER_ROOM] [--seconds S]
 * (`--rooms 20 --bots 500` is a workshop's shape).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { SessionEvent } from '../core/events.js';
import { PROTOCOL_VERSION } from '../core/protocol.js';
import { startNode, type NodeProc } from '../test/harness/cluster-nodes.js';
import { startPostgres, startRedis } from '../test/harness/engines.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROOMS = arg('rooms', 4);
const BOTS = arg('bots', 100);
const SECONDS = arg('seconds', 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

function join1(url: string, code: string, name: string): Promise<Socket> {
  return new Promise((res, rej) => {
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    s.on('connect', () =>
      s.emit('join', { protocolVersion: PROTOCOL_VERSION, code, name }, (a: { ok: boolean; message?: string }) =>
        a.ok ? res(s) : rej(new Error(a.message)),
      ),
    );
    s.on('connect_error', rej);
  });
}

async function facilitatorCookie(n: NodeProc): Promise<string> {
  const token = (await n.waitOutput(/setup#token=(\S+)/))[1]!;
  const r = await fetch(`${n.url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: n.url },
    body: JSON.stringify({ token, username: 'bench', password: 'bench-password-123' }),
  });
  if (!r.ok) throw new Error(`setup: ${r.status} ${await r.text()}`);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

async function openRoom(n: NodeProc, cookie: string) {
  const r = await fetch(`${n.url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: n.url, cookie },
    body: JSON.stringify({ scenarioId: 'new-energy-fund-live' }),
  });
  if (!r.ok) throw new Error(`create: ${r.status} ${await r.text()}`);
  return (await r.json()) as { sessionId: string; codes: Record<string, string> };
}

async function run(label: string, nodes: NodeProc[], cookie: string, dbUrl: string) {
  const rooms = [];
  for (let i = 0; i < ROOMS; i++)
    rooms.push({ owner: nodes[i % nodes.length]!, ...(await openRoom(nodes[i % nodes.length]!, cookie)) });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const seen = new Set<string>();
  let delivered = 0;
  const sockets: Socket[] = [];
  const acked: Array<{ sessionId: string; seq: number }> = [];
  let failed = 0;
  for (const [ri, room] of rooms.entries()) {
    const watchNode = nodes[(ri + 1) % nodes.length]!;
    const obs = await join1(watchNode.url, room.codes.observer!, `obs${ri}`);
    obs.on('events', (batch: SessionEvent[]) => {
      const now = performance.now();
      delivered += batch.length;
      for (const e of batch) {
        seen.add(`${room.sessionId}:${e.seq}`);
        if (e.type !== 'chat.message') continue;
        const t0 = sentAt.get(e.text);
        if (t0 !== undefined) latencies.push(now - t0);
      }
    });
    const host = await join1(room.owner.url, room.codes.trainee!, `host${ri}`);
    await new Promise((r) => host.emit('session.start', {}, r));
    host.on('events', (batch: SessionEvent[]) => (delivered += batch.length));
    sockets.push(obs, host);
    for (let i = 0; i < BOTS; i += 50) {
      const chunk = await Promise.all(
        Array.from({ length: Math.min(50, BOTS - i) }, (_, k) => join1(room.owner.url, room.codes.bot!, `b${i + k}`)),
      );
      for (const b of chunk) b.on('events', (batch: SessionEvent[]) => (delivered += batch.length));
      sockets.push(...chunk.map((b) => Object.assign(b, { room: room.sessionId })));
    }
  }
  console.log(`${label}: ${ROOMS} rooms × ${BOTS} bots joined; running ${SECONDS} s`);
  delivered = 0;
  const cpu0 = nodes.map((n) => cpuSeconds(n.proc.pid!));
  const t0 = performance.now();
  const timers: NodeJS.Timeout[] = [];
  let n = 0;
  for (const s of sockets) {
    const room = (s as Socket & { room?: string }).room;
    if (!room) continue;
    const tick = () => {
      const text = `${++n} 主播好，请问定投怎么开始？`;
      sentAt.set(text, performance.now());
      s.emit('chat.send', { text }, (a: { ok: boolean; seq?: number }) =>
        a.ok ? acked.push({ sessionId: room, seq: a.seq! }) : failed++,
      );
      timers.push(setTimeout(tick, 2000 + Math.random() * 4000));
    };
    timers.push(setTimeout(tick, Math.random() * 4000));
  }
  await sleep(SECONDS * 1000);
  for (const t of timers) clearTimeout(t);
  await sleep(1500);
  const wall = (performance.now() - t0) / 1000;
  const cpu = nodes.reduce((sum, nd, i) => sum + (cpuSeconds(nd.proc.pid!) - cpu0[i]!), 0) / wall;
  const appendP99 = Math.max(
    ...(await Promise.all(
      nodes.map(async (nd) => {
        const text = await (await fetch(`${nd.url}/metrics`)).text();
        const m = /branchcast_append_seconds\{[^}]*quantile="0.99"\} (\S+)/.exec(text);
        return m ? Number(m[1]) * 1000 : NaN;
      }),
    )),
  );
  for (const s of sockets) s.disconnect();
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const stored = new Set(
    (await c.query<{ k: string }>(`SELECT session_id || ':' || seq AS k FROM events`)).rows.map((r) => r.k),
  );
  await c.end();
  const lost = acked.filter((a) => !stored.has(`${a.sessionId}:${a.seq}`) || !seen.has(`${a.sessionId}:${a.seq}`));
  return {
    nodes: nodes.length,
    rooms: ROOMS,
    bots: ROOMS * BOTS,
    seconds: SECONDS,
    observerP50Ms: Number(pct(latencies, 50).toFixed(1)),
    observerP99Ms: Number(pct(latencies, 99).toFixed(1)),
    deliveriesPerSecond: Math.round(delivered / wall),
    ackedPerSecond: Math.round(acked.length / wall),
    failedAcks: failed,
    appendP99Ms: Number(appendP99.toFixed(2)),
    serverCpuCores: Number(cpu.toFixed(2)),
    lostEvents: lost.length,
  };
}

const [pgc, redis] = await Promise.all([startPostgres(), startRedis()]);
const results: Record<string, unknown> = {};
try {
  const env = { BRANCHCAST_LEASE_TTL_MS: '3000', BRANCHCAST_LEASE_RENEW_MS: '500' };
  const mk = async (db: string, id: string) =>
    startNode({ id, databaseUrl: db, redisUrl: redis.url, args: ['--no-demo'], env });
  const db1 = pgc.createDatabase('one');
  const a1 = await mk(db1, 'one-A');
  results.oneNode = await run('one node', [a1], await facilitatorCookie(a1), db1);
  a1.kill('SIGTERM');
  await a1.exited();
  const db2 = pgc.createDatabase('two');
  const a = await mk(db2, 'two-A');
  const cookie = await facilitatorCookie(a);
  const b = await mk(db2, 'two-B');
  results.twoNodes = await run('two nodes', [a, b], cookie, db2);
  // Takeover: kill -9 B; time until A serves every room B owned.
  const killedAt = performance.now();
  b.kill('SIGKILL');
  const before = await a.metric('branchcast_takeovers_total');
  const want = Math.floor(ROOMS / 2);
  while ((await a.metric('branchcast_takeovers_total')) - before < want && performance.now() - killedAt < 30_000)
    await sleep(50);
  results.takeoverMsAfterKill = Math.round(performance.now() - killedAt);
  results.leaseTtlMs = 3000;
  a.kill('SIGTERM');
  await a.exited();
} finally {
  await redis.stop();
  await pgc.stop();
}
const one = results.oneNode as { deliveriesPerSecond: number };
const two = results.twoNodes as { deliveriesPerSecond: number };
results.throughputRatio = Number((two.deliveriesPerSecond / one.deliveriesPerSecond).toFixed(2));
console.table({ oneNode: results.oneNode, twoNodes: results.twoNodes });
console.log(
  `takeover after kill -9: ${String(results.takeoverMsAfterKill)} ms; two/one throughput ${results.throughputRatio}`,
);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'cluster.json'), JSON.stringify(results, null, 2) + '\n');
process.exit(0);
