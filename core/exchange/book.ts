/**
 * Resting limit orders: a copy-on-write sorted list per instrument and side, and the matching
 * that fills them when a later price crosses. A resting order is the passive side, so it fills at
 * its own limit price; that is also exactly what was reserved, so a fill can never overdraw.
 */
import { AccountsWriter } from './accounts.js';
import type { ExchangeConfig } from './rules.js';
import { applyBuy, applySell, exchangeMoney } from './settle.js';
import type { AccountShards, BookSides, Fill, InstrumentSpec, MarketState, Quote, RestingOrder } from './types.js';

const EMPTY: BookSides = { bids: [], asks: [] };

export function sidesFor(book: Record<string, BookSides>, code: string): BookSides {
  return Object.prototype.hasOwnProperty.call(book, code) ? (book[code] as BookSides) : EMPTY;
}

/** Where a new order goes: after every order at a better or equal price (price, then time). */
function insertIndex(list: readonly RestingOrder[], price: number, bid: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = (list[mid] as RestingOrder).limitPrice;
    const before = bid ? p >= price : p <= price;
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function addResting(book: Record<string, BookSides>, order: RestingOrder): Record<string, BookSides> {
  const sides = sidesFor(book, order.code);
  const bid = order.side === 'buy';
  const list = bid ? sides.bids : sides.asks;
  const next = list.toSpliced(insertIndex(list, order.limitPrice, bid), 0, order);
  return { ...book, [order.code]: bid ? { bids: next, asks: sides.asks } : { bids: sides.bids, asks: next } };
}

/** Find a resting order by id and owner. */
export function findResting(
  book: Record<string, BookSides>,
  accountId: string,
  orderId: number,
): { order: RestingOrder; index: number } | null {
  for (const code in book) {
    const sides = book[code] as BookSides;
    for (const list of [sides.bids, sides.asks]) {
      const index = list.findIndex((o) => o.id === orderId);
      if (index >= 0) {
        const order = list[index] as RestingOrder;
        return order.accountId === accountId ? { order, index } : null;
      }
    }
  }
  return null;
}

export function removeResting(
  book: Record<string, BookSides>,
  order: RestingOrder,
  index: number,
): Record<string, BookSides> {
  const sides = sidesFor(book, order.code);
  if (order.side === 'buy')
    return { ...book, [order.code]: { bids: sides.bids.toSpliced(index, 1), asks: sides.asks } };
  return { ...book, [order.code]: { bids: sides.bids, asks: sides.asks.toSpliced(index, 1) } };
}

function restingFill(o: RestingOrder, m: ReturnType<typeof exchangeMoney>, t: number, day: number): Fill {
  return {
    orderId: o.id,
    accountId: o.accountId,
    code: o.code,
    side: o.side,
    qty: o.qty,
    price: o.limitPrice,
    notionalFen: m.notionalFen,
    commissionFen: m.commissionFen,
    stampDutyFen: m.stampDutyFen,
    fundFeeFen: 0,
    cashDeltaFen: m.cashDeltaFen,
    passive: true,
    t,
    tradingDay: day,
  };
}

/**
 * Fill every resting order the given quotes cross: bids at or above the last price, asks at or
 * below it. Only the instruments in `changed` are looked at (a price that did not move cannot
 * cross an order that did not cross when it was placed).
 */
export function matchBook(
  book: Record<string, BookSides>,
  accounts: AccountShards,
  market: MarketState,
  changed: readonly Quote[],
  cfg: ExchangeConfig,
): { book: Record<string, BookSides>; accounts: AccountShards; fills: Fill[] } {
  const fills: Fill[] = [];
  if (!market.open || changed.length === 0) return { book, accounts, fills };
  let nextBook = book;
  const writer = new AccountsWriter(accounts);
  const t = market.clockMs;
  const day = market.tradingDay;
  for (const q of changed) {
    const sides = sidesFor(nextBook, q.code);
    const spec = market.instruments[q.code] as InstrumentSpec;
    let b = 0;
    while (b < sides.bids.length && (sides.bids[b] as RestingOrder).limitPrice >= q.last) {
      const o = sides.bids[b++] as RestingOrder;
      const m = exchangeMoney(spec, 'buy', o.limitPrice, o.qty, cfg);
      const acc = writer.get(o.accountId);
      if (acc) writer.put(applyBuy(acc, o.code, o.qty, m, o.reservedFen));
      fills.push(restingFill(o, m, t, day));
    }
    let a = 0;
    while (a < sides.asks.length && (sides.asks[a] as RestingOrder).limitPrice <= q.last) {
      const o = sides.asks[a++] as RestingOrder;
      const m = exchangeMoney(spec, 'sell', o.limitPrice, o.qty, cfg);
      const acc = writer.get(o.accountId);
      if (acc) writer.put(applySell(acc, o.code, o.qty, m, true, o.reservedFen));
      fills.push(restingFill(o, m, t, day));
    }
    if (b > 0 || a > 0) {
      nextBook = {
        ...nextBook,
        [q.code]: { bids: b > 0 ? sides.bids.slice(b) : sides.bids, asks: a > 0 ? sides.asks.slice(a) : sides.asks },
      };
    }
  }
  return { book: nextBook, accounts: writer.done(), fills };
}
