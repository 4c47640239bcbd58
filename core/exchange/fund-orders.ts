/**
 * Fund orders: subscriptions by amount (CNY) and redemptions by units, both at today's NAV.
 * Simplification: a real subscription is forward-priced at the day's closing NAV and confirmed
 * T+1; here it fills at once at the published NAV (a rehearsal does not wait overnight), while
 * T+1 still applies to redeeming the new units.
 */
import { positionOf, putAccount } from './accounts.js';
import { formatFen, onStep, roundQty, toFen } from './money.js';
import { immediateFill, refuse, type PlaceOrderOutcome } from './results.js';
import { REJECT, subscriptionFeeFen } from './rules.js';
import { applyBuy, applySell, type TradeMoney } from './settle.js';
import type {
  Account,
  ExchangeState,
  InstrumentSpec,
  OrderContext,
  OrderRequest,
  Quote,
  Suitability,
} from './types.js';

export function placeFundOrder(
  state: ExchangeState,
  account: Account,
  spec: InstrumentSpec,
  order: OrderRequest,
  ctx: OrderContext,
  suitability: Suitability,
): PlaceOrderOutcome {
  const cfg = state.config;
  if (order.type !== 'market' || order.limitPrice !== undefined)
    return refuse(
      state,
      suitability,
      REJECT.BAD_ORDER,
      `funds trade at NAV; a limit order (price ${String(order.limitPrice)}) is not accepted`,
    );
  const nav = (state.market.quotes[spec.code] as Quote).last;
  if (!(nav > 0))
    return refuse(state, suitability, REJECT.BAD_ORDER, `NAV ${nav} is not a price this fund can trade at`);
  const freeFen = account.cashFen - account.reservedFen;
  const orderId = state.nextOrderId;
  const day = state.market.tradingDay;
  let next: Account;
  let m: TradeMoney;
  let units: number;
  if (order.side === 'buy') {
    const amount = order.amount;
    if (order.qty !== undefined)
      return refuse(
        state,
        suitability,
        REJECT.BAD_ORDER,
        `funds are bought by amount in CNY, not by quantity (got quantity ${String(order.qty)})`,
      );
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > cfg.maxQty * 100)
      return refuse(state, suitability, REJECT.BAD_ORDER, `amount ${String(amount)} must be a positive number of CNY`);
    if (!onStep(amount, 2))
      return refuse(state, suitability, REJECT.BAD_ORDER, `amount ${amount} has more than two decimals (fen)`);
    const amountFen = toFen(amount);
    if (amountFen < cfg.fundMinAmountFen)
      return refuse(
        state,
        suitability,
        REJECT.LOT_SIZE,
        `amount ${formatFen(amountFen)} CNY is below the ${formatFen(cfg.fundMinAmountFen)} CNY minimum subscription`,
      );
    if (amountFen > freeFen)
      return refuse(
        state,
        suitability,
        REJECT.INSUFFICIENT_CASH,
        `needs ${formatFen(amountFen)} CNY but only ${formatFen(freeFen)} CNY is available`,
      );
    const feeFen = subscriptionFeeFen(amountFen, cfg);
    const netFen = amountFen - feeFen;
    // Units are rounded down to 0.01: the investor never gets more than the net amount buys.
    units = Math.floor(netFen / nav + 1e-9) / 100;
    if (units <= 0)
      return refuse(
        state,
        suitability,
        REJECT.LOT_SIZE,
        `amount ${formatFen(amountFen)} CNY buys less than 0.01 units at NAV ${nav.toFixed(4)}`,
      );
    m = { notionalFen: netFen, commissionFen: 0, stampDutyFen: 0, fundFeeFen: feeFen, cashDeltaFen: -amountFen };
    next = applyBuy(account, spec.code, units, m, 0);
  } else {
    const qty = order.qty;
    if (order.amount !== undefined)
      return refuse(
        state,
        suitability,
        REJECT.BAD_ORDER,
        `funds are redeemed by units, not by amount (got amount ${String(order.amount)})`,
      );
    if (typeof qty !== 'number' || !Number.isFinite(qty) || qty <= 0 || qty > cfg.maxQty)
      return refuse(state, suitability, REJECT.BAD_ORDER, `units ${String(qty)} must be a positive number`);
    if (!onStep(qty, 2)) return refuse(state, suitability, REJECT.LOT_SIZE, `units ${qty} must be in steps of 0.01`);
    units = roundQty(qty);
    const pos = positionOf(account, spec.code);
    const available = pos?.available ?? 0;
    if (units > available) {
      const unfrozen = pos ? roundQty(pos.qty - pos.frozen) : 0;
      if (units <= unfrozen)
        return refuse(
          state,
          suitability,
          REJECT.T_PLUS_ONE,
          `cannot redeem ${units} units today: ${available} are available and ${roundQty(unfrozen - available)} were bought today (T+1)`,
        );
      return refuse(
        state,
        suitability,
        REJECT.INSUFFICIENT_POSITION,
        `cannot redeem ${units} units: ${available} units of ${spec.code} are available`,
      );
    }
    const grossFen = Math.round(units * nav * 100);
    const feeFen = Math.round(grossFen * cfg.fundRedemptionRate);
    m = {
      notionalFen: grossFen,
      commissionFen: 0,
      stampDutyFen: 0,
      fundFeeFen: feeFen,
      cashDeltaFen: grossFen - feeFen,
    };
    next = applySell(account, spec.code, units, m, false, 0);
  }
  return {
    state: { ...state, accounts: putAccount(state.accounts, next), nextOrderId: orderId + 1 },
    result: {
      ok: true,
      orderId,
      fill: immediateFill(orderId, account.id, spec.code, order.side, units, nav, m, ctx.t, day),
      suitability,
    },
  };
}
