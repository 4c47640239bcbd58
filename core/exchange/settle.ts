/**
 * Money arithmetic of a trade and how it changes an account. Shared by immediate fills
 * (orders.ts) and resting orders filling later (book.ts), so both charge exactly the same.
 */
import { addBought, positionOf, removeSold, withPosition } from './accounts.js';
import { commissionFen, stampDutyFen, type ExchangeConfig } from './rules.js';
import type { Account, InstrumentSpec, Position } from './types.js';

export interface TradeMoney {
  notionalFen: number;
  commissionFen: number;
  stampDutyFen: number;
  fundFeeFen: number;
  /** Signed cash change: -(notional + fees) for a buy, notional - fees for a sell. */
  cashDeltaFen: number;
}

/** Exchange-traded (stock/ETF) trade at price × qty. */
export function exchangeMoney(
  spec: InstrumentSpec,
  side: 'buy' | 'sell',
  price: number,
  qty: number,
  cfg: ExchangeConfig,
): TradeMoney {
  // Count in whole ticks first so that float noise in price × qty never reaches the fen.
  const d = spec.decimals;
  const ticks = Math.round(price * 10 ** d);
  const notionalFen = d <= 2 ? ticks * qty * 10 ** (2 - d) : Math.round((ticks * qty) / 10 ** (d - 2));
  const commission = commissionFen(notionalFen, cfg);
  if (side === 'buy') {
    return {
      notionalFen,
      commissionFen: commission,
      stampDutyFen: 0,
      fundFeeFen: 0,
      cashDeltaFen: -(notionalFen + commission),
    };
  }
  const stamp = spec.kind === 'stock' ? stampDutyFen(notionalFen, cfg) : 0;
  return {
    notionalFen,
    commissionFen: commission,
    stampDutyFen: stamp,
    fundFeeFen: 0,
    cashDeltaFen: notionalFen - commission - stamp,
  };
}

function feesOf(m: TradeMoney): number {
  return m.commissionFen + m.stampDutyFen + m.fundFeeFen;
}

/**
 * Apply a buy. `releaseFen` is the reservation it consumes (a resting order's); the caller has
 * checked that cash - (reserved - release) covers the cost, so cash stays ≥ reserved ≥ 0.
 */
export function applyBuy(account: Account, code: string, qty: number, m: TradeMoney, releaseFen: number): Account {
  const next = withPosition(account, code, addBought(positionOf(account, code), code, qty, -m.cashDeltaFen));
  next.cashFen = account.cashFen + m.cashDeltaFen;
  next.reservedFen = account.reservedFen - releaseFen;
  next.feesPaidFen = account.feesPaidFen + feesOf(m);
  return next;
}

/** Apply a sell of qty out of `available` (or, fromFrozen, out of a resting sell's frozen qty). */
export function applySell(
  account: Account,
  code: string,
  qty: number,
  m: TradeMoney,
  fromFrozen: boolean,
  releaseFen: number,
): Account {
  const pos = positionOf(account, code) as Position;
  const sold = removeSold(pos, qty, fromFrozen);
  const next = withPosition(account, code, sold.pos);
  next.cashFen = account.cashFen + m.cashDeltaFen;
  next.reservedFen = account.reservedFen - releaseFen;
  next.feesPaidFen = account.feesPaidFen + feesOf(m);
  next.realisedPnlFen = account.realisedPnlFen + m.cashDeltaFen - sold.costFen;
  return next;
}
