/** What placing an order answers, and the helpers that build those answers. */
import type { RejectCode } from './rules.js';
import type { TradeMoney } from './settle.js';
import type { ExchangeState, Fill, RestingOrder, Suitability } from './types.js';

export type OrderResult =
  | { ok: true; orderId: number; fill?: Fill; resting?: RestingOrder; suitability: Suitability }
  | { ok: false; code: RejectCode; message: string; suitability?: Suitability };

export interface PlaceOrderOutcome {
  state: ExchangeState;
  result: OrderResult;
}

export function reject(
  state: ExchangeState,
  code: RejectCode,
  message: string,
  suitability?: Suitability,
): PlaceOrderOutcome {
  return { state, result: suitability ? { ok: false, code, message, suitability } : { ok: false, code, message } };
}

/** reject() with the suitability first: reads better at the many call sites of one order. */
export function refuse(
  state: ExchangeState,
  suitability: Suitability,
  code: RejectCode,
  message: string,
): PlaceOrderOutcome {
  return { state, result: { ok: false, code, message, suitability } };
}

export function immediateFill(
  orderId: number,
  accountId: string,
  code: string,
  side: 'buy' | 'sell',
  qty: number,
  price: number,
  m: TradeMoney,
  t: number,
  tradingDay: number,
): Fill {
  return {
    orderId,
    accountId,
    code,
    side,
    qty,
    price,
    notionalFen: m.notionalFen,
    commissionFen: m.commissionFen,
    stampDutyFen: m.stampDutyFen,
    fundFeeFen: m.fundFeeFen,
    cashDeltaFen: m.cashDeltaFen,
    passive: false,
    t,
    tradingDay,
  };
}
