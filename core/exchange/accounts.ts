/**
 * Accounts per viewer id, sharded by a hash of the id so that one order copies one small shard
 * (structural sharing) rather than the map of every account.
 */
import { roundQty, toFen } from './money.js';
import { isRiskClass } from './rules.js';
import type { Account, AccountShards, ExchangeState, Position, Quote, RiskClass } from './types.js';

export const ACCOUNT_SHARDS = 128;

/** FNV-1a over UTF-16 units: cheap, stable across engines, good enough to spread viewer ids. */
export function shardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % ACCOUNT_SHARDS;
}

export function emptyShards(): AccountShards {
  const shards: AccountShards = [];
  for (let i = 0; i < ACCOUNT_SHARDS; i++) shards.push([]);
  return shards;
}

function indexIn(shard: readonly Account[], id: string): number {
  for (let i = 0; i < shard.length; i++) if ((shard[i] as Account).id === id) return i;
  return -1;
}

export function findAccount(shards: AccountShards, id: string): Account | undefined {
  const shard = shards[shardOf(id)];
  if (shard === undefined) return undefined;
  const i = indexIn(shard, id);
  return i < 0 ? undefined : shard[i];
}

export function getAccount(state: ExchangeState, id: string): Account | undefined {
  return findAccount(state.accounts, id);
}

/** Every account, in shard then insertion order (stable for a given history). */
export function listAccounts(state: ExchangeState): Account[] {
  return state.accounts.flat();
}

function withAccount(shard: readonly Account[], account: Account): Account[] {
  const next = shard.slice();
  const i = indexIn(shard, account.id);
  next[i < 0 ? next.length : i] = account;
  return next;
}

/** Replace (or add) one account: copies its shard and the shard list, shares everything else. */
export function putAccount(shards: AccountShards, account: Account): AccountShards {
  const i = shardOf(account.id);
  const next = shards.slice();
  next[i] = withAccount(shards[i] as Account[], account);
  return next;
}

/**
 * Batch writer for operations that touch many accounts (fills on a tick, a new trading day):
 * each touched shard is copied once, however many of its accounts change.
 */
export class AccountsWriter {
  private shards: AccountShards;
  private copied: boolean[] = [];
  private dirty = false;
  constructor(private readonly base: AccountShards) {
    this.shards = base;
  }
  get(id: string): Account | undefined {
    return findAccount(this.shards, id);
  }
  put(account: Account): void {
    if (!this.dirty) {
      this.shards = this.base.slice();
      this.dirty = true;
    }
    const i = shardOf(account.id);
    const shard = this.shards[i] as Account[];
    if (!this.copied[i]) {
      this.shards[i] = withAccount(shard, account);
      this.copied[i] = true;
      return;
    }
    const at = indexIn(shard, account.id);
    shard[at < 0 ? shard.length : at] = account;
  }
  done(): AccountShards {
    return this.shards;
  }
}

export interface OpenAccountSpec {
  id: string;
  /** Starting cash in CNY. */
  cash: number;
  riskClass: RiskClass;
}

export function newAccount(spec: OpenAccountSpec): Account | null {
  if (typeof spec.id !== 'string' || spec.id.length === 0) return null;
  if (!isRiskClass(spec.riskClass) || !Number.isFinite(spec.cash) || spec.cash < 0) return null;
  return {
    id: spec.id,
    riskClass: spec.riskClass,
    cashFen: toFen(spec.cash),
    reservedFen: 0,
    realisedPnlFen: 0,
    feesPaidFen: 0,
    positions: [],
  };
}

export function positionOf(account: Account, code: string): Position | undefined {
  const list = account.positions;
  for (let i = 0; i < list.length; i++) if ((list[i] as Position).code === code) return list[i];
  return undefined;
}

/** The account with the position for `code` replaced, added, or (null) removed. */
export function withPosition(account: Account, code: string, pos: Position | null): Account {
  const list = account.positions;
  let i = 0;
  while (i < list.length && (list[i] as Position).code !== code) i++;
  let positions: Position[];
  if (pos === null) positions = i < list.length ? list.toSpliced(i, 1) : list;
  else {
    positions = list.slice();
    positions[i] = pos;
  }
  return { ...account, positions };
}

export function avgCostOf(costFen: number, qty: number): number {
  return qty > 0 ? Math.round((costFen / qty) * 100) / 10000 : 0;
}

/** Position after buying qty (not sellable until the next trading day: T+1). */
export function addBought(pos: Position | undefined, code: string, qty: number, costFen: number): Position {
  const q = roundQty((pos?.qty ?? 0) + qty);
  const cost = (pos?.costFen ?? 0) + costFen;
  return {
    code,
    qty: q,
    available: pos?.available ?? 0,
    frozen: pos?.frozen ?? 0,
    costFen: cost,
    avgCost: avgCostOf(cost, q),
  };
}

/**
 * Position after selling qty that was `available` (fromFrozen: from a resting sell). Returns the
 * cost removed (proportional; all of it when the position closes) for realised P&L.
 */
export function removeSold(pos: Position, qty: number, fromFrozen: boolean): { pos: Position | null; costFen: number } {
  const q = roundQty(pos.qty - qty);
  const removed = q === 0 ? pos.costFen : Math.round((pos.costFen * qty) / pos.qty);
  const available = fromFrozen ? pos.available : roundQty(pos.available - qty);
  const frozen = fromFrozen ? roundQty(pos.frozen - qty) : pos.frozen;
  if (q === 0 && frozen === 0) return { pos: null, costFen: removed };
  const cost = pos.costFen - removed;
  return {
    pos: { code: pos.code, qty: q, available, frozen, costFen: cost, avgCost: avgCostOf(cost, q) },
    costFen: removed,
  };
}

export interface Valuation {
  cashFen: number;
  marketValueFen: number;
  /** cash + market value. */
  equityFen: number;
  /** Market value minus the cost of what is held. */
  unrealisedPnlFen: number;
  realisedPnlFen: number;
  feesPaidFen: number;
}

/** Mark-to-market at the last prices. */
export function valueAccount(state: ExchangeState, id: string): Valuation | undefined {
  const acc = getAccount(state, id);
  if (!acc) return undefined;
  let mv = 0;
  let cost = 0;
  for (const pos of acc.positions) {
    const q = state.market.quotes[pos.code] as Quote | undefined;
    if (q) mv += Math.round(pos.qty * q.last * 100);
    cost += pos.costFen;
  }
  return {
    cashFen: acc.cashFen,
    marketValueFen: mv,
    equityFen: acc.cashFen + mv,
    unrealisedPnlFen: mv - cost,
    realisedPnlFen: acc.realisedPnlFen,
    feesPaidFen: acc.feesPaidFen,
  };
}
