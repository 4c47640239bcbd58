/**
 * The exchange's state shapes. Everything here is plain JSON data: it lives inside SessionState,
 * goes into recordings and must survive JSON.stringify/parse unchanged.
 *
 * Units: money that moves between accounts is integer fen (1 CNY = 100 fen) in fields ending in
 * `Fen`, so cash can be compared and subtracted exactly; prices are yuan numbers already rounded
 * to the instrument's tick (0.01, fund NAV 0.0001); fund units have at most two decimals.
 */
import type { Instrument } from '../scenario.js';

export type RiskLevel = Instrument['risk'];
export type RiskClass = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';

/** A scenario instrument plus what the exchange derives from it once. */
export interface InstrumentSpec extends Instrument {
  /** Position of the code in MarketState.codes, and of its book in ExchangeState.book. */
  index: number;
  /** Decimals of the price tick: 2 for stocks and ETFs, 4 for a fund NAV. */
  decimals: number;
  /** Daily price limit as a fraction of the previous close (0.1 = ±10 %). */
  limitPct: number;
}

export interface Quote {
  code: string;
  /** Last price (fund: today's NAV), rounded to the tick. */
  last: number;
  /**
   * The unrounded price the random walk continues from. Kept so that many tiny steps are not
   * swallowed by rounding to 0.01; a replay reproduces it bit for bit from the same inputs.
   */
  fair: number;
  open: number;
  high: number;
  low: number;
  prevClose: number;
  limitUp: number;
  limitDown: number;
}

export interface MarketState {
  /** Simulated trading day, starts at 1; T+1 compares against it. */
  tradingDay: number;
  open: boolean;
  /** Session milliseconds accumulated by ticks (the caller's clock, never read from the host). */
  clockMs: number;
  /** Instrument codes in sorted order: the one iteration order every tick uses (determinism). */
  codes: string[];
  instruments: Record<string, InstrumentSpec>;
  quotes: Record<string, Quote>;
}

export interface Position {
  code: string;
  /** Everything held, including what is frozen and what was bought today. */
  qty: number;
  /** Sellable now: bought before today and not frozen by a resting sell. */
  available: number;
  /** Frozen by resting sell orders. qty - available - frozen = bought today (T+1). */
  frozen: number;
  /** Total cost of what is held, buy fees included (what realised P&L is measured against). */
  costFen: number;
  /** costFen / qty in yuan, 4 decimals; kept for display. */
  avgCost: number;
}

export interface Account {
  id: string;
  riskClass: RiskClass;
  /** All cash, including reservedFen. Never negative. */
  cashFen: number;
  /** Cash held back for resting buy orders (and fee deficits of tiny resting sells). */
  reservedFen: number;
  realisedPnlFen: number;
  feesPaidFen: number;
  /**
   * A short list, not a map keyed by code: six-digit codes are array-index-like keys, which
   * V8 stores as slow dictionary elements, and copying such a map per order was the hot spot.
   */
  positions: Position[];
}

/**
 * Accounts are spread over a fixed number of shards (short arrays) by a hash of the id, so an
 * order copies one small shard instead of a map of every viewer (5,000 bots would make that the
 * hot path). Arrays rather than id-keyed objects: copying them is a memcpy, and every shard keeps
 * one shape. Use getAccount / listAccounts rather than reading shards directly.
 */
export type AccountShards = Account[][];

export interface RestingOrder {
  id: number;
  accountId: string;
  code: string;
  side: Side;
  qty: number;
  limitPrice: number;
  /** Cash held back for this order; released when it fills, is cancelled or expires. */
  reservedFen: number;
  t: number;
  tradingDay: number;
}

/** Bids best (highest) first, asks best (lowest) first; equal prices by order id (time priority). */
export interface BookSides {
  bids: RestingOrder[];
  asks: RestingOrder[];
}

export interface ExchangeState {
  version: 1;
  config: ExchangeConfig;
  market: MarketState;
  accounts: AccountShards;
  /** Resting limit orders, one entry per instrument, in MarketState.codes order. */
  book: BookSides[];
  nextOrderId: number;
}

export interface OrderRequest {
  accountId: string;
  code: string;
  side: Side;
  type: OrderType;
  /** Shares for stocks and ETFs; units for fund redemptions. */
  qty?: number;
  /** CNY, for fund subscriptions only (funds are bought by amount). */
  amount?: number;
  /** Yuan, for limit orders only. */
  limitPrice?: number;
}

export interface OrderContext {
  /** Session time of the order (ms), stamped on fills and resting orders. */
  t: number;
}

export interface Fill {
  orderId: number;
  accountId: string;
  code: string;
  side: Side;
  qty: number;
  price: number;
  /** price × qty (fund subscription: the amount invested after the subscription fee). */
  notionalFen: number;
  commissionFen: number;
  stampDutyFen: number;
  /** Fund subscription or redemption fee. */
  fundFeeFen: number;
  /** Cash change of the account: negative for buys. */
  cashDeltaFen: number;
  /** True when a resting limit order filled on a later tick or shock. */
  passive: boolean;
  t: number;
  tradingDay: number;
}

export interface Suitability {
  accountRisk: RiskClass;
  productRisk: RiskLevel;
  /** True when a buy exceeds the account's risk class. Reported; the order is not blocked. */
  mismatch: boolean;
}

export interface Shock {
  sector?: string;
  codes?: readonly string[];
  /** Percent, e.g. -7 for a 7 % drop. Clamped to the daily limit. */
  pct: number;
}

/** The exchange's rules as numbers (defaults and makeConfig in rules.ts). */
export interface ExchangeConfig {
  /** Board lot for stock and ETF buys. */
  lotSize: number;
  /** Daily limit as a fraction of the previous close, by board (stocks) or kind (ETF, fund). */
  limitPct: { main: number; chinext: number; star: number; etf: number; fund: number };
  /** Tick decimals by kind. */
  priceDecimals: { stock: number; etf: number; fund: number };
  /** Broker commission on stock and ETF trades, both sides, with a minimum per trade. */
  commissionRate: number;
  commissionMinFen: number;
  /** Stamp duty, stock sells only (ETFs and funds are exempt). */
  stampDutyRate: number;
  /** Front-end fund subscription fee, charged as amount - amount / (1 + rate). */
  fundSubscriptionRate: number;
  fundRedemptionRate: number;
  fundMinAmountFen: number;
  /** Full bid/ask spread in basis points around the simulated price. */
  spreadBps: number;
  /** Extra slippage in basis points per 100,000 CNY of order value (linear in size). */
  slippageBpsPer100k: number;
  /** Largest quantity accepted (keeps notional × price inside exact integer range). */
  maxQty: number;
  /** Annual drift of the price path. */
  drift: number;
  /** Simulated market milliseconds per session millisecond (1 = real time). */
  timeScale: number;
  tradingDayMs: number;
  tradingDaysPerYear: number;
}
