/**
 * Reactions: what viewers do when the host speaks, when other viewers post, when an incident
 * fires and when a mock trade is offered. Lures spread only once the stream runs (AW1); a viewer
 * offended by a promise of returns may leave, and says so (AW3).
 */
import type { ChatKind, EventOf, SessionEvent } from '../events.js';
import type { Incident } from '../scenario.js';
import type { TradeOutcome } from '../trade.js';
import { PHRASES, type Phrase } from './phrases.js';
import { REACTIONS } from './reactions.js';
import { isLurePost, type TextSignals } from './signals.js';
import { afterOutcome, answerInvitation, type OrderIntent } from './trading.js';
import { nudge, riskLevel } from './viewer.js';
import { bitesDespitePin } from './host-tools.js';
import { presentOf, queueLines, react, sayLater, signal, spawn, type Memory } from './memory.js';

/** A lure counts as challenged if the host warned within this window before it. */
const WARNING_MEMORY_MS = 120_000;

/** A viewer's own question got this seq (from the event, or from the ack when bots see a filtered stream). */
export function ownQuestion(m: Memory, viewer: number, seq: number, t: number): void {
  const v = m.viewers[viewer];
  if (!v || m.questionOwner.has(seq)) return;
  v.pending.push({ seq, t });
  m.questionOwner.set(seq, viewer);
}

export function onHost(m: Memory, s: TextSignals, replyTo: number | null): void {
  m.lastHostT = m.t;
  if (s.warning) m.warnedT = m.t;
  const owner = replyTo === null ? undefined : m.questionOwner.get(replyTo);
  for (const v of m.viewers) {
    if (v.state !== 'present') continue;
    const rng = m.rngs[v.index]!;
    if (owner === v.index) {
      const at = v.pending.findIndex((p) => p.seq === replyTo);
      if (at >= 0) v.pending.splice(at, 1);
      v.complaints = 0;
      nudge(v, 0.25, 0.15);
      if (v.persona === 'compliance_baiter' && !s.promise) react(m, v, 'baiterFoiled', 0.4);
      else react(m, v, 'thanks', 0.35);
    } else if (replyTo !== null) {
      nudge(v, 0.005, 0.005); // a host who answers people is worth staying for
    }
    if (s.promise) {
      if (v.persona === 'compliance_baiter') {
        v.heat = Math.min(3, v.heat + 1);
        react(m, v, 'baiterPush', 0.8);
      } else if (v.persona === 'retiree' || v.persona === 'genz_newcomer') {
        nudge(v, 0.15, 0.05);
        react(m, v, 'promiseExcited', 0.35);
        signal(m, v, 'buy_interest');
      } else if (v.persona === 'troll' || v.persona === 'growth_investor') {
        react(m, v, 'skeptic', 0.3);
      }
      // A promise of returns drives the careful away: they leave, and say why (AW3).
      if ((v.persona === 'growth_investor' || v.persona === 'lurker') && rng.chance(0.2))
        m.queue.push(m.t + 3000, { type: 'leave', viewer: v.index, reason: 'offended' });
    }
    if (s.warning) {
      if (v.bites > 0) {
        v.bites = 0;
        nudge(v, 0.05, 0.1);
        react(m, v, 'wary', 0.7);
      }
    }
    if (s.correction && m.wrongDataOnScreen) {
      nudge(v, 0.05, 0.1);
      react(m, v, 'corrected', 0.25);
    }
    if (s.disclosure && v.persona === 'retiree') nudge(v, 0, 0.03);
    // Each viewer decides once per invitation kind; repeating the pitch does not re-convert them.
    if (s.mockTrade && !v.intents.has('mock_trade') && v.persona !== 'fraud_lurer' && v.persona !== 'troll') {
      const appetite = riskLevel(v.riskClass) >= 3 ? 0.9 : 0.3;
      if (rng.chance(v.trust * appetite)) {
        react(m, v, 'tradeAccept', 0.7);
        signal(m, v, 'mock_trade');
      } else if (riskLevel(v.riskClass) <= 2) react(m, v, 'tradeDecline', 0.3);
    }
    if (
      s.account &&
      !v.intents.has('account_opening') &&
      v.persona !== 'fraud_lurer' &&
      v.persona !== 'troll' &&
      rng.chance(Math.max(0, v.trust - 0.35))
    ) {
      react(m, v, 'accountIntent', 0.4);
      signal(m, v, 'account_opening');
    }
    signal(m, v, null);
  }
  if (s.correction) m.wrongDataOnScreen = false;
}

