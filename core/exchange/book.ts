/**
 * Resting limit orders: a copy-on-write sorted list per instrument and side, and the matching
 * that fills them when a later price crosses. A resting order is the passive side, so it fills at
 * its own limit price; that is also exactly what was reserved, so a fill can never overdraw.
 */
import { AccountsWriter } from './accounts.js';
import type { ExchangeConfig } from './rules.js';
import { applyBuy, applySell, exchangeMoney } from './settle.js';
import type { AccountShards, BookSides, Fill, InstrumentSpec, MarketState, Quote, RestingOrder } from './types.js';

/** One empty entry per instrument; entries are replaced, never mutated, so sharing is safe. */
export function emptyBook(n: number): BookSides[] {
  const book: BookSides[] = [];
  for (let i = 0; i < n; i++) book.push({ bids: [], asks: [] });
  return book;
}

function withSides(book: readonly BookSides[], index: number, sides: BookSides): BookSides[] {
  const next = book.slice();
  next[index] = sides;
  return next;
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

export function addResting(book: readonly BookSides[], index: number, order: RestingOrder): BookSides[] {
  const sides = book[index] as BookSides;
  const bid = order.side === 'buy';
  const list = bid ? sides.bids : sides.asks;
  const next = list.toSpliced(insertIndex(list, order.limitPrice, bid), 0, order);
  return withSides(book, index, bid ? { bids: next, asks: sides.asks } : { bids: sides.bids, asks: next });
}

export interface BookSlot {
  order: RestingOrder;
  book: number;
  index: number;
}

/** Find a resting order by id and owner: where it is in the book, or null. */
export function findResting(book: readonly BookSides[], accountId: string, orderId: number): BookSlot | null {
  for (let b = 0; b < book.length; b++) {
    const sides = book[b] as BookSides;
    for (const list of [sides.bids, sides.asks]) {
      const index = list.findIndex((o) => o.id === orderId);
      if (index >= 0) {
        const order = list[index] as RestingOrder;
        return order.accountId === accountId ? { order, book: b, index } : null;
      }
    }
  }
  return null;
}

export function removeResting(book: readonly BookSides[], at: BookSlot): BookSides[] {
  const sides = book[at.book] as BookSides;
  return withSides(
    book,
    at.book,
    at.order.side === 'buy'
      ? { bids: sides.bids.toSpliced(at.index, 1), asks: sides.asks }
      : { bids: sides.bids, asks: sides.asks.toSpliced(at.index, 1) },
  );
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
  book: BookSides[],
  accounts: AccountShards,
  market: MarketState,
  changed: readonly Quote[],
  cfg: ExchangeConfig,
): { book: BookSides[]; accounts: AccountShards; fills: Fill[] } {
  const fills: Fill[] = [];
  if (!market.open || changed.length === 0) return { book, accounts, fills };
  let nextBook = book;
  const writer = new AccountsWriter(accounts);
  const t = market.clockMs;
  const day = market.tradingDay;
  for (const q of changed) {
    const spec = market.instruments[q.code] as InstrumentSpec;
    const sides = nextBook[spec.index] as BookSides;
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
      nextBook = withSides(nextBook, spec.index, {
        bids: b > 0 ? sides.bids.slice(b) : sides.bids,
        asks: a > 0 ? sides.asks.slice(a) : sides.asks,
      });
    }
  }
  return { book: nextBook, accounts: writer.done(), fills };
}
