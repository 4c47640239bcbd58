/**
 * placeOrder: validate an order against the market rules, then fill it at once, rest it on the
 * book, or reject it with a rule code and a message that names the number involved.
 * A rejection returns the very same state object (nothing changed, nothing copied).
 */
import { findAccount, positionOf, putAccount, withPosition } from './accounts.js';
import { addResting } from './book.js';
import { hasOwn } from './market.js';
import { ceilTo, floorTo, formatFen, onStep, roundQty, roundTo } from './money.js';
import { placeFundOrder } from './fund-orders.js';
import { immediateFill, refuse, reject, type PlaceOrderOutcome } from './results.js';
import { assessSuitability, boardLabel, lotOk, REJECT, type ExchangeConfig } from './rules.js';
import { applyBuy, applySell, exchangeMoney, type TradeMoney } from './settle.js';
import type {
  Account,
  ExchangeState,
  InstrumentSpec,
  OrderContext,
  OrderRequest,
  Position,
  Quote,
  RestingOrder,
  Suitability,
} from './types.js';

export type { OrderResult, PlaceOrderOutcome } from './results.js';

/** "10% on the main board": built only when a message needs it, never on the accepted path. */
function limitText(spec: InstrumentSpec): string {
  return `${Math.round(spec.limitPct * 100)}% on the ${boardLabel(spec)}`;
}

function fmtPrice(p: number, decimals: number): string {
  return p.toFixed(decimals);
}

/**
 * The price a marketable order of qty fills at: half the spread plus slippage linear in order
 * value, rounded away from the trader to the tick and kept inside the daily limits.
 */
export function marketablePrice(
  q: Quote,
  spec: InstrumentSpec,
  side: 'buy' | 'sell',
  qty: number,
  cfg: ExchangeConfig,
) {
  const valueCny = q.last * qty;
  const bps = cfg.spreadBps / 2 + (cfg.slippageBpsPer100k * valueCny) / 100_000;
  if (side === 'buy') {
    const p = ceilTo(q.last * (1 + bps / 10_000), spec.decimals);
    return p > q.limitUp ? q.limitUp : p;
  }
  const p = floorTo(q.last * (1 - bps / 10_000), spec.decimals);
  return p < q.limitDown ? q.limitDown : p;
}

function isQty(x: unknown, max: number): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= max;
}

export function placeOrder(state: ExchangeState, order: OrderRequest, ctx: OrderContext): PlaceOrderOutcome {
  if (typeof order !== 'object' || order === null) return reject(state, REJECT.BAD_ORDER, 'order must be an object');
  const { accountId, code, side, type } = order;
  if (side !== 'buy' && side !== 'sell')
    return reject(state, REJECT.BAD_ORDER, `side ${JSON.stringify(side)} must be "buy" or "sell"`);
  if (type !== 'market' && type !== 'limit')
    return reject(state, REJECT.BAD_ORDER, `order type ${JSON.stringify(type)} must be "market" or "limit"`);
  const account = typeof accountId === 'string' ? findAccount(state.accounts, accountId) : undefined;
  if (!account) return reject(state, REJECT.UNKNOWN_ACCOUNT, `account ${JSON.stringify(accountId)} does not exist`);
  const market = state.market;
  if (typeof code !== 'string' || !hasOwn(market.instruments, code))
    return reject(state, REJECT.UNKNOWN_INSTRUMENT, `instrument ${JSON.stringify(code)} is not listed`);
  const spec = market.instruments[code] as InstrumentSpec;
  const suitability = assessSuitability(account.riskClass, spec.risk, side);
  if (!market.open)
    return reject(state, REJECT.MARKET_CLOSED, `the market is closed (trading day ${market.tradingDay})`, suitability);
  if (spec.kind === 'fund') return placeFundOrder(state, account, spec, order, ctx, suitability);
  return placeExchangeOrder(state, account, spec, order, ctx, suitability);
}

