/**
 * Property test: whatever order stream arrives, no account goes negative in cash or holds a
 * negative position, reservations always match the resting orders, and cash and holdings equal
 * what the fills say. Thousands of seeded random streams per run; the base seed is printed
 * (set EXCHANGE_FUZZ_SEED to reproduce a run) and failing seeds are kept below as regressions.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/random.js';
import type { Instrument } from '../../core/scenario.js';
import { FIXTURE_INSTRUMENTS } from '../../core/exchange/fixtures.js';
import {
  cancelOrder,
  createExchange,
  getAccount,
  newTradingDay,
  openAccount,
  placeOrder,
  positionOf,
  setMarketOpen,
  shockExchange,
  tickExchange,
  type ExchangeState,
  type Fill,
  type OrderRequest,
  type RiskClass,
} from '../../core/exchange/index.js';

const STREAMS = Number(process.env.EXCHANGE_FUZZ_STREAMS ?? 10_000);
const BASE_SEED = Number(process.env.EXCHANGE_FUZZ_SEED ?? Date.now() % 2_147_483_647) >>> 0;

/**
 * Seeds that failed, named by the bug they catch; each runs on every test run. They were found by
 * running this test with the named guard deliberately removed from the exchange (a mutation check
 * that the property test can see that bug at all); with the guard back they pass. A generator
 * change reshuffles what a seed produces: re-find them (mutant + EXCHANGE_FUZZ_STREAMS=200000) then.
 */
const REGRESSIONS: Record<string, number> = {
  'a sell whose 5 CNY minimum fee exceeds its proceeds must be covered by free cash': 1_000_000_411,
  'a resting small sell reserves its fee deficit before the cash is spent elsewhere': 1_000_040_733,
  'a new trading day unfreezes the shares of the resting sells it expires': 1_000_000_003,
};

/** A penny stock on top of the fixtures: 100 shares are worth less than the 5 CNY minimum fee. */
const PENNY: Instrument = {
  code: '609999',
  name: { zh: '演练仙股', en: 'Drill Penny Stock' },
  kind: 'stock',
  board: 'main',
  risk: 'R5',
  prevClose: 0.04,
  volatility: 0.8,
  sector: 'industrials',
};
const INSTRUMENTS = [...FIXTURE_INSTRUMENTS, PENNY];
const CODES = [...INSTRUMENTS.map((i) => i.code), '000000', 'constructor'];
const CASH = [0, 3, 50, 1_000, 20_000, 1_000_000];
const RISK: RiskClass[] = ['C1', 'C2', 'C3', 'C4', 'C5'];
const BAD_NUMBERS = [0, -100, Number.NaN, Infinity, 1.5, 150, 1e12];

interface Ledger {
  cashFen: number;
  qty: Record<string, number>;
}

function fail(seed: number, step: number, what: string): never {
  throw new Error(`seed ${seed} step ${step}: ${what} (rerun with EXCHANGE_FUZZ_SEED=${seed} EXCHANGE_FUZZ_STREAMS=1)`);
}

