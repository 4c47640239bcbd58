import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/random.js';
import { putAccount } from '../../core/exchange/accounts.js';
import { FIXTURE_CODES as C, FIXTURE_INSTRUMENTS } from '../../core/exchange/fixtures.js';
import {
  cancelOrder,
  createExchange,
  getAccount,
  newTradingDay,
  openAccount,
  placeOrder,
  positionOf,
  REJECT,
  setMarketOpen,
  shockExchange,
  tickExchange,
  valueAccount,
  type Account,
  type ExchangeState,
  type OrderRequest,
  type RiskClass,
} from '../../core/exchange/index.js';

function exchange(cash = 1_000_000, riskClass: RiskClass = 'C5'): ExchangeState {
  const s = createExchange({ instruments: FIXTURE_INSTRUMENTS });
  return openAccount(s, { id: 'v1', cash, riskClass }).state;
}

function order(s: ExchangeState, o: Partial<OrderRequest>) {
  return placeOrder(s, { accountId: 'v1', code: C.mainStock, side: 'buy', type: 'market', qty: 100, ...o }, { t: 0 });
}

function rejected(s: ExchangeState, o: Partial<OrderRequest>) {
  const r = order(s, o).result;
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
  return r;
}

function acct(s: ExchangeState, id = 'v1'): Account {
  const a = getAccount(s, id);
  if (!a) throw new Error(`no account ${id}`);
  return a;
}

