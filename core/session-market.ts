/**
 * The market's half of the reducer: price ticks and market shocks. Kept apart from session.ts so
 * that file stays about the session; both functions are pure and called only from reduce().
 */
import type { EventOf } from './events.js';
import { shockExchange, tickExchange, type MarketUpdate } from './exchange/index.js';
import { Rng } from './random.js';
import type { ExchangeState } from './exchange/index.js';
import type { RngState } from './random.js';
import type { Scenario } from './scenario.js';
import { passiveEntries, pushFeed, shockOf, type TradeFeedEntry } from './trade.js';

/**
 * The part of SessionState the market reads and writes. Written out here (SessionState satisfies
 * it) so this file does not import session.ts, which imports it: no circle.
 */
export interface MarketSlice {
  scenario: Scenario | null;
  rng: RngState;
  participants: Readonly<Record<string, { name: string }>>;
  exchange: ExchangeState | null;
  marketT: number | null;
  trades: readonly TradeFeedEntry[];
  trading: { fills: number };
}

function nameOf(s: MarketSlice): (id: string) => string {
  return (id) => s.participants[id]?.name ?? id;
}

function withUpdate<S extends MarketSlice>(s: S, u: MarketUpdate, seq: number, t: number): S {
  if (u.fills.length === 0) return { ...s, exchange: u.state };
  return {
    ...s,
    exchange: u.state,
    trades: pushFeed(s.trades, passiveEntries(u.fills, seq, t, nameOf(s))),
    trading: { ...s.trading, fills: s.trading.fills + u.fills.length },
  };
}

/**
 * Advance prices by the tick's dtMs with the session's PRNG and write its state back, so every
 * price of a recording is a function of the seed and the events before it.
 */
export function exchangeAfterTick<S extends MarketSlice>(s: S, e: EventOf<'market.ticked'>): S {
  const marketT = (s.marketT ?? e.t) + e.dtMs;
  if (!s.exchange) return { ...s, marketT };
  const rng = new Rng(s.rng);
  const u = tickExchange(s.exchange, e.dtMs, rng);
  return { ...withUpdate(s, u, e.seq, e.t), rng: rng.state, marketT };
}

/** A fired `market_shock` incident moves its sector (clamped to the daily limits). */
export function exchangeAfterIncident<S extends MarketSlice>(s: S, e: EventOf<'incident.fired'>): S {
  if (!s.exchange || !s.scenario) return s;
  const inc = s.scenario.incidents.find((i) => i.id === e.incidentId);
  const shock = inc ? shockOf(inc) : null;
  if (!shock) return s;
  return withUpdate(s, shockExchange(s.exchange, shock), e.seq, e.t);
}
