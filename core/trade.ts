/**
 * The mock exchange inside a session: how a scenario's instruments become the session's
 * exchange, how a `trade.place` command becomes events (decide) and how those events move the
 * exchange (reduce). Both sides call placeOrder on the same state, so the outcome written in the
 * events is the outcome the reducer reproduces — on the server, in every client and in replay.
 */
import {
  createExchange,
  openAccount,
  placeOrder,
  type ExchangeConfig,
  type ExchangeState,
  type Fill,
  type OrderRequest,
  type OrderType,
  type RejectCode,
  type RiskClass,
  type Shock,
  type Side,
} from './exchange/index.js';
import type { Incident, Instrument, Scenario } from './scenario.js';

/** Every viewer's simulated cash on their first order (the scenario's script says 十万元). */
export const MOCK_CASH_CNY = 100_000;
/**
 * The risk class of a viewer who does not declare one (people at the rehearsal): C3 is the
 * middle of the scale, so R4/R5 buys show up as mismatches as they would for most retail clients.
 */
export const DEFAULT_RISK_CLASS: RiskClass = 'C3';
/**
 * A rehearsal lasts half an hour; at real-time speed prices would barely move. The market runs
 * ten times faster than the session clock, so a 30-minute stream spans about one trading day.
 */
export const SESSION_EXCHANGE_CONFIG: Partial<ExchangeConfig> = { timeScale: 10 };
/** The room ticks the market every this many ms of session time (whole seconds, while live). */
export const MARKET_TICK_MS = 1000;
/** Recent fills and rejections kept in state for the trade board; the recording keeps all. */
export const TRADE_FEED_WINDOW = 40;

/** An order as it travels in `trade.order`: the exchange's OrderRequest without the account. */
export type TradeRequestPayload = Omit<OrderRequest, 'accountId'>;

export interface TradeOpenSpec {
  cash: number;
  riskClass: RiskClass;
}

/** `trade.fill` payload: what the board and the rubric need from an exchange Fill. */
export interface TradeFillPayload {
  orderId: number;
  accountId: string;
  code: string;
  side: Side;
  qty: number;
  price: number;
  feesFen: number;
  cashDeltaFen: number;
}

/** What a `trade.place` ack carries (beside `ok` and `seq`). */
export type TradeOutcome =
  | { status: 'filled'; orderId: number; price: number; qty: number; mismatch: boolean }
  | { status: 'resting'; orderId: number; limitPrice: number; qty: number; mismatch: boolean }
  | { status: 'rejected'; reason: RejectCode; message: string; mismatch: boolean };

/** One line of the trade board's ticker. */
export interface TradeFeedEntry {
  seq: number;
  t: number;
  accountId: string;
  name: string;
  code: string;
  side: Side;
  kind: 'fill' | 'reject';
  qty: number | null;
  price: number | null;
  reason: RejectCode | null;
  /** A resting limit order filled by a later price move. */
  passive: boolean;
}

export function createSessionExchange(scenario: Scenario): ExchangeState | null {
  if (scenario.instruments.length === 0) return null;
  return createExchange({ instruments: scenario.instruments, config: SESSION_EXCHANGE_CONFIG });
}

/** Build the payload with only the fields that are set (JSON-stable: no `undefined` keys). */
export function tradeRequest(p: {
  code: string;
  side: Side;
  type: OrderType;
  qty?: number | undefined;
  amount?: number | undefined;
  limitPrice?: number | undefined;
}): TradeRequestPayload {
  const r: TradeRequestPayload = { code: p.code, side: p.side, type: p.type };
  if (p.qty !== undefined) r.qty = p.qty;
  if (p.amount !== undefined) r.amount = p.amount;
  if (p.limitPrice !== undefined) r.limitPrice = p.limitPrice;
  return r;
}

function toOrder(accountId: string, r: TradeRequestPayload): OrderRequest {
  return { accountId, ...r };
}

/** The exchange with the viewer's account opened (if `open`) and the order placed at time t. */
export function applyOrder(
  ex: ExchangeState,
  accountId: string,
  request: TradeRequestPayload,
  open: TradeOpenSpec | null,
  t: number,
) {
  const base = open ? openAccount(ex, { id: accountId, cash: open.cash, riskClass: open.riskClass }).state : ex;
  return placeOrder(base, toOrder(accountId, request), { t });
}

export interface OrderPlan {
  open: TradeOpenSpec | null;
  outcome: TradeOutcome;
  /** Outcome events that follow `trade.order`, as payloads (decide turns them into drafts). */
  fill?: TradeFillPayload;
  rested?: { orderId: number; accountId: string; code: string; side: Side; qty: number; limitPrice: number };
  reject?: { accountId: string; code: string; side: Side; reason: RejectCode; message: string };
  unsuitable?: { accountId: string; code: string; accountRisk: RiskClass; productRisk: Instrument['risk'] };
}

