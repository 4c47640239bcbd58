/**
 * Chinese market rules as data and small pure checks: lots, daily price limits, fees,
 * suitability, and the rejection codes every refusal names.
 */
import type { Instrument } from '../scenario.js';
import type { ExchangeConfig, RiskClass, RiskLevel, Side, Suitability } from './types.js';

export const REJECT = {
  LOT_SIZE: 'LOT_SIZE',
  PRICE_LIMIT: 'PRICE_LIMIT',
  T_PLUS_ONE: 'T_PLUS_ONE',
  INSUFFICIENT_CASH: 'INSUFFICIENT_CASH',
  INSUFFICIENT_POSITION: 'INSUFFICIENT_POSITION',
  UNKNOWN_INSTRUMENT: 'UNKNOWN_INSTRUMENT',
  /** Not in the brief's list: an order from a viewer who has no account yet. */
  UNKNOWN_ACCOUNT: 'UNKNOWN_ACCOUNT',
  /** Cancelling an order id that is not resting (filled, expired, someone else's). */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  MARKET_CLOSED: 'MARKET_CLOSED',
  BAD_ORDER: 'BAD_ORDER',
} as const;
export type RejectCode = (typeof REJECT)[keyof typeof REJECT];

export type { ExchangeConfig } from './types.js';

export const DEFAULT_EXCHANGE_CONFIG: ExchangeConfig = {
  lotSize: 100,
  limitPct: { main: 0.1, chinext: 0.2, star: 0.2, etf: 0.1, fund: 0.1 },
  priceDecimals: { stock: 2, etf: 2, fund: 4 },
  commissionRate: 0.00025,
  commissionMinFen: 500,
  stampDutyRate: 0.0005,
  fundSubscriptionRate: 0.0015,
  fundRedemptionRate: 0,
  fundMinAmountFen: 100,
  spreadBps: 10,
  slippageBpsPer100k: 5,
  maxQty: 100_000_000,
  drift: 0,
  timeScale: 1,
  tradingDayMs: 4 * 60 * 60 * 1000,
  tradingDaysPerYear: 252,
};

/** Merge a partial config over the defaults (nested limit and decimal tables included). */
export function makeConfig(partial: Partial<ExchangeConfig> = {}): ExchangeConfig {
  return {
    ...DEFAULT_EXCHANGE_CONFIG,
    ...partial,
    limitPct: { ...DEFAULT_EXCHANGE_CONFIG.limitPct, ...partial.limitPct },
    priceDecimals: { ...DEFAULT_EXCHANGE_CONFIG.priceDecimals, ...partial.priceDecimals },
  };
}

/**
 * Daily limit for an instrument. Funds are not exchange-limited; their band is only a sanity
 * bound for shocks, since a NAV moves once a day with its holdings.
 */
export function limitPctFor(ins: Instrument, cfg: ExchangeConfig): number {
  if (ins.kind === 'fund') return cfg.limitPct.fund;
  if (ins.kind === 'etf') return cfg.limitPct.etf;
  return cfg.limitPct[ins.board];
}

export function boardLabel(ins: Instrument): string {
  if (ins.kind === 'etf') return 'ETF';
  if (ins.kind === 'fund') return 'fund';
  return ins.board === 'main' ? 'main board' : ins.board === 'chinext' ? 'ChiNext' : 'STAR Market';
}

export function commissionFen(notionalFen: number, cfg: ExchangeConfig): number {
  const c = Math.round(notionalFen * cfg.commissionRate);
  return c > cfg.commissionMinFen ? c : cfg.commissionMinFen;
}

export function stampDutyFen(notionalFen: number, cfg: ExchangeConfig): number {
  return Math.round(notionalFen * cfg.stampDutyRate);
}

/** Fee inside a gross subscription amount: the amount invested is gross / (1 + rate). */
export function subscriptionFeeFen(amountFen: number, cfg: ExchangeConfig): number {
  return amountFen - Math.round(amountFen / (1 + cfg.fundSubscriptionRate));
}

/**
 * Odd-lot rule for sells: a whole number of lots, or lots plus exactly the odd remainder the
 * account holds (the remainder must go in one order). Buys must be whole lots.
 */
export function lotOk(side: Side, qty: number, heldQty: number, lot: number): boolean {
  const odd = qty % lot;
  if (odd === 0) return true;
  return side === 'sell' && odd === heldQty % lot;
}

const RISK_INDEX: Record<RiskLevel | RiskClass, number> = {
  R1: 1,
  R2: 2,
  R3: 3,
  R4: 4,
  R5: 5,
  C1: 1,
  C2: 2,
  C3: 3,
  C4: 4,
  C5: 5,
};

/**
 * Suitability (适当性): a Cn investor may buy products up to Rn. Only buys can mismatch; selling
 * reduces exposure, so it is never flagged. The order still goes through: the rubric scores how
 * the host handles it.
 */
export function assessSuitability(accountRisk: RiskClass, productRisk: RiskLevel, side: Side): Suitability {
  return {
    accountRisk,
    productRisk,
    mismatch: side === 'buy' && RISK_INDEX[productRisk] > RISK_INDEX[accountRisk],
  };
}

export function isRiskClass(x: unknown): x is RiskClass {
  return x === 'C1' || x === 'C2' || x === 'C3' || x === 'C4' || x === 'C5';
}
