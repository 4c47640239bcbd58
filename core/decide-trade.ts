/**
 * decide() for the mock-exchange commands. Kept out of decide.ts so trading can grow without
 * crowding the session's own commands. An order the exchange refuses is still a valid command:
 * it is recorded (`trade.order` + `trade.reject` naming the rule) and acked ok with the outcome,
 * because a viewer trying an unsuitable or impossible order is what the rubric wants to see.
 */
import { draft, type Actor, type EventDraft } from './events.js';
import { getAccount } from './exchange/index.js';
import { ErrorCode, fail, type CommandPayload } from './protocol.js';
import type { Decision } from './decision.js';
import type { SessionState } from './session.js';
import { planOrder, tradeRequest } from './trade.js';

export function decideTradeInvite(state: SessionState, p: CommandPayload<'trade.invite'>): Decision {
  if (state.status !== 'live') return fail(ErrorCode.INVALID_STATE, 'the session is not live');
  const ex = state.exchange;
  if (!ex) return fail(ErrorCode.INVALID_STATE, 'this scenario has no instruments to trade');
  if (!Object.prototype.hasOwnProperty.call(ex.market.instruments, p.code))
    return fail(ErrorCode.NOT_FOUND, `code: no instrument "${p.code}" in this scenario`);
  const drafts: EventDraft[] = [
    draft.tradeInvited({ code: p.code, side: p.side, qty: p.qty, amount: p.amount, riskWording: p.riskWording }),
  ];
  return { ok: true, drafts };
}

export function decideTrade(state: SessionState, actor: Actor, p: CommandPayload<'trade.place'>): Decision {
  if (state.status !== 'live') return fail(ErrorCode.INVALID_STATE, 'the session is not live');
  const ex = state.exchange;
  if (!ex) return fail(ErrorCode.INVALID_STATE, 'this scenario has no instruments to trade');
  const request = tradeRequest(p);
  const accountId = actor.id;
  const plan = planOrder(ex, accountId, request, p.riskClass, getAccount(ex, accountId) !== undefined, state.t);
  const drafts: EventDraft[] = [draft.tradeOrder(accountId, request, plan.open)];
  if (plan.unsuitable) drafts.push(draft.tradeUnsuitable(plan.unsuitable));
  if (plan.fill) drafts.push(draft.tradeFill(plan.fill));
  else if (plan.rested) drafts.push(draft.tradeRested(plan.rested));
  else if (plan.reject) drafts.push(draft.tradeReject(plan.reject));
  return { ok: true, drafts, reply: { trade: plan.outcome } };
}