/** What an order would do now: decide's half of the work (reduce repeats placeOrder on the same state). */
export function planOrder(
  ex: ExchangeState,
  accountId: string,
  request: TradeRequestPayload,
  declaredRisk: RiskClass | undefined,
  hasAccount: boolean,
  t: number,
): OrderPlan {
  const open = hasAccount ? null : { cash: MOCK_CASH_CNY, riskClass: declaredRisk ?? DEFAULT_RISK_CLASS };
  const { result } = applyOrder(ex, accountId, request, open, t);
  const { code, side } = request;
  const s = result.suitability;
  const mismatch = s?.mismatch ?? false;
  const plan: OrderPlan = { open, outcome: { status: 'rejected', reason: 'BAD_ORDER', message: '', mismatch } };
  if (s?.mismatch) plan.unsuitable = { accountId, code, accountRisk: s.accountRisk, productRisk: s.productRisk };
  if (!result.ok) {
    plan.outcome = { status: 'rejected', reason: result.code, message: result.message, mismatch };
    plan.reject = { accountId, code, side, reason: result.code, message: result.message };
  } else if (result.fill) {
    const f = result.fill;
    plan.outcome = { status: 'filled', orderId: f.orderId, price: f.price, qty: f.qty, mismatch };
    plan.fill = fillPayload(f);
  } else if (result.resting) {
    const r = result.resting;
    plan.outcome = { status: 'resting', orderId: r.id, limitPrice: r.limitPrice, qty: r.qty, mismatch };
    plan.rested = { orderId: r.id, accountId, code, side, qty: r.qty, limitPrice: r.limitPrice };
  }
  return plan;
}

export function fillPayload(f: Fill): TradeFillPayload {
  return {
    orderId: f.orderId,
    accountId: f.accountId,
    code: f.code,
    side: f.side,
    qty: f.qty,
    price: f.price,
    feesFen: f.commissionFen + f.stampDutyFen + f.fundFeeFen,
    cashDeltaFen: f.cashDeltaFen,
  };
}

/** A `market_shock` incident's detail as a Shock: `sector`, optional comma-separated `codes`, `pct`. */
export function shockOf(incident: Incident): Shock | null {
  if (incident.kind !== 'market_shock') return null;
  const d = incident.detail ?? {};
  const pct = typeof d.pct === 'number' ? d.pct : Number(d.pct);
  if (!Number.isFinite(pct)) return null;
  const shock: Shock = { pct };
  if (typeof d.sector === 'string') shock.sector = d.sector;
  if (typeof d.codes === 'string') shock.codes = d.codes.split(',').map((c) => c.trim());
  return shock;
}

/** Append to a bounded feed, newest last (copies at most TRADE_FEED_WINDOW entries). */
export function pushFeed(feed: readonly TradeFeedEntry[], entries: readonly TradeFeedEntry[]): TradeFeedEntry[] {
  if (entries.length === 0) return feed as TradeFeedEntry[];
  const all = feed.concat(entries);
  return all.length > TRADE_FEED_WINDOW ? all.slice(all.length - TRADE_FEED_WINDOW) : all;
}

/** Feed entries for fills a price move caused (resting orders crossed by a tick or a shock). */
export function passiveEntries(
  fills: readonly Fill[],
  seq: number,
  t: number,
  nameOf: (accountId: string) => string,
): TradeFeedEntry[] {
  return fills.map((f) => ({
    seq,
    t,
    accountId: f.accountId,
    name: nameOf(f.accountId),
    code: f.code,
    side: f.side,
    kind: 'fill',
    qty: f.qty,
    price: f.price,
    reason: null,
    passive: true,
  }));
}

const RISK_TEXT: Record<Instrument['risk'], { zh: string; en: string; fit: RiskClass }> = {
  R1: { zh: '低风险', en: 'low risk', fit: 'C1' },
  R2: { zh: '中低风险', en: 'medium-low risk', fit: 'C2' },
  R3: { zh: '中风险', en: 'medium risk', fit: 'C3' },
  R4: { zh: '中高风险', en: 'medium-high risk', fit: 'C4' },
  R5: { zh: '高风险', en: 'high risk', fit: 'C5' },
};

/** The risk wording a mock-trade invitation shows with a product, from its risk level. */
export function riskWording(ins: Instrument, lang: 'zh' | 'en' = 'zh'): string {
  const r = RISK_TEXT[ins.risk];
  if (lang === 'en')
    return `${ins.name.en} is ${ins.risk} (${r.en}), suitable for ${r.fit} investors and above. Simulated money and prices; losses are possible; not investment advice.`;
  return `${ins.name.zh}为${ins.risk}${r.zh}产品，适合${r.fit}及以上投资者。模拟资金、模拟行情，价格会波动，可能亏损，不构成投资建议。`;
}
