/**
 * The market's half of the reducer: price ticks and market shocks. Kept apart from session.ts so
 * that file stays about the session; both functions are pure and called only from reduce().
 */
import type { EventOf } from './events.js';
import { shockExchange, tickExchange, type MarketUpdate } from './exchange/index.js';
import { Rng } from './random.js';
import type { SessionState } from './session.js';
import { passiveEntries, pushFeed, shockOf } from './trade.js';

function nameOf(s: SessionState): (id: string) => string {
  return (id) => s.participants[id]?.name ?? id;
}

function withUpdate(s: SessionState, u: MarketUpdate, seq: number, t: number): SessionState {
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
export function exchangeAfterTick(s: SessionState, e: EventOf<'market.ticked'>): SessionState {
  const marketT = (s.marketT ?? e.t) + e.dtMs;
  if (!s.exchange) return { ...s, marketT };
  const rng = new Rng(s.rng);
  const u = tickExchange(s.exchange, e.dtMs, rng);
  return { ...withUpdate(s, u, e.seq, e.t), rng: rng.state, marketT };
}

/** A fired `market_shock` incident moves its sector (clamped to the daily limits). */
export function exchangeAfterIncident(s: SessionState, e: EventOf<'incident.fired'>): SessionState {
  if (!s.exchange || !s.scenario) return s;
  const inc = s.scenario.incidents.find((i) => i.id === e.incidentId);
  const shock = inc ? shockOf(inc) : null;
  if (!shock) return s;
  return withUpdate(s, shockExchange(s.exchange, shock), e.seq, e.t);
}