function placeExchangeOrder(
  state: ExchangeState,
  account: Account,
  spec: InstrumentSpec,
  order: OrderRequest,
  ctx: OrderContext,
  suitability: Suitability,
): PlaceOrderOutcome {
  const cfg = state.config;
  const { side, qty, code } = order;
  if (order.amount !== undefined)
    return refuse(
      state,
      suitability,
      REJECT.BAD_ORDER,
      `${spec.kind}s trade by quantity; an amount of ${String(order.amount)} is for funds`,
    );
  if (!isQty(qty, cfg.maxQty) || !Number.isInteger(qty))
    return refuse(
      state,
      suitability,
      REJECT.BAD_ORDER,
      `quantity ${String(qty)} must be a whole number of shares between 1 and ${cfg.maxQty}`,
    );
  const q = state.market.quotes[code] as Quote;
  let limit = 0;
  if (order.type === 'limit') {
    const lp = order.limitPrice;
    if (typeof lp !== 'number' || !Number.isFinite(lp) || lp <= 0)
      return refuse(state, suitability, REJECT.BAD_ORDER, `limit price ${String(lp)} must be a positive number`);
    if (!onStep(lp, spec.decimals))
      return refuse(
        state,
        suitability,
        REJECT.BAD_ORDER,
        `limit price ${lp} is not a multiple of the ${(10 ** -spec.decimals).toFixed(spec.decimals)} tick`,
      );
    limit = roundTo(lp, spec.decimals);
    if (limit > q.limitUp)
      return refuse(
        state,
        suitability,
        REJECT.PRICE_LIMIT,
        `limit price ${fmtPrice(limit, spec.decimals)} is above today's limit-up ${fmtPrice(q.limitUp, spec.decimals)} (+${limitText(spec)})`,
      );
    if (limit < q.limitDown)
      return refuse(
        state,
        suitability,
        REJECT.PRICE_LIMIT,
        `limit price ${fmtPrice(limit, spec.decimals)} is below today's limit-down ${fmtPrice(q.limitDown, spec.decimals)} (-${limitText(spec)})`,
      );
  } else if (order.limitPrice !== undefined) {
    return refuse(
      state,
      suitability,
      REJECT.BAD_ORDER,
      `a market order takes no limit price (got ${String(order.limitPrice)})`,
    );
  }
  const pos = positionOf(account, code);
  const lot = cfg.lotSize;
  if (!lotOk(side, qty, pos?.qty ?? 0, lot)) {
    const odd =
      side === 'sell' && pos && pos.qty % lot !== 0
        ? ` (odd lots may only close the whole ${pos.qty % lot}-share remainder)`
        : '';
    return refuse(
      state,
      suitability,
      REJECT.LOT_SIZE,
      `quantity ${qty} is not a multiple of the ${lot}-share lot${odd}`,
    );
  }
  if (side === 'sell') {
    const available = pos?.available ?? 0;
    if (qty > available) {
      const unfrozen = pos ? pos.qty - pos.frozen : 0;
      if (qty <= unfrozen)
        return refuse(
          state,
          suitability,
          REJECT.T_PLUS_ONE,
          `cannot sell ${qty} today: ${available} shares are available and ${unfrozen - available} were bought today (T+1)`,
        );
      return refuse(
        state,
        suitability,
        REJECT.INSUFFICIENT_POSITION,
        `cannot sell ${qty}: ${available} shares of ${code} are available`,
      );
    }
  }
  const freeFen = account.cashFen - account.reservedFen;
  const price = marketablePrice(q, spec, side, qty, cfg);
  const crosses = order.type === 'market' || (side === 'buy' ? limit >= price : limit <= price);
  const orderId = state.nextOrderId;
  if (crosses) {
    const m = exchangeMoney(spec, side, price, qty, cfg);
    if (-m.cashDeltaFen > freeFen)
      return refuse(state, suitability, REJECT.INSUFFICIENT_CASH, cashMessage(-m.cashDeltaFen, m, freeFen));
    const next = side === 'buy' ? applyBuy(account, code, qty, m, 0) : applySell(account, code, qty, m, false, 0);
    const fill = immediateFill(orderId, account.id, code, side, qty, price, m, ctx.t, state.market.tradingDay);
    return {
      state: { ...state, accounts: putAccount(state.accounts, next), nextOrderId: orderId + 1 },
      result: { ok: true, orderId, fill, suitability },
    };
  }
  // Rest: reserve what the fill at the limit price will cost, so later fills cannot overdraw.
  const atLimit = exchangeMoney(spec, side, limit, qty, cfg);
  const reserveFen = atLimit.cashDeltaFen < 0 ? -atLimit.cashDeltaFen : 0;
  if (reserveFen > freeFen)
    return refuse(state, suitability, REJECT.INSUFFICIENT_CASH, cashMessage(reserveFen, atLimit, freeFen));
  const resting: RestingOrder = {
    id: orderId,
    accountId: account.id,
    code,
    side,
    qty,
    limitPrice: limit,
    reservedFen: reserveFen,
    t: ctx.t,
    tradingDay: state.market.tradingDay,
  };
  let next: Account = account;
  if (side === 'sell') {
    const p = pos as Position;
    next = withPosition(account, code, {
      ...p,
      available: roundQty(p.available - qty),
      frozen: roundQty(p.frozen + qty),
    });
  }
  if (reserveFen > 0) next = { ...next, reservedFen: next.reservedFen + reserveFen };
  return {
    state: {
      ...state,
      accounts: putAccount(state.accounts, next),
      book: addResting(state.book, spec.index, resting),
      nextOrderId: orderId + 1,
    },
    result: { ok: true, orderId, resting, suitability },
  };
}

function cashMessage(needFen: number, m: TradeMoney, freeFen: number): string {
  const fees = m.commissionFen + m.stampDutyFen + m.fundFeeFen;
  return `needs ${formatFen(needFen)} CNY (incl. ${formatFen(fees)} fees) but only ${formatFen(freeFen)} CNY is available`;
}
