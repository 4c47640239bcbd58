/** Public surface of the mock exchange. */
export * from './types.js';
export {
  REJECT,
  DEFAULT_EXCHANGE_CONFIG,
  makeConfig,
  assessSuitability,
  commissionFen,
  stampDutyFen,
  subscriptionFeeFen,
  type ExchangeConfig,
  type RejectCode,
} from './rules.js';
export { createMarket, rollMarketDay } from './market.js';
export { tick, applyShock, type PriceUpdate } from './prices.js';
export {
  getAccount,
  positionOf,
  listAccounts,
  valueAccount,
  ACCOUNT_SHARDS,
  type OpenAccountSpec,
  type Valuation,
} from './accounts.js';
export { placeOrder, marketablePrice, type OrderResult, type PlaceOrderOutcome } from './orders.js';
export {
  createExchange,
  openAccount,
  tickExchange,
  shockExchange,
  newTradingDay,
  setMarketOpen,
  cancelOrder,
  type CreateExchangeOptions,
  type MarketUpdate,
  type CancelResult,
} from './exchange.js';
export { fenToYuan } from './money.js';