function checkInvariants(
  s: ExchangeState,
  ids: readonly string[],
  ledgers: Map<string, Ledger>,
  seed: number,
  step: number,
) {
  const reserved = new Map<string, number>();
  const frozen = new Map<string, number>();
  for (const sides of s.book) {
    for (const o of sides.bids) reserved.set(o.accountId, (reserved.get(o.accountId) ?? 0) + o.reservedFen);
    for (const o of sides.asks) {
      reserved.set(o.accountId, (reserved.get(o.accountId) ?? 0) + o.reservedFen);
      const k = `${o.accountId}/${o.code}`;
      frozen.set(k, (frozen.get(k) ?? 0) + o.qty);
    }
  }
  for (const id of ids) {
    const a = getAccount(s, id);
    if (!a) continue;
    const ledger = ledgers.get(id) as Ledger;
    if (!Number.isInteger(a.cashFen) || a.cashFen < 0) fail(seed, step, `${id} cash ${a.cashFen}`);
    if (a.reservedFen < 0 || a.reservedFen > a.cashFen)
      fail(seed, step, `${id} reserved ${a.reservedFen} of ${a.cashFen}`);
    if (a.reservedFen !== (reserved.get(id) ?? 0))
      fail(seed, step, `${id} reserved ${a.reservedFen} but book holds ${reserved.get(id) ?? 0}`);
    if (a.cashFen !== ledger.cashFen) fail(seed, step, `${id} cash ${a.cashFen} but fills say ${ledger.cashFen}`);
    for (const p of a.positions) {
      const code = p.code;
      if (!(p.qty >= 0 && p.available >= 0 && p.frozen >= 0 && p.costFen >= 0))
        fail(seed, step, `${id} ${code} negative position ${JSON.stringify(p)}`);
      if (p.available + p.frozen > p.qty + 1e-9) fail(seed, step, `${id} ${code} available+frozen > qty`);
      if (Math.abs(p.frozen - (frozen.get(`${id}/${code}`) ?? 0)) > 1e-9)
        fail(seed, step, `${id} ${code} frozen ${p.frozen} but book holds ${frozen.get(`${id}/${code}`) ?? 0}`);
      if (Math.abs(p.qty - (ledger.qty[code] ?? 0)) > 1e-9) fail(seed, step, `${id} ${code} qty ${p.qty} vs fills`);
    }
    for (const code in ledger.qty)
      if ((ledger.qty[code] ?? 0) > 1e-9 && !positionOf(a, code)) fail(seed, step, `${id} lost position ${code}`);
  }
  for (const code of s.market.codes) {
    const q = s.market.quotes[code];
    if (!q || !(q.last >= q.limitDown && q.last <= q.limitUp && q.last > 0))
      fail(seed, step, `${code} quote out of band`);
  }
}

function book(ledgers: Map<string, Ledger>, fills: readonly Fill[]) {
  for (const f of fills) {
    const l = ledgers.get(f.accountId);
    if (!l) continue;
    l.cashFen += f.cashDeltaFen;
    const q = (l.qty[f.code] ?? 0) + (f.side === 'buy' ? f.qty : -f.qty);
    l.qty[f.code] = Math.round(q * 100) / 100;
  }
}

function randomOrder(s: ExchangeState, rng: Rng, ids: readonly string[]): OrderRequest {
  const accountId = rng.chance(0.03) ? 'ghost' : rng.pick(ids);
  const code = rng.chance(0.04) ? rng.pick(CODES.slice(-2)) : rng.pick(CODES.slice(0, -2));
  const side = rng.chance(0.5) ? 'buy' : 'sell';
  const spec = s.market.instruments[code];
  const q = s.market.quotes[code];
  const holder = getAccount(s, accountId);
  const held = holder && positionOf(holder, code);
  const o: OrderRequest = { accountId, code, side, type: rng.chance(0.4) ? 'limit' : 'market' };
  if (spec?.kind === 'fund') {
    o.type = rng.chance(0.9) ? 'market' : 'limit';
    const acc = getAccount(s, accountId);
    // "All in": spend exactly the free cash, which drains accounts to zero and exposes overdrafts.
    const allIn = acc ? (acc.cashFen - acc.reservedFen) / 100 : 1;
    if (side === 'buy')
      o.amount = rng.chance(0.1)
        ? rng.pick(BAD_NUMBERS)
        : rng.pick([0.5, 1, 100, 5_000, 200_000, 12.345, allIn, allIn]);
    else
      o.qty =
        held && rng.chance(0.6)
          ? rng.pick([held.qty, held.available, 0.01, held.available / 2])
          : rng.range(1, 5000) / 10;
  } else {
    const acc = getAccount(s, accountId);
    const affordable = acc && q ? Math.floor((acc.cashFen - acc.reservedFen) / (q.last * 110 * 100)) * 100 : 0;
    const lots = rng.chance(0.15) && affordable > 0 ? affordable : rng.pick([1, 1, 2, 5, 10, 100, 1000]) * 100;
    o.qty = rng.chance(0.08)
      ? rng.pick(BAD_NUMBERS)
      : held && side === 'sell' && rng.chance(0.5)
        ? rng.pick([held.qty, held.available, held.qty % 100 || 100])
        : lots;
  }
  if (o.type === 'limit' && q) {
    const ticks = rng.chance(0.5) ? rng.range(-3, 3) : rng.range(-30, 30);
    let p = Math.round((q.last + ticks * 0.01 * Math.max(1, q.last / 10)) * 100) / 100;
    if (rng.chance(0.05)) p = q.limitUp + 0.01;
    if (rng.chance(0.05)) p = q.limitDown - 0.01;
    if (rng.chance(0.03)) p += 0.003;
    o.limitPrice = p;
  }
  return o;
}

