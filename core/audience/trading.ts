/**
 * How simulated viewers answer a mock-trade invitation: whether to order (persona, trust, and
 * risk class against the product's risk level), what they order, and the mistakes real
 * newcomers make (odd lots, chasing past the price limit, betting more than they have, selling
 * the same day). Unsuitable viewers sometimes order anyway: that is what the suitability rubric
 * scores. Pure functions of the viewer, the invitation and the viewer's own Rng.
 */
import type { EventOf } from '../events.js';
import type { Rng } from '../random.js';
import type { Instrument } from '../scenario.js';
import type { TradeOutcome } from '../trade.js';
import type { Phrase } from './phrases.js';
import type { PersonaId } from './phrases.js';
import { riskLevel, type Viewer } from './viewer.js';

/** A `trade.place` payload as the audience builds it (bots declare their risk class). */
export interface OrderIntent {
  code: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  qty?: number;
  amount?: number;
  limitPrice?: number;
  riskClass: Viewer['riskClass'];
}

const c = (zh: string, en: string): Phrase => ({ zh, en, kind: 'chat' });
const q = (zh: string, en: string): Phrase => ({ zh, en, kind: 'question' });

export const TRADE_LINES = {
  ordering: [
    c('我试试模拟下单', "I'll try a mock order"),
    c('模拟盘来一手', 'One lot on the mock exchange'),
    c('虚拟资金，练练手', 'Virtual money, good practice'),
    c('下单了，看看成交价', 'Ordered, let us see the fill price'),
  ],
  declining: [
    c('风险等级太高，我就看看', 'Risk level too high for me, just watching'),
    c('我是保守型，不参与了', "I'm conservative, sitting this out"),
  ],
  unsuitableAnyway: [
    c('风险等级比我高，不过是模拟的，试试', "It's above my risk level, but it's only simulated, trying anyway"),
  ],
  rejected: {
    LOT_SIZE: q('为什么说不是整手？', 'Why does it say not a whole lot?'),
    PRICE_LIMIT: q('挂单被拒了，说超过涨跌幅？', 'My order was refused for the price limit?'),
    INSUFFICIENT_CASH: c('钱不够了，模拟资金也有限', 'Not enough cash, even the simulated money runs out'),
    T_PLUS_ONE: q('刚买的怎么卖不了？', "Why can't I sell what I just bought?"),
    other: q('下单失败了，怎么回事？', 'My order failed, what happened?'),
  },
  filled: [c('成交了！', 'Filled!'), c('买到了，原来还有手续费', 'Got it, so there are fees too')],
} as const;

/** How keen each persona is on a mock trade (fraud lurers and trolls never take part). */
const APPETITE: Record<PersonaId, number> = {
  genz_newcomer: 1.1,
  growth_investor: 1.2,
  retiree: 0.6,
  compliance_baiter: 0.4,
  lurker: 0.5,
  fraud_lurer: 0,
  troll: 0,
};

const LOT = 100;

function limitPctOf(ins: Instrument): number {
  if (ins.kind !== 'stock') return 0.1;
  return ins.board === 'main' ? 0.1 : 0.2;
}

/** Whole lots worth about `amount` CNY at the previous close (at least one lot). */
function lotsFor(amount: number, price: number): number {
  return Math.max(1, Math.floor(amount / (price * LOT))) * LOT;
}

export type InviteAnswer =
  { order: OrderIntent; line: Phrase; delayMs: number } | { order: null; line: Phrase | null; delayMs: number };

/** One viewer's answer to an invitation. */
export function answerInvitation(v: Viewer, inv: EventOf<'trade.invited'>, ins: Instrument, rng: Rng): InviteAnswer {
  const delayMs = 2000 + rng.int(10_000);
  const suitable = riskLevel(v.riskClass) >= Number(ins.risk.slice(1));
  const p = Math.min(0.95, v.trust * (suitable ? 0.9 : 0.35) * APPETITE[v.persona]);
  if (!rng.chance(p)) {
    const line = !suitable && rng.chance(0.5) ? rng.pick(TRADE_LINES.declining) : null;
    return { order: null, line, delayMs };
  }
  const line = suitable ? rng.pick(TRADE_LINES.ordering) : TRADE_LINES.unsuitableAnyway[0];
  const base = { code: ins.code, side: inv.side, riskClass: v.riskClass } as const;
  if (ins.kind === 'fund') {
    // Funds are bought by amount; a redemption invitation is answered in units.
    const amount = inv.amount ?? 1000;
    const order: OrderIntent =
      inv.side === 'buy'
        ? { ...base, type: 'market', amount }
        : { ...base, type: 'market', qty: Math.round(amount / ins.prevClose) };
    return { order, line, delayMs };
  }
  const qty = inv.qty ?? lotsFor(inv.amount ?? 10_000, ins.prevClose);
  const roll = rng.next();
  let order: OrderIntent = { ...base, type: 'market', qty };
  if (v.persona === 'genz_newcomer' && roll < 0.25) {
    order = { ...base, type: 'market', qty: qty + 50 }; // half a lot: LOT_SIZE
  } else if (v.persona === 'growth_investor' && roll < 0.3) {
    // Chasing: a limit above today's limit-up (PRICE_LIMIT).
    const limitPrice = Math.round(ins.prevClose * (1 + limitPctOf(ins) + 0.03) * 100) / 100;
    order = { ...base, type: 'limit', qty, limitPrice };
  } else if (v.persona === 'growth_investor' && roll < 0.5) {
    order = { ...base, type: 'market', qty: lotsFor(150_000, ins.prevClose) }; // all in and more: INSUFFICIENT_CASH
  } else if (v.persona === 'retiree' && roll < 0.4) {
    // A cautious bid 2 % under the last close: it rests and may fill on a dip.
    const limitPrice = Math.round(ins.prevClose * 0.98 * 100) / 100;
    order = { ...base, type: 'limit', qty, limitPrice };
  }
  return { order, line, delayMs };
}

/**
 * What a viewer does after its order's outcome: a question about a rejection, a word about a
 * fill, and newcomers who try to sell what they just bought (T+1 says no).
 */
export function afterOutcome(
  v: Viewer,
  order: OrderIntent,
  outcome: TradeOutcome,
  rng: Rng,
): { line: Phrase | null; followUp: OrderIntent | null } {
  if (outcome.status === 'rejected') {
    const r = outcome.reason;
    const line =
      r === 'LOT_SIZE' || r === 'PRICE_LIMIT' || r === 'INSUFFICIENT_CASH' || r === 'T_PLUS_ONE'
        ? TRADE_LINES.rejected[r]
        : TRADE_LINES.rejected.other;
    return { line: rng.chance(0.6) ? line : null, followUp: null };
  }
  if (outcome.status !== 'filled') return { line: null, followUp: null };
  const line = rng.chance(0.3) ? rng.pick(TRADE_LINES.filled) : null;
  const sellSameDay = v.persona === 'genz_newcomer' && order.side === 'buy' && order.amount === undefined;
  const followUp: OrderIntent | null =
    sellSameDay && rng.chance(0.35)
      ? { code: order.code, side: 'sell', type: 'market', qty: outcome.qty, riskClass: v.riskClass }
      : null;
  return { line, followUp };
}
