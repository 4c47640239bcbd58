/**
 * Audience load: one Branchcast server process (SQLite store), N bots in one room sending chat at
 * realistic rates (one message per bot every 20–60 s, ×10 during an incident burst), a host line
 * every 5 s, an observer that sees everything. Reports deliveries/s, send → observer latency,
 * lost and reordered events (checked against the recording on disk), server RSS and CPU, acked
 * events/s — and, in the same run, a bare `ws` broadcast of the same send schedule as the floor.
 * Loopback only; bounded in time. Run: npm run bench -- audience [--bots N] [--seconds S]
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import type { SessionEvent } from '../core/events.js';
import { PROTOCOL_VERSION } from '../core/protocol.js';
import { Rng } from '../core/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const BOTS = arg('bots', 2000);
const SECONDS = arg('seconds', 40);
const BURST_FROM = SECONDS * 0.4;
const BURST_TO = SECONDS * 0.6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function start(cmd: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, cmd, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((res, rej) => {
    const on = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) res({ child, match: m });
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.once('exit', (c) => rej(new Error(`exited ${c}: ${out}`)));
  });
}

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime in clock ticks (100/s)
}
function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Each bot's send times: every 20–60 s, ten times as often during the burst. */
function schedule(i: number): number[] {
  const rng = new Rng(1000 + i);
  const times: number[] = [];
  let t = rng.next() * 20;
  while (t < SECONDS) {
    times.push(t);
    const gap = 20 + rng.next() * 40;
    t += t >= BURST_FROM && t < BURST_TO ? gap / 10 : gap;
  }
  return times;
}

async function branchcast() {
  const data = mkdtempSync(join(tmpdir(), 'branchcast-bench-'));
  const { child, match } = await start(
    ['bin/branchcast.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data', data, '--bots', '0', '--dev'],
    /serving on (\S+)[\s\S]*\((\S+)\)\n(?:.*\n)*?\s+trainee code (\w+)\s+facilitator (\w+)\s+observer (\w+)\s+bot (\w+)/,
  );
  const [, url0, sessionId, trainee, facilitator, observerCode, botCode] = match;
  const url = url0!.replace('localhost', '127.0.0.1');
  const pid = child.pid!;
  const join1 = (code: string, name: string) =>
    new Promise<ReturnType<typeof io>>((res, rej) => {
      const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      s.on('connect', () =>
        s.emit('join', { protocolVersion: PROTOCOL_VERSION, code, name }, (a: { ok: boolean; message?: string }) =>
          a.ok ? res(s) : rej(new Error(a.message)),
        ),
      );
      s.on('connect_error', rej);
    });

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let lastSeq = 0;
  let reordered = 0;
  const seen = new Set<number>();
  const observer = await join1(observerCode!, 'bench observer');
  observer.on('events', (batch: SessionEvent[]) => {
    const now = performance.now();
    delivered += batch.length;
    for (const e of batch) {
      if (e.seq <= lastSeq) reordered++;
      lastSeq = Math.max(lastSeq, e.seq);
      seen.add(e.seq);
      if (e.type === 'chat.message') {
        const t0 = sentAt.get(e.text);
        if (t0 !== undefined) latencies.push(now - t0);
      }
    }
  });
  const host = await join1(trainee!, 'bench host');
  host.on('events', (b: SessionEvent[]) => (delivered += b.length));
  const fac = await join1(facilitator!, 'bench facilitator');
  fac.on('events', (b: SessionEvent[]) => (delivered += b.length));
  await new Promise((r) => host.emit('session.start', {}, r));

  const t0 = performance.now();
  const bots: ReturnType<typeof io>[] = [];
  for (let i = 0; i < BOTS; i += 100) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(100, BOTS - i) }, (_, k) => join1(botCode!, `b${i + k}`)),
    );
    for (const b of chunk) {
      b.on('events', (batch: SessionEvent[]) => (delivered += batch.length));
      bots.push(b);
    }
  }
  const connectS = (performance.now() - t0) / 1000;
  console.log(`branchcast: ${BOTS} bots joined in ${connectS.toFixed(1)} s; running ${SECONDS} s`);

  delivered = 0;
  let acked = 0;
  let failed = 0;
  const ackedSeqs: number[] = [];
  const cpu0 = cpuSeconds(pid);
  const start0 = performance.now();
  const timers: ReturnType<typeof setTimeout>[] = [];
  bots.forEach((b, i) => {
    schedule(i).forEach((at, n) => {
      timers.push(
        setTimeout(() => {
          const text = `b${i}-${n} 主播好，请问定投怎么开始？`;
          sentAt.set(text, performance.now());
          b.emit('chat.send', { text }, (a: { ok: boolean; seq?: number }) => {
            if (a.ok) {
              acked++;
              ackedSeqs.push(a.seq!);
            } else failed++;
          });
        }, at * 1000),
      );
    });
  });
  let line = 0;
  const hostTimer = setInterval(
    () => host.emit('host.say', { text: `第${++line}句：投资有风险，入市需谨慎。`, lineIndex: null }),
    5000,
  );
  timers.push(setTimeout(() => fac.emit('incident.fire', { incidentId: 'lure-flood-qa' }), BURST_FROM * 1000));
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMB(pid))), 1000);
  await sleep(SECONDS * 1000 + 2000);
  clearInterval(hostTimer);
  clearInterval(rssTimer);
  const wall = (performance.now() - start0) / 1000;
  const cpu = (cpuSeconds(pid) - cpu0) / wall;
  const rss = Math.max(peakRss, rssMB(pid));
  for (const t of timers) clearTimeout(t);
  for (const b of [...bots, observer, host, fac]) b.disconnect();
  await sleep(500);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  // The recording on disk must hold every acked event, in order, with no gap.
  const db = new Database(join(data, 'branchcast.db'), { readonly: true });
  const stored = db
    .prepare('SELECT seq FROM events WHERE session_id = ? ORDER BY seq')
    .pluck()
    .all(sessionId) as number[];
  db.close();
  rmSync(data, { recursive: true, force: true });
  const storedSet = new Set(stored);
  const lostInRecording = ackedSeqs.filter((s) => !storedSet.has(s)).length;
  const lostAtObserver = ackedSeqs.filter((s) => !seen.has(s)).length;
  const gaps = stored.reduce((n, s, i) => n + (s !== i + 1 ? 1 : 0), 0);
  return {
    bots: BOTS,
    seconds: SECONDS,
    connectSeconds: Number(connectS.toFixed(1)),
    deliveredPerSecond: Math.round(delivered / wall),
    ackedPerSecond: Math.round(acked / wall),
    failedAcks: failed,
    p50LatencyMs: Number(pct(latencies, 50).toFixed(1)),
    p99LatencyMs: Number(pct(latencies, 99).toFixed(1)),
    lostEvents: lostInRecording + lostAtObserver,
    reorderedEvents: reordered + gaps,
    rssMB: Math.round(rss),
    serverCpuCores: Number(cpu.toFixed(2)),
  };
}

