/**
 * The exchange as one value: market + accounts + book. Every function takes the state and
 * returns a new one (sharing what did not change); time and randomness come in as arguments.
 */
import type { Instrument } from '../scenario.js';
import type { Rng } from '../random.js';
import {
  AccountsWriter,
  emptyShards,
  findAccount,
  newAccount,
  positionOf,
  putAccount,
  withPosition,
  type OpenAccountSpec,
} from './accounts.js';
import { emptyBook, findResting, matchBook, removeResting } from './book.js';
import { createMarket, rollMarketDay, setOpen } from './market.js';
import { applyShock, tick } from './prices.js';
import { makeConfig, REJECT, type ExchangeConfig, type RejectCode } from './rules.js';
import type { Account, ExchangeState, Fill, Position, Quote, RestingOrder, Shock } from './types.js';

export interface CreateExchangeOptions {
  instruments: readonly Instrument[];
  config?: Partial<ExchangeConfig>;
  tradingDay?: number;
  open?: boolean;
}

export function createExchange(opts: CreateExchangeOptions): ExchangeState {
  const config = makeConfig(opts.config);
  const market = createMarket(opts.instruments, config, { tradingDay: opts.tradingDay, open: opts.open });
  return {
    version: 1,
    config,
    market,
    accounts: emptyShards(),
    book: emptyBook(market.codes.length),
    nextOrderId: 1,
  };
}

/**
 * Open an account for a viewer. Opening an id that exists, or a spec that makes no sense
 * (negative cash, unknown risk class), returns the state unchanged with ok: false.
 */
export function openAccount(state: ExchangeState, spec: OpenAccountSpec): { state: ExchangeState; ok: boolean } {
  if (findAccount(state.accounts, spec.id)) return { state, ok: false };
  const acc = newAccount(spec);
  if (!acc) return { state, ok: false };
  return { state: { ...state, accounts: putAccount(state.accounts, acc) }, ok: true };
}

export interface MarketUpdate {
  state: ExchangeState;
  /** Resting orders filled by the move. */
  fills: Fill[];
  /** Quotes whose last price changed. */
  ticks: Quote[];
}

/** Advance prices by dtMs of session time and fill resting orders the new prices cross. */
export function tickExchange(state: ExchangeState, dtMs: number, rng: Rng): MarketUpdate {
  const moved = tick(state.market, dtMs, rng, state.config);
  return afterMove(state, moved.market, moved.ticks);
}

/** Apply a price shock (a sector, some codes, or the whole market) and fill what it crosses. */
export function shockExchange(state: ExchangeState, shock: Shock): MarketUpdate {
  const moved = applyShock(state.market, shock);
  return afterMove(state, moved.market, moved.ticks);
}

function afterMove(state: ExchangeState, market: ExchangeState['market'], ticks: Quote[]): MarketUpdate {
  if (market === state.market) return { state, fills: [], ticks };
  const matched = matchBook(state.book, state.accounts, market, ticks, state.config);
  if (matched.fills.length === 0) return { state: { ...state, market }, fills: [], ticks };
  return { state: { ...state, market, book: matched.book, accounts: matched.accounts }, fills: matched.fills, ticks };
}

export function setMarketOpen(state: ExchangeState, open: boolean): ExchangeState {
  const market = setOpen(state.market, open);
  return market === state.market ? state : { ...state, market };
}

/**
 * Start the next trading day: resting orders expire (A-share orders are day orders) and release
 * what they reserved, shares bought yesterday become sellable (T+1), prices roll over.
 */
export function newTradingDay(state: ExchangeState, rng: Rng): { state: ExchangeState; expired: RestingOrder[] } {
  const writer = new AccountsWriter(state.accounts);
  const expired: RestingOrder[] = [];
  for (const sides of state.book) {
    for (const o of sides.bids) expired.push(o);
    for (const o of sides.asks) expired.push(o);
  }
  for (const shard of state.accounts) {
    for (const acc of shard) {
      let changed = acc.reservedFen !== 0;
      const positions = acc.positions.map((p) => {
        if (p.available === p.qty && p.frozen === 0) return p;
        changed = true;
        return { ...p, available: p.qty, frozen: 0 };
      });
      if (changed) writer.put({ ...acc, reservedFen: 0, positions });
    }
  }
  const market = rollMarketDay(state.market, rng, state.config);
  return { state: { ...state, market, accounts: writer.done(), book: emptyBook(market.codes.length) }, expired };
}

export type CancelResult = { ok: true; order: RestingOrder } | { ok: false; code: RejectCode; message: string };

/** Cancel a resting order of this account, releasing its reserved cash or frozen shares. */
export function cancelOrder(
  state: ExchangeState,
  accountId: string,
  orderId: number,
): { state: ExchangeState; result: CancelResult } {
  const found = findResting(state.book, accountId, orderId);
  const acc = findAccount(state.accounts, accountId);
  if (!found || !acc)
    return {
      state,
      result: { ok: false, code: REJECT.UNKNOWN_ORDER, message: `order ${orderId} is not resting for ${accountId}` },
    };
  const o = found.order;
  let next: Account = { ...acc, reservedFen: acc.reservedFen - o.reservedFen };
  if (o.side === 'sell') {
    const p = positionOf(acc, o.code) as Position;
    next = withPosition(next, o.code, { ...p, available: p.available + o.qty, frozen: p.frozen - o.qty });
  }
  return {
    state: { ...state, book: removeResting(state.book, found), accounts: putAccount(state.accounts, next) },
    result: { ok: true, order: o },
  };
}
