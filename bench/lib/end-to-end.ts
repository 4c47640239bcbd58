/**
 * End-to-end exchange figure: the real server (SQLite store, default rate limits, 10 ms flush
 * window) on loopback, one room of the metaverse scenario, N bot connections in a worker thread
 * trading in paced closed loops. Reports acked orders per second and the p99 ack latency (an ack
 * means the order's events are durable and broadcast).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startServer } from '../../server/main.js';
import { joinPeer } from '../../test/harness/peers.js';
import type { OrderBotsInput, OrderBotsOutput } from './order-bots.js';

export interface EndToEndResult {
  bots: number;
  ordersPerSecondEndToEnd: number;
  p50OrderAckMs: number;
  p99OrderAckMs: number;
  orders: number;
  failedAcks: number;
  outcomes: Record<string, number>;
  eventsSeenByObserver: number;
  /** Event-loop utilisation of the server thread and of the bots' thread while trading (0–1). */
  serverLoopBusy: number;
  botsLoopBusy: number;
}

/** BENCH_PROFILE=file.cpuprofile: CPU-profile the server thread while the bots trade (not while they join). */
function traceProfiler() {
  const file = process.env.BENCH_PROFILE;
  if (!file) return { start: async () => undefined, stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((res, rej) => session.post(method, (err, r) => (err ? rej(err) : res(r))));
  return {
    start: async () => {
      await post('Profiler.enable');
      await post('Profiler.start');
    },
    stop: async () => {
      const r = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(r.profile));
    },
  };
}

function pct(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function endToEnd(bots: number, measureMs: number): Promise<EndToEndResult> {
  const dir = mkdtempSync(join(tmpdir(), 'branchcast-bench-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    clientDir: null,
    defaultRoom: false,
    log: () => undefined,
  });
  try {
    const scenario = server.scenarios.get('metaverse-investor-day')!;
    const room = await server.rooms.create(scenario, { seed: 1 });
    const trainee = await joinPeer(server.url, room.record.codes.trainee, '主播', 'trainee');
    const observer = await joinPeer(server.url, room.record.codes.observer, '观察员', 'observer');
    await trainee.send('session.start', {});
    const input: OrderBotsInput = {
      url: server.url,
      code: room.record.codes.bot,
      bots,
      measureMs,
      warmupMs: 2000,
      codes: scenario.instruments.filter((i) => i.kind !== 'fund').map((i) => i.code),
      prevClose: Object.fromEntries(scenario.instruments.map((i) => [i.code, i.prevClose])),
    };
    const worker = new Worker(new URL('./order-bots-entry.mjs', import.meta.url), { workerData: input });
    const profiler = traceProfiler();
    let elu0 = performance.eventLoopUtilization();
    let wElu0 = worker.performance.eventLoopUtilization();
    let serverLoop = 0;
    let botsLoop = 0;
    const out = await new Promise<OrderBotsOutput>((resolve, reject) => {
      worker.on('message', (m: { type: string; out?: OrderBotsOutput; message?: string }) => {
        if (m.type === 'joined') {
          void profiler.start();
          elu0 = performance.eventLoopUtilization();
          wElu0 = worker.performance.eventLoopUtilization();
          worker.postMessage('go');
        } else if (m.type === 'done') {
          serverLoop = performance.eventLoopUtilization(elu0).utilization;
          botsLoop = worker.performance.eventLoopUtilization(wElu0).utilization;
          void profiler.stop();
          resolve(m.out!);
        } else if (m.type === 'error') reject(new Error(m.message));
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    const sorted = out.latencies.sort();
    trainee.close();
    observer.close();
    return {
      bots: out.joined,
      ordersPerSecondEndToEnd: Math.round((out.orders / out.measuredMs) * 1000),
      p50OrderAckMs: Number(pct(sorted, 0.5).toFixed(1)),
      p99OrderAckMs: Number(pct(sorted, 0.99).toFixed(1)),
      orders: out.orders,
      failedAcks: out.failed,
      outcomes: out.outcomes,
      eventsSeenByObserver: observer.events.length,
      serverLoopBusy: Number(serverLoop.toFixed(2)),
      botsLoopBusy: Number(botsLoop.toFixed(2)),
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
