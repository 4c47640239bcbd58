/**
 * Market state per instrument: quotes, daily limits, the trading day and the open flag.
 * Trades never move the price: the path is a function of (seed, time, shocks) alone, so a replay
 * or a branch reproduces it whatever the audience does.
 */
import type { Instrument } from '../scenario.js';
import type { Rng } from '../random.js';
import { limitPctFor, type ExchangeConfig } from './rules.js';
import { roundTo } from './money.js';
import { gbmFactor, normal } from './prices.js';
import type { InstrumentSpec, MarketState, Quote } from './types.js';

export function hasOwn<T>(rec: Record<string, T>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(rec, key);
}

export function specFor(ins: Instrument, cfg: ExchangeConfig, index: number): InstrumentSpec {
  return {
    ...ins,
    index,
    decimals: cfg.priceDecimals[ins.kind],
    limitPct: limitPctFor(ins, cfg),
  };
}

/** A fresh quote for a day whose previous close is `prevClose` and which opens at `open`. */
export function dayQuote(spec: InstrumentSpec, prevClose: number, open: number): Quote {
  const limitUp = roundTo(prevClose * (1 + spec.limitPct), spec.decimals);
  const limitDown = roundTo(prevClose * (1 - spec.limitPct), spec.decimals);
  const clamped = Math.min(limitUp, Math.max(limitDown, open));
  const last = roundTo(clamped, spec.decimals);
  return { code: spec.code, last, fair: clamped, open: last, high: last, low: last, prevClose, limitUp, limitDown };
}

export function createMarket(
  instruments: readonly Instrument[],
  cfg: ExchangeConfig,
  opts: { tradingDay?: number; open?: boolean } = {},
): MarketState {
  const codes = instruments.map((i) => i.code).sort();
  const specs: Record<string, InstrumentSpec> = {};
  const quotes: Record<string, Quote> = {};
  for (const ins of instruments) {
    const spec = specFor(ins, cfg, codes.indexOf(ins.code));
    const prev = roundTo(ins.prevClose, spec.decimals);
    specs[ins.code] = spec;
    quotes[ins.code] = dayQuote(spec, prev, prev);
  }
  return {
    tradingDay: opts.tradingDay ?? 1,
    open: opts.open ?? true,
    clockMs: 0,
    codes,
    instruments: specs,
    quotes,
  };
}

/**
 * Roll to the next trading day: today's last becomes the previous close, limits are recomputed,
 * and each fund's NAV takes its one daily step (funds are priced once a day, never intraday).
 * Stocks and ETFs open at the previous close (no call auction is simulated).
 */
export function rollMarketDay(market: MarketState, rng: Rng, cfg: ExchangeConfig): MarketState {
  const quotes: Record<string, Quote> = {};
  const dayYears = 1 / cfg.tradingDaysPerYear;
  for (const code of market.codes) {
    const spec = market.instruments[code] as InstrumentSpec;
    const q = market.quotes[code] as Quote;
    let open = q.last;
    if (spec.kind === 'fund' && spec.volatility > 0) {
      open = q.last * gbmFactor(cfg.drift, spec.volatility, dayYears, normal(rng));
    }
    quotes[code] = dayQuote(spec, q.last, open);
  }
  return { ...market, tradingDay: market.tradingDay + 1, quotes };
}

export function setOpen(market: MarketState, open: boolean): MarketState {
  return market.open === open ? market : { ...market, open };
}