function runStream(seed: number): number {
  const rng = new Rng(seed);
  const market = new Rng(seed ^ 0x5eed);
  // Fee schedules vary too: a 500 CNY minimum commission makes small sells cost more than they
  // bring in, the case where a sell (or a resting sell filling later) could overdraw cash.
  let s = createExchange({
    instruments: INSTRUMENTS,
    config: {
      commissionMinFen: rng.pick([500, 500, 50_000]),
      fundSubscriptionRate: rng.pick([0.0015, 0]),
      slippageBpsPer100k: rng.pick([5, 500]),
    },
  });
  const ids: string[] = [];
  const ledgers = new Map<string, Ledger>();
  const nAccounts = rng.range(1, 3);
  for (let i = 0; i < nAccounts; i++) {
    const id = `v${i}`;
    const cash = rng.pick(CASH);
    s = openAccount(s, { id, cash, riskClass: rng.pick(RISK) }).state;
    ids.push(id);
    ledgers.set(id, { cashFen: Math.round(cash * 100), qty: {} });
  }
  // Half the streams start with yesterday's holdings, so sells (and T+1 edges) happen early.
  if (rng.chance(0.5)) {
    for (const id of ids) {
      for (let k = rng.range(1, 3); k > 0; k--) {
        const code = rng.pick(INSTRUMENTS).code;
        const fund = s.market.instruments[code]?.kind === 'fund';
        const o: OrderRequest = { accountId: id, code, side: 'buy', type: 'market' };
        if (fund) o.amount = rng.pick([100, 1_000, 10_000]);
        else o.qty = rng.pick([1, 2, 3, 10]) * 100;
        const r = placeOrder(s, o, { t: 0 });
        if (r.result.ok && r.result.fill) book(ledgers, [r.result.fill]);
        s = r.state;
      }
    }
    s = newTradingDay(s, market).state;
  }
  const steps = rng.range(20, 60);
  const orderIds: number[] = [];
  for (let step = 0; step < steps; step++) {
    const kind = rng.weighted([60, 15, 5, 7, 8, 3]);
    if (kind === 0) {
      const before = s;
      const o = randomOrder(s, rng, ids);
      const r = placeOrder(s, o, { t: step });
      if (!r.result.ok) {
        if (r.state !== before) fail(seed, step, 'a rejection changed the state');
      } else {
        orderIds.push(r.result.orderId);
        if (r.result.fill) book(ledgers, [r.result.fill]);
      }
      s = r.state;
    } else if (kind === 1) {
      const u = tickExchange(s, rng.pick([-5, 0, 500, 60_000, 3_600_000]), market);
      book(ledgers, u.fills);
      s = u.state;
    } else if (kind === 2) {
      s = newTradingDay(s, market).state;
    } else if (kind === 3) {
      const pct = rng.chance(0.05) ? Number.NaN : rng.range(-25, 25);
      const u = shockExchange(
        s,
        rng.chance(0.5) ? { sector: rng.pick(['new-energy', 'industrials', 'x']), pct } : { pct },
      );
      book(ledgers, u.fills);
      s = u.state;
    } else if (kind === 4) {
      const id = orderIds.length > 0 && rng.chance(0.8) ? rng.pick(orderIds) : 999_999;
      s = cancelOrder(s, rng.pick(ids), id).state;
    } else {
      s = setMarketOpen(s, !s.market.open);
    }
    checkInvariants(s, ids, ledgers, seed, step);
  }
  return steps;
}

describe('EX2 exchange property: no order stream can overdraw an account', () => {
  for (const [name, seed] of Object.entries(REGRESSIONS)) {
    it(`regression: ${name} (seed ${seed})`, () => {
      runStream(seed);
    });
  }

  it(`${STREAMS} random order streams keep cash and positions non-negative and consistent`, () => {
    console.log(
      `exchange property: base seed ${BASE_SEED} (EXCHANGE_FUZZ_SEED=${BASE_SEED} reproduces), ${STREAMS} streams`,
    );
    const started = performance.now();
    let ops = 0;
    for (let i = 0; i < STREAMS; i++) ops += runStream((BASE_SEED + i) >>> 0);
    const ms = performance.now() - started;
    console.log(`exchange property: ${STREAMS} streams, ${ops} operations in ${ms.toFixed(0)} ms`);
    expect(ops).toBeGreaterThan(STREAMS * 20 - 1);
  }, 120_000);
});
