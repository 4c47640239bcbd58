/**
 * Seeded price paths: geometric Brownian motion per instrument on the session clock, clamped to
 * the daily limit, plus shocks. Time and randomness come in as arguments; the same (rng state,
 * dtMs sequence, shocks) always gives the same quotes, bit for bit.
 */
import type { Rng } from '../random.js';
import type { ExchangeConfig } from './rules.js';
import { roundTo } from './money.js';
import type { InstrumentSpec, MarketState, Quote, Shock } from './types.js';

/** Standard normal draw (Box–Muller). One draw per call keeps rng consumption easy to reason about. */
export function normal(rng: Rng): number {
  // 1 - u keeps the log argument in (0, 1].
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Exact GBM step factor over dtYears for a standard normal z. */
export function gbmFactor(drift: number, vol: number, dtYears: number, z: number): number {
  return Math.exp((drift - 0.5 * vol * vol) * dtYears + vol * Math.sqrt(dtYears) * z);
}

function moved(q: Quote, fair: number, decimals: number): Quote {
  const clamped = fair > q.limitUp ? q.limitUp : fair < q.limitDown ? q.limitDown : fair;
  const last = roundTo(clamped, decimals);
  return {
    ...q,
    fair: clamped,
    last,
    high: last > q.high ? last : q.high,
    low: last < q.low ? last : q.low,
  };
}

export interface PriceUpdate {
  market: MarketState;
  /** Quotes whose last price changed, in code order. */
  ticks: Quote[];
}

/**
 * Advance every stock and ETF by dtMs of session time. Funds do not move intraday (see
 * rollMarketDay). A closed market only advances its clock.
 */
export function tick(market: MarketState, dtMs: number, rng: Rng, cfg: ExchangeConfig): PriceUpdate {
  if (!(dtMs > 0)) return { market, ticks: [] };
  if (!market.open) return { market: { ...market, clockMs: market.clockMs + dtMs }, ticks: [] };
  const dtYears = (dtMs * cfg.timeScale) / (cfg.tradingDayMs * cfg.tradingDaysPerYear);
  const quotes: Record<string, Quote> = { ...market.quotes };
  const ticks: Quote[] = [];
  for (const code of market.codes) {
    const spec = market.instruments[code] as InstrumentSpec;
    if (spec.kind === 'fund' || (spec.volatility === 0 && cfg.drift === 0)) continue;
    const q = quotes[code] as Quote;
    const next = moved(q, q.fair * gbmFactor(cfg.drift, spec.volatility, dtYears, normal(rng)), spec.decimals);
    quotes[code] = next;
    if (next.last !== q.last) ticks.push(next);
  }
  return { market: { ...market, clockMs: market.clockMs + dtMs, quotes }, ticks };
}

/** Which instruments a shock hits: its sector and/or its codes; neither means the whole market. */
export function shockTargets(market: MarketState, shock: Shock): string[] {
  const all = shock.sector === undefined && shock.codes === undefined;
  return market.codes.filter((code) => {
    if (all) return true;
    const spec = market.instruments[code] as InstrumentSpec;
    return (shock.sector !== undefined && spec.sector === shock.sector) || (shock.codes?.includes(code) ?? false);
  });
}

/**
 * Move the targeted instruments by pct percent, clamped to their daily limits (fund NAVs to their
 * sanity band). A nonsense pct (not finite, or -100 % or worse) changes nothing.
 */
export function applyShock(market: MarketState, shock: Shock): PriceUpdate {
  if (!Number.isFinite(shock.pct) || shock.pct <= -100 || shock.pct === 0) return { market, ticks: [] };
  const targets = shockTargets(market, shock);
  if (targets.length === 0) return { market, ticks: [] };
  const factor = 1 + shock.pct / 100;
  const quotes: Record<string, Quote> = { ...market.quotes };
  const ticks: Quote[] = [];
  for (const code of targets) {
    const spec = market.instruments[code] as InstrumentSpec;
    const q = quotes[code] as Quote;
    const next = moved(q, q.fair * factor, spec.decimals);
    quotes[code] = next;
    if (next.last !== q.last) ticks.push(next);
  }
  return { market: { ...market, quotes }, ticks };
}