describe('exchange rules', () => {
  it('LOT_SIZE: buys must be whole 100-share lots; the message names the quantity', () => {
    const r = rejected(exchange(), { qty: 150 });
    expect(r.code).toBe(REJECT.LOT_SIZE);
    expect(r.message).toContain('150');
    expect(r.message).toContain('100-share lot');
  });

  it('LOT_SIZE: an odd lot may be sold only to close the whole odd remainder', () => {
    let s = exchange();
    const a = acct(s);
    s = {
      ...s,
      accounts: putAccount(s.accounts, {
        ...a,
        positions: [{ code: C.mainStock, qty: 250, available: 250, frozen: 0, costFen: 312_500, avgCost: 12.5 }],
      }),
    };
    expect(rejected(s, { side: 'sell', qty: 70 }).code).toBe(REJECT.LOT_SIZE);
    expect(order(s, { side: 'sell', qty: 50 }).result.ok).toBe(true);
    expect(order(s, { side: 'sell', qty: 250 }).result.ok).toBe(true);
    expect(order(s, { side: 'sell', qty: 200 }).result.ok).toBe(true);
  });

  it('PRICE_LIMIT: limits are ±10 % main board and ETF, ±20 % ChiNext and STAR', () => {
    const s = exchange();
    const q = s.market.quotes;
    expect([q[C.mainStock]?.limitUp, q[C.mainStock]?.limitDown]).toEqual([13.75, 11.25]);
    expect([q[C.chinextStock]?.limitUp, q[C.chinextStock]?.limitDown]).toEqual([45.84, 30.56]);
    expect([q[C.starStock]?.limitUp, q[C.starStock]?.limitDown]).toEqual([103.2, 68.8]);
    expect([q[C.etf]?.limitUp, q[C.etf]?.limitDown]).toEqual([3.14, 2.57]);
    const up = rejected(s, { type: 'limit', limitPrice: 13.76 });
    expect(up.code).toBe(REJECT.PRICE_LIMIT);
    expect(up.message).toContain('13.76');
    expect(up.message).toContain('13.75');
    expect(rejected(s, { type: 'limit', limitPrice: 11.24, side: 'buy' }).code).toBe(REJECT.PRICE_LIMIT);
    expect(order(s, { type: 'limit', limitPrice: 13.75 }).result.ok).toBe(true);
    expect(order(s, { code: C.chinextStock, type: 'limit', limitPrice: 45.84 }).result.ok).toBe(true);
    expect(rejected(s, { code: C.chinextStock, type: 'limit', limitPrice: 45.85 }).code).toBe(REJECT.PRICE_LIMIT);
    expect(rejected(s, { code: C.starStock, type: 'limit', limitPrice: 68.79 }).code).toBe(REJECT.PRICE_LIMIT);
  });

  it('PRICE_LIMIT: the price path and shocks are clamped to the daily limit', () => {
    let s = exchange();
    s = shockExchange(s, { codes: [C.mainStock], pct: 50 }).state;
    expect(s.market.quotes[C.mainStock]?.last).toBe(13.75);
    s = shockExchange(s, { sector: 'semiconductors', pct: -60 }).state;
    expect(s.market.quotes[C.starStock]?.last).toBe(68.8);
    const rng = new Rng(7);
    for (let i = 0; i < 500; i++) s = tickExchange(s, 3_600_000, rng).state;
    for (const code of s.market.codes) {
      const q = s.market.quotes[code];
      if (!q) throw new Error(code);
      expect(q.last).toBeLessThanOrEqual(q.limitUp);
      expect(q.last).toBeGreaterThanOrEqual(q.limitDown);
    }
  });

  it('T_PLUS_ONE: shares bought today cannot be sold until the next trading day', () => {
    let s = exchange();
    s = order(s, { qty: 500 }).state;
    const r = rejected(s, { side: 'sell', qty: 500 });
    expect(r.code).toBe(REJECT.T_PLUS_ONE);
    expect(r.message).toContain('500');
    s = newTradingDay(s, new Rng(1)).state;
    expect(s.market.tradingDay).toBe(2);
    expect(positionOf(acct(s), C.mainStock)?.available).toBe(500);
    expect(order(s, { side: 'sell', qty: 500 }).result.ok).toBe(true);
  });

  it('T_PLUS_ONE applies to redeeming fund units bought today', () => {
    let s = exchange();
    const buy = order(s, { code: C.equityFund, qty: undefined, amount: 10_000 });
    expect(buy.result.ok).toBe(true);
    s = buy.state;
    const units = positionOf(acct(s), C.equityFund)?.qty ?? 0;
    expect(rejected(s, { code: C.equityFund, side: 'sell', qty: units }).code).toBe(REJECT.T_PLUS_ONE);
    s = newTradingDay(s, new Rng(1)).state;
    expect(order(s, { code: C.equityFund, side: 'sell', qty: units }).result.ok).toBe(true);
  });

  it('INSUFFICIENT_CASH: the message names what is needed and what is available', () => {
    const r = rejected(exchange(1000), { qty: 100 });
    expect(r.code).toBe(REJECT.INSUFFICIENT_CASH);
    expect(r.message).toContain('1,000.00');
  });

  it('INSUFFICIENT_POSITION: selling what is not held', () => {
    const r = rejected(exchange(), { side: 'sell', qty: 100 });
    expect(r.code).toBe(REJECT.INSUFFICIENT_POSITION);
    expect(r.message).toContain('100');
  });

  it('UNKNOWN_INSTRUMENT, UNKNOWN_ACCOUNT and MARKET_CLOSED', () => {
    const s = exchange();
    expect(rejected(s, { code: '000000' }).code).toBe(REJECT.UNKNOWN_INSTRUMENT);
    expect(rejected(s, { code: 'constructor' }).code).toBe(REJECT.UNKNOWN_INSTRUMENT);
    expect(rejected(s, { accountId: 'nobody' }).code).toBe(REJECT.UNKNOWN_ACCOUNT);
    expect(rejected(s, { accountId: '__proto__' }).code).toBe(REJECT.UNKNOWN_ACCOUNT);
    const closed = rejected(setMarketOpen(s, false), {});
    expect(closed.code).toBe(REJECT.MARKET_CLOSED);
    expect(closed.suitability).toBeDefined();
  });

  it('BAD_ORDER: nonsense quantities, prices and shapes', () => {
    const s = exchange();
    for (const qty of [0, -100, Number.NaN, Infinity, 1.5, 1e12])
      expect(rejected(s, { qty }).code).toBe(REJECT.BAD_ORDER);
    expect(rejected(s, { type: 'limit', limitPrice: 12.345 }).code).toBe(REJECT.BAD_ORDER);
    expect(rejected(s, { type: 'limit', limitPrice: -1 }).code).toBe(REJECT.BAD_ORDER);
    expect(rejected(s, { type: 'limit' }).code).toBe(REJECT.BAD_ORDER);
    expect(rejected(s, { side: 'hold' as 'buy' }).code).toBe(REJECT.BAD_ORDER);
    expect(rejected(s, { code: C.equityFund, qty: 100 }).code).toBe(REJECT.BAD_ORDER);
    expect(rejected(s, { code: C.equityFund, qty: undefined, amount: 100, type: 'limit', limitPrice: 1 }).code).toBe(
      REJECT.BAD_ORDER,
    );
    expect(rejected(s, { amount: 100 }).code).toBe(REJECT.BAD_ORDER);
  });

  it('a rejection leaves the state untouched (same object)', () => {
    const s = exchange();
    expect(order(s, { qty: 150 }).state).toBe(s);
  });

  it('fees: 0.025 % commission with a 5 CNY minimum, 0.05 % stamp duty on stock sells only', () => {
    let s = exchange(10_000_000);
    const small = order(s, { qty: 100 }).result;
    expect(small.ok && small.fill?.commissionFen).toBe(500);
    const big = order(s, { qty: 100_000 }).result;
    if (!big.ok || !big.fill) throw new Error('big buy failed');
    expect(big.fill.commissionFen).toBe(Math.round(big.fill.notionalFen * 0.00025));
    expect(big.fill.stampDutyFen).toBe(0);
    s = order(s, { qty: 100_000 }).state;
    s = order(s, { code: C.etf, qty: 100_000 }).state;
    s = newTradingDay(s, new Rng(3)).state;
    const sell = order(s, { side: 'sell', qty: 100_000 }).result;
    if (!sell.ok || !sell.fill) throw new Error('sell failed');
    expect(sell.fill.stampDutyFen).toBe(Math.round(sell.fill.notionalFen * 0.0005));
    expect(sell.fill.cashDeltaFen).toBe(sell.fill.notionalFen - sell.fill.commissionFen - sell.fill.stampDutyFen);
    const etfSell = order(s, { code: C.etf, side: 'sell', qty: 100_000 }).result;
    expect(etfSell.ok && etfSell.fill?.stampDutyFen).toBe(0);
  });

  it('fees: fund subscription fee 0.15 % inside the amount; units rounded down to 0.01', () => {
    const r = order(exchange(), { code: C.equityFund, qty: undefined, amount: 10_000 }).result;
    if (!r.ok || !r.fill) throw new Error('fund buy failed');
    expect(r.fill.cashDeltaFen).toBe(-1_000_000);
    expect(r.fill.fundFeeFen).toBe(1_000_000 - Math.round(1_000_000 / 1.0015));
    expect(r.fill.price).toBe(1.2345);
    expect(r.fill.qty).toBe(Math.floor(r.fill.notionalFen / 1.2345) / 100);
  });

  it('slippage grows with order size and never crosses the daily limit', () => {
    const s = exchange(100_000_000);
    const price = (qty: number) => {
      const r = order(s, { qty }).result;
      if (!r.ok || !r.fill) throw new Error(`buy ${qty} failed`);
      return r.fill.price;
    };
    const p1 = price(100);
    const p2 = price(100_000);
    const p3 = price(1_000_000);
    expect(p1).toBeGreaterThan(12.5);
    expect(p2).toBeGreaterThan(p1);
    expect(p3).toBeGreaterThan(p2);
    expect(p3).toBeLessThanOrEqual(13.75);
    const sell = s.market.quotes[C.mainStock]?.last ?? 0;
    expect(sell).toBe(12.5);
  });

  it('a limit order that does not cross rests, reserves cash, and fills at its price when a tick crosses', () => {
    let s = exchange(100_000);
    const placed = order(s, { type: 'limit', limitPrice: 12.0, qty: 1000 });
    if (!placed.result.ok || !placed.result.resting) throw new Error('expected a resting order');
    s = placed.state;
    expect(acct(s).reservedFen).toBe(1_200_000 + 500);
    // The reservation counts: a market buy needing more than what is left is refused.
    expect(order(exchange(100_000), { qty: 7100 }).result.ok).toBe(true);
    expect(rejected(s, { qty: 7100 }).code).toBe(REJECT.INSUFFICIENT_CASH);
    const u = shockExchange(s, { codes: [C.mainStock], pct: -5 });
    expect(u.fills).toHaveLength(1);
    expect(u.fills[0]).toMatchObject({ price: 12, qty: 1000, passive: true, orderId: placed.result.orderId });
    s = u.state;
    expect(acct(s).reservedFen).toBe(0);
    expect(acct(s).cashFen).toBe(10_000_000 - 1_200_500);
    expect(positionOf(acct(s), C.mainStock)?.qty).toBe(1000);
    expect(s.book[s.market.instruments[C.mainStock]?.index ?? -1]?.bids).toHaveLength(0);
  });

  it('a resting order fills on a random tick that crosses it', () => {
    let s = exchange(1_000_000);
    s = order(s, { type: 'limit', limitPrice: 12.45, qty: 100 }).state;
    const rng = new Rng(11);
    let filled = false;
    for (let i = 0; i < 10_000 && !filled; i++) {
      const u = tickExchange(s, 10_000, rng);
      s = u.state;
      filled = u.fills.length > 0;
      if (filled) expect(u.ticks.some((q) => q.code === C.mainStock && q.last <= 12.45)).toBe(true);
    }
    expect(filled).toBe(true);
  });

  it('cancel and day expiry release reserved cash and frozen shares', () => {
    let s = exchange(1_000_000);
    s = order(s, { qty: 1000 }).state;
    s = newTradingDay(s, new Rng(5)).state;
    const buy = order(s, { type: 'limit', limitPrice: 11.5, qty: 100 });
    s = buy.state;
    const sell = order(s, { type: 'limit', side: 'sell', limitPrice: 13.5, qty: 300 });
    s = sell.state;
    expect(positionOf(acct(s), C.mainStock)).toMatchObject({ qty: 1000, available: 700, frozen: 300 });
    if (!buy.result.ok) throw new Error('buy');
    const c = cancelOrder(s, 'v1', buy.result.orderId);
    expect(c.result.ok).toBe(true);
    expect(acct(c.state).reservedFen).toBe(0);
    expect(cancelOrder(c.state, 'v1', buy.result.orderId).result).toMatchObject({
      ok: false,
      code: REJECT.UNKNOWN_ORDER,
    });
    const next = newTradingDay(c.state, new Rng(5));
    expect(next.expired).toHaveLength(1);
    expect(positionOf(acct(next.state), C.mainStock)).toMatchObject({ qty: 1000, available: 1000, frozen: 0 });
  });

  it('suitability: a mismatch is reported with the result even when the order goes through', () => {
    const s = exchange(1_000_000, 'C3');
    const r = order(s, { code: C.chinextStock }).result;
    expect(r.ok).toBe(true);
    expect(r.suitability).toEqual({ accountRisk: 'C3', productRisk: 'R4', mismatch: true });
    const ok = order(s, { code: C.etf }).result;
    expect(ok.suitability?.mismatch).toBe(false);
    const c1 = openAccount(s, { id: 'c1', cash: 10_000, riskClass: 'C1' }).state;
    const fund = (code: string) =>
      placeOrder(c1, { accountId: 'c1', code, side: 'buy', type: 'market', amount: 1000 }, { t: 0 }).result.suitability;
    expect(fund(C.moneyFund)?.mismatch).toBe(false);
    expect(fund(C.equityFund)?.mismatch).toBe(true);
    const rej = rejected(exchange(0, 'C2'), { code: C.starStock });
    expect(rej.code).toBe(REJECT.INSUFFICIENT_CASH);
    expect(rej.suitability?.mismatch).toBe(true);
  });

  it('fund NAV moves only at a new trading day, with 4 decimals; the money fund stays at 1', () => {
    let s = exchange();
    const rng = new Rng(9);
    for (let i = 0; i < 100; i++) s = tickExchange(s, 60_000, rng).state;
    expect(s.market.quotes[C.equityFund]?.last).toBe(1.2345);
    s = newTradingDay(s, rng).state;
    const nav = s.market.quotes[C.equityFund]?.last ?? 0;
    expect(nav).not.toBe(1.2345);
    expect(Math.round(nav * 10_000) / 10_000).toBe(nav);
    expect(s.market.quotes[C.moneyFund]?.last).toBe(1);
  });

  it('mark-to-market: equity is cash plus positions at the last price', () => {
    let s = exchange(100_000);
    s = order(s, { qty: 1000 }).state;
    s = shockExchange(s, { codes: [C.mainStock], pct: 4 }).state;
    const v = valueAccount(s, 'v1');
    expect(v?.marketValueFen).toBe(1300 * 1000);
    expect(v?.equityFen).toBe((v?.cashFen ?? 0) + 1_300_000);
    expect(v?.unrealisedPnlFen).toBe(1_300_000 - (positionOf(acct(s), C.mainStock)?.costFen ?? 0));
  });

  it('determinism: the same seed and inputs give identical state JSON, also after a JSON round trip', () => {
    const run = (roundTrip: boolean) => {
      let s = exchange(1_000_000);
      const rng = new Rng(12345);
      for (let i = 0; i < 300; i++) {
        if (roundTrip && i % 50 === 0) s = JSON.parse(JSON.stringify(s)) as ExchangeState;
        s = tickExchange(s, 1_000 + (i % 7) * 100, rng).state;
        if (i % 10 === 0) s = order(s, { type: 'limit', qty: 100, limitPrice: 12.4 }).state;
        if (i === 150) s = shockExchange(s, { sector: 'new-energy', pct: -3 }).state;
        if (i === 200) s = newTradingDay(s, rng).state;
      }
      return JSON.stringify(s) + rng.state;
    };
    expect(run(false)).toBe(run(false));
    expect(run(true)).toBe(run(false));
  });
});