/** Each present viewer answers a mock-trade invitation once (by persona, trust, risk class). */
export function onInvitation(m: Memory, e: EventOf<'trade.invited'>): void {
  const ins = m.cfg.scenario.instruments.find((i) => i.code === e.code);
  if (!ins) return;
  for (const v of m.viewers) {
    if (v.state !== 'present' || v.persona === 'fraud_lurer' || v.persona === 'troll') continue;
    if (v.intents.has(`invite:${e.seq}`)) continue;
    v.intents.add(`invite:${e.seq}`);
    const rng = m.rngs[v.index]!;
    const a = answerInvitation(v, e, ins, rng);
    if (a.line) sayLater(m, v, a.line, a.delayMs - 1500);
    if (a.order) {
      m.queue.push(m.t + a.delayMs, { type: 'order', viewer: v.index, order: a.order });
      signal(m, v, 'mock_trade');
    }
  }
}

/** The driver reports what the exchange did with a viewer's order (from the ack). */
export function orderOutcome(m: Memory, viewer: number, order: OrderIntent, outcome: TradeOutcome): void {
  const v = m.viewers[viewer];
  if (!v || v.state !== 'present') return;
  const rng = m.rngs[v.index]!;
  const next = afterOutcome(v, order, outcome, rng);
  if (next.line) sayLater(m, v, next.line, 2000 + rng.int(4000));
  if (next.followUp) m.queue.push(m.t + 20_000 + rng.int(40_000), { type: 'order', viewer, order: next.followUp });
}

export function onViewerChat(m: Memory, e: Extract<SessionEvent, { type: 'chat.message' }>): void {
  const own = m.byParticipant.get(e.actor.id);
  if (own !== undefined && e.kind === 'question') ownQuestion(m, own, e.seq, e.t);
  // Lures spread only once the stream runs; before it nobody is there to be lured (AW1).
  if (!m.live || m.t - m.warnedT < WARNING_MEMORY_MS || !isLurePost(e.text, e.kind)) return;
  // An unchallenged lure spreads: the susceptible take the bait.
  for (const v of m.viewers) {
    if (v.state !== 'present' || v.index === own || v.bites >= 2 || v.spec.lureSusceptibility === 0) continue;
    const rng = m.rngs[v.index]!;
    if (!rng.chance(v.spec.lureSusceptibility * (1 - v.trust * 0.5) * 0.6)) continue;
    if (!bitesDespitePin(m, v)) continue;
    v.bites++;
    react(m, v, 'lureBite', 1);
    signal(m, v, 'scam_contact');
  }
}

export function onIncident(m: Memory, inc: Incident): void {
  const detail = inc.detail ?? {};
  const custom = (key: string, kind: ChatKind): Phrase[] =>
    typeof detail[key] === 'string' ? [{ zh: detail[key] as string, en: detail[key] as string, kind }] : [];
  switch (inc.kind) {
    case 'lure_flood': {
      const lurers = [...presentOf(m, 'fraud_lurer'), ...spawn(m, 'fraud_lurer', 2)];
      const lures = PHRASES.fraud_lurer.filter((p) => p.kind === 'lure');
      for (const v of lurers) queueLines(m, v, [...custom('message', 'lure'), ...lures], 3, 60_000);
      return;
    }
    case 'troll_wave': {
      const trolls = [...presentOf(m, 'troll'), ...spawn(m, 'troll', 2)];
      const rumour = custom('rumour', 'rumour').concat(custom('message', 'rumour'));
      const lines = rumour.length ? rumour : PHRASES.troll.filter((p) => /冻结|暴雷|资金链/.test(p.zh));
      for (const v of trolls) queueLines(m, v, lines.length ? lines : PHRASES.troll, 2, 60_000);
      for (const v of m.viewers) if (v.state === 'present' && v.persona !== 'troll') nudge(v, -0.1, -0.08);
      return;
    }
    case 'stock_tip_demand': {
      const askers = presentOf(m, 'growth_investor').concat(presentOf(m, 'compliance_baiter'));
      const who = askers.length ? m.room.pick(askers) : spawn(m, 'growth_investor', 1)[0]!;
      const asks = [...custom('message', 'question'), ...custom('question', 'question')];
      queueLines(m, who, asks.length ? asks : REACTIONS.tipDemand, 1, 5000);
      return;
    }
    case 'wrong_data': {
      m.wrongDataOnScreen = true;
      const shown = typeof detail.shown === 'string' ? detail.shown : null;
      for (const v of m.viewers) {
        if (v.state !== 'present') continue;
        nudge(v, 0, -0.05);
        if (v.persona === 'troll' && shown)
          queueLines(m, v, [{ zh: `截图了：${shown}`, en: `Screenshot: ${shown}`, kind: 'chat' }], 1, 20_000);
        else if (v.persona === 'genz_newcomer' || v.persona === 'growth_investor') react(m, v, 'wrongData', 0.4);
      }
      return;
    }
    case 'market_shock': {
      for (const v of m.viewers) {
        if (v.state !== 'present') continue;
        if (v.persona === 'growth_investor' || v.persona === 'genz_newcomer') {
          nudge(v, -0.2, 0);
          react(m, v, 'shock', 0.5);
        }
      }
      return;
    }
  }
}
