/**
 * Worker: N bot connections that each trade in a paced closed loop (one order in flight, at most
 * PER_BOT_HZ orders per second, under the protocol's 5/s rate limit, so no order is throttled)
 * and time every ack. Run in a worker thread so the bots do not share the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack, type CommandOk, type JoinOk } from '../../core/protocol.js';

export interface OrderBotsInput {
  url: string;
  code: string;
  bots: number;
  measureMs: number;
  warmupMs: number;
  codes: string[];
  /** Previous close per code, for limit orders a little under the market (they rest). */
  prevClose: Record<string, number>;
}

export interface OrderBotsOutput {
  joined: number;
  orders: number;
  latencies: Float64Array;
  outcomes: Record<string, number>;
  failed: number;
  measuredMs: number;
}

const PER_BOT_HZ = 4;
const input = workerData as OrderBotsInput;

async function joinAll(): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const joinOne = (i: number) =>
    new Promise<Socket>((resolve, reject) => {
      const s = io(input.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      s.once('connect_error', reject);
      s.once('connect', () =>
        s.emit(
          'join',
          { protocolVersion: PROTOCOL_VERSION, code: input.code, role: 'bot', name: `bench-${i}` },
          (ack: Ack<JoinOk>) => (ack.ok ? resolve(s) : reject(new Error(ack.message))),
        ),
      );
    });
  // Join in waves so the join snapshots do not pile up.
  for (let i = 0; i < input.bots; i += 100) {
    const wave = [];
    for (let k = i; k < Math.min(input.bots, i + 100); k++) wave.push(joinOne(k));
    sockets.push(...(await Promise.all(wave)));
  }
  return sockets;
}

async function main(): Promise<void> {
  const sockets = await joinAll();
  parentPort!.postMessage({ type: 'joined', joined: sockets.length });
  await new Promise<void>((r) => parentPort!.once('message', () => r()));
  const t0 = performance.now();
  const measureFrom = t0 + input.warmupMs;
  const stopAt = measureFrom + input.measureMs;
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let failed = 0;
  let orders = 0;
  const gap = 1000 / PER_BOT_HZ;
  const loop = (s: Socket, i: number) => {
    let n = 0;
    const next = () => {
      if (performance.now() >= stopAt) return;
      // Mostly one-lot market buys of the listed stocks; every 7th is a same-day sell (T+1),
      // every 5th a limit order that rests; cash runs out after a few dozen buys.
      const code = input.codes[(i + n) % input.codes.length]!;
      const order =
        n % 7 === 6
          ? { code, side: 'sell', qty: 100 }
          : n % 5 === 4
            ? { code, side: 'buy', type: 'limit', qty: 100, limitPrice: Math.round(input.prevClose[code]! * 97) / 100 }
            : { code, side: 'buy', qty: 100, riskClass: 'C3' };
      n++;
      const sent = performance.now();
      s.emit('trade.place', order, (ack: Ack<CommandOk>) => {
        const done = performance.now();
        if (sent >= measureFrom && done <= stopAt) {
          orders++;
          latencies.push(done - sent);
          if (ack.ok && ack.trade)
            outcomes[ack.trade.status === 'rejected' ? ack.trade.reason : ack.trade.status] =
              (outcomes[ack.trade.status === 'rejected' ? ack.trade.reason : ack.trade.status] ?? 0) + 1;
        }
        if (!ack.ok) failed++;
        setTimeout(next, Math.max(0, gap - (done - sent)));
      });
    };
    setTimeout(next, (i * gap) / sockets.length);
  };
  sockets.forEach(loop);
  await new Promise((r) => setTimeout(r, input.warmupMs + input.measureMs + 200));
  for (const s of sockets) s.disconnect();
  const out: OrderBotsOutput = {
    joined: sockets.length,
    orders,
    latencies: Float64Array.from(latencies),
    outcomes,
    failed,
    measuredMs: input.measureMs,
  };
  parentPort!.postMessage({ type: 'done', out }, [out.latencies.buffer as ArrayBuffer]);
}

main().catch((err: unknown) => parentPort!.postMessage({ type: 'error', message: String(err) }));
