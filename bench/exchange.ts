/**
 * Orders per second through the pure exchange core on one core.
 * A deterministic order mix (seeded) over 1,000 accounts: market and limit orders on stocks and
 * the ETF, fund subscriptions and redemptions, and a share of orders the rules reject; a price
 * tick every 1,000 orders and a new trading day every 100,000 (expiring the book), both counted in
 * the time. Warm-up first, then at least 2 s (wall) measured. Run: npx tsx bench/exchange.ts
 * ordersPerSecondCore is orders per CPU-second of this process (see below); wall is also shown.
 * Then end to end (bench/lib/end-to-end.ts): the real server on loopback with `--bots N`
 * (default 2000) connections trading for `--seconds S` (default 10): ordersPerSecondEndToEnd and
 * p99OrderAckMs. `--skip-e2e` runs the core figure only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../core/random.js';
import { endToEnd } from './lib/end-to-end.js';
import { FIXTURE_INSTRUMENTS } from '../core/exchange/fixtures.js';
import {
  createExchange,
  newTradingDay,
  openAccount,
  placeOrder,
  tickExchange,
  type ExchangeState,
  type OrderRequest,
  type RiskClass,
} from '../core/exchange/index.js';

const ACCOUNTS = 1_000;
const ORDER_POOL = 100_000;
const TICK_EVERY = 1_000;
const WARMUP_MS = 500;
const MEASURE_MS = 2_000;

function setup(): ExchangeState {
  const rng = new Rng(2024);
  let s = createExchange({ instruments: FIXTURE_INSTRUMENTS });
  const classes: RiskClass[] = ['C1', 'C2', 'C3', 'C4', 'C5'];
  for (let i = 0; i < ACCOUNTS; i++)
    s = openAccount(s, { id: `bot-${i}`, cash: 5_000_000, riskClass: rng.pick(classes) }).state;
  // Yesterday's holdings, so that sells have something to sell today.
  for (let i = 0; i < ACCOUNTS; i++) {
    for (const ins of FIXTURE_INSTRUMENTS) {
      const o: OrderRequest = { accountId: `bot-${i}`, code: ins.code, side: 'buy', type: 'market' };
      if (ins.kind === 'fund') o.amount = 50_000;
      else o.qty = 10_000;
      s = placeOrder(s, o, { t: 0 }).state;
    }
  }
  return newTradingDay(s, rng).state;
}

function orderMix(s: ExchangeState): OrderRequest[] {
  const rng = new Rng(7);
  const traded = FIXTURE_INSTRUMENTS.filter((i) => i.kind !== 'fund').map((i) => i.code);
  const funds = FIXTURE_INSTRUMENTS.filter((i) => i.kind === 'fund').map((i) => i.code);
  const out: OrderRequest[] = [];
  for (let i = 0; i < ORDER_POOL; i++) {
    const accountId = `bot-${rng.int(ACCOUNTS)}`;
    const side = rng.chance(0.5) ? 'buy' : 'sell';
    const kind = rng.weighted([50, 25, 10, 15]);
    if (kind === 0) {
      out.push({ accountId, code: rng.pick(traded), side, type: 'market', qty: rng.range(1, 10) * 100 });
    } else if (kind === 1) {
      const code = rng.pick(traded);
      const last = s.market.quotes[code]?.last ?? 1;
      const limitPrice = Math.round(last * (1 + (rng.next() - 0.5) * 0.04) * 100) / 100;
      out.push({ accountId, code, side, type: 'limit', qty: rng.range(1, 5) * 100, limitPrice });
    } else if (kind === 2) {
      const code = rng.pick(funds);
      out.push(
        side === 'buy'
          ? { accountId, code, side, type: 'market', amount: rng.range(1, 100) * 100 }
          : { accountId, code, side, type: 'market', qty: rng.range(1, 1000) / 10 },
      );
    } else {
      // Rejected by the rules: odd lots, unknown instruments, prices beyond the limit.
      const r = rng.int(3);
      if (r === 0) out.push({ accountId, code: rng.pick(traded), side: 'buy', type: 'market', qty: 150 });
      else if (r === 1) out.push({ accountId, code: '000000', side, type: 'market', qty: 100 });
      else out.push({ accountId, code: rng.pick(traded), side: 'buy', type: 'limit', qty: 100, limitPrice: 9999 });
    }
  }
  return out;
}

interface Counts {
  orders: number;
  filled: number;
  resting: number;
  rejected: number;
  passiveFills: number;
  ticks: number;
  days: number;
}

function run(
  start: ExchangeState,
  orders: readonly OrderRequest[],
  ms: number,
): { counts: Counts; elapsed: number; cpuMs: number } {
  let s = start;
  const rng = new Rng(99);
  const c: Counts = { orders: 0, filled: 0, resting: 0, rejected: 0, passiveFills: 0, ticks: 0, days: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  let i = 0;
  while (elapsed < ms) {
    for (let k = 0; k < TICK_EVERY; k++, i++) {
      if (i === orders.length) {
        // End of the pool = end of a trading day: the book expires and T+1 holdings free up.
        i = 0;
        s = newTradingDay(s, rng).state;
        c.days++;
      }
      const r = placeOrder(s, orders[i] as OrderRequest, { t: c.orders });
      s = r.state;
      c.orders++;
      if (!r.result.ok) c.rejected++;
      else if (r.result.fill) c.filled++;
      else c.resting++;
    }
    const u = tickExchange(s, 1_000, rng);
    s = u.state;
    c.passiveFills += u.fills.length;
    c.ticks++;
    elapsed = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  return { counts: c, elapsed, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const base = setup();
const orders = orderMix(base);
run(base, orders, WARMUP_MS);
const { counts, elapsed, cpuMs } = run(base, orders, MEASURE_MS);
// Per CPU-second of this process: on a shared, loaded machine wall time includes time the core
// was given to someone else; CPU time counts only ours (GC helper threads included, so it is
// if anything pessimistic). Both are reported.
const ordersPerSecondCore = Math.round((counts.orders / cpuMs) * 1000);
const ordersPerSecondWall = Math.round((counts.orders / elapsed) * 1000);

console.table({
  'orders/s per CPU-second (one core)': ordersPerSecondCore,
  'orders/s wall clock': ordersPerSecondWall,
  'CPU seconds': Number((cpuMs / 1000).toFixed(2)),
  orders: counts.orders,
  'seconds measured': Number((elapsed / 1000).toFixed(2)),
  'filled at once': counts.filled,
  'rested on the book': counts.resting,
  rejected: counts.rejected,
  'resting fills on ticks': counts.passiveFills,
  ticks: counts.ticks,
  'trading days': counts.days,
  accounts: ACCOUNTS,
});

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const e2e = process.argv.includes('--skip-e2e') ? null : await endToEnd(arg('bots', 2000), arg('seconds', 10) * 1000);
if (e2e)
  console.table({
    'bot connections': e2e.bots,
    'orders/s end to end (acked, durable)': e2e.ordersPerSecondEndToEnd,
    'p50 order ack ms': e2e.p50OrderAckMs,
    'p99 order ack ms': e2e.p99OrderAckMs,
    orders: e2e.orders,
    'failed acks': e2e.failedAcks,
    'server loop busy': e2e.serverLoopBusy,
    'bots loop busy': e2e.botsLoopBusy,
  });

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'exchange.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      ordersPerSecondCore,
      ordersPerSecondWall,
      ordersPerSecondEndToEnd: e2e?.ordersPerSecondEndToEnd ?? null,
      p99OrderAckMs: e2e?.p99OrderAckMs ?? null,
      endToEnd: e2e,
      orders: counts.orders,
      elapsedMs: Math.round(elapsed),
      cpuMs: Math.round(cpuMs),
      mix: counts,
      accounts: ACCOUNTS,
      node: process.version,
      date: new Date().toISOString(),
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