/** The same send schedule through a bare ws server: `to` picks Branchcast's fan-out or the naive one. */
async function wsBaseline(to: 'people' | 'all') {
  const { child, match } = await start(['--import', 'tsx', join(here, 'ws-baseline-server.ts')], /PORT (\d+)/);
  const url = `ws://127.0.0.1:${match[1]}`;
  const clients: WebSocket[] = [];
  let delivered = 0;
  const total = BOTS + 3;
  for (let i = 0; i < total; i += 100) {
    const chunk = await Promise.all(
      Array.from(
        { length: Math.min(100, total - i) },
        () =>
          new Promise<WebSocket>((res, rej) => {
            const ws = new WebSocket(url);
            ws.on('open', () => res(ws));
            ws.on('error', rej);
          }),
      ),
    );
    for (const ws of chunk) {
      ws.on('message', () => delivered++);
      clients.push(ws);
    }
  }
  delivered = 0;
  const start0 = performance.now();
  const timers: ReturnType<typeof setTimeout>[] = [];
  clients
    .slice(3)
    .forEach((ws, i) =>
      schedule(i).forEach((at, n) =>
        timers.push(
          setTimeout(() => ws.send(JSON.stringify({ to, text: `b${i}-${n} 主播好，请问定投怎么开始？` })), at * 1000),
        ),
      ),
    );
  let line = 0;
  const host = setInterval(() => clients[0]!.send(JSON.stringify({ to: 'all', text: `第${++line}句` })), 5000);
  await sleep(SECONDS * 1000 + 2000);
  clearInterval(host);
  const wall = (performance.now() - start0) / 1000;
  for (const t of timers) clearTimeout(t);
  for (const ws of clients) ws.terminate();
  child.kill('SIGTERM');
  return Math.round(delivered / wall);
}

const result = {
  ...(await branchcast()),
  wsBaselineDeliveredPerSecond: await wsBaseline('people'),
  wsNaiveBroadcastDeliveredPerSecond: await wsBaseline('all'),
  node: process.version,
  date: new Date().toISOString(),
};
console.table(result);
console.log(
  "wsBaseline: a bare ws server with the same fan-out as Branchcast (viewers' chat to the people, host lines to all).\n" +
    'wsNaiveBroadcast: every chat line to every client, the design that cannot scale to thousands of bots.',
);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'audience.json'), JSON.stringify(result, null, 2) + '\n');
process.exit(0);
