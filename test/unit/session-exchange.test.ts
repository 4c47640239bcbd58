/** The mock exchange inside the session reducer: docs/SPEC.md EX1–EX6 where no server is needed. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../core/decide.js';
import { SYSTEM_ACTOR, draft, stamp, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { getAccount } from '../../core/exchange/index.js';
import { COMMAND_ROLES, CommandSchemas, type Command, type CommandOk } from '../../core/protocol.js';
import { fold, initialState, reduce, type SessionState } from '../../core/session.js';
import { parseScenario, type Scenario } from '../../core/scenario.js';
import { MOCK_CASH_CNY } from '../../core/trade.js';

function load(name: string): Scenario {
  const p = parseScenario(readFileSync(resolve(import.meta.dirname, `../../scenes/${name}.yaml`), 'utf8'), name);
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return p.scenario;
}
const metaverse = load('metaverse-investor-day');

const host: Actor = { id: 'p-host', role: 'trainee', name: '主播' };
const bot = (id: string): Actor => ({ id, role: 'bot', name: id });

/** A tiny room: decide, stamp, reduce; keeps the log for replay checks. */
class Harness {
  state: SessionState = initialState();
  log: SessionEvent[] = [];
  t = 0;
  constructor(scenario: Scenario) {
    this.apply(SYSTEM_ACTOR, [draft.sessionCreated('s1', scenario, 42)]);
    this.apply(host, [draft.participantJoined(host.id, 'trainee', host.name), draft.sessionStarted()]);
  }
  apply(actor: Actor, drafts: EventDraft[]): void {
    for (const d of drafts) {
      const e = stamp(d, this.state.lastSeq + 1, this.t, actor);
      this.log.push(e);
      this.state = reduce(this.state, e);
    }
  }
  send(actor: Actor, name: Command['name'], payload: unknown): CommandOk & { drafts: EventDraft[] } {
    const cmd = { name, payload: CommandSchemas[name].parse(payload) } as Command;
    const d = decide(this.state, actor, cmd);
    if (!d.ok) throw new Error(`${d.code}: ${d.message}`);
    this.apply(actor, d.drafts);
    return { ...d.reply, drafts: d.drafts };
  }
  tick(dtMs: number): void {
    this.t += dtMs;
    this.apply(SYSTEM_ACTOR, [draft.marketTicked(dtMs)]);
  }
}

describe('session exchange (reducer)', () => {
  it('EX3: session.created opens the exchange from the scenario instruments (null without any)', () => {
    const h = new Harness(metaverse);
    expect(h.state.exchange?.market.codes).toEqual(metaverse.instruments.map((i) => i.code).sort());
    const none = new Harness(load('anti-fraud-live'));
    expect(none.state.exchange).toBeNull();
    expect(() => none.send(bot('v1'), 'trade.place', { code: '609318', side: 'buy', qty: 100 })).toThrow(
      /INVALID_STATE/,
    );
  });

  it('EX4: a first order opens the account lazily with the mock cash and the declared risk class', () => {
    const h = new Harness(metaverse);
    const r = h.send(bot('v1'), 'trade.place', { code: '609318', side: 'buy', qty: 100, riskClass: 'C4' });
    expect(r.trade).toMatchObject({ status: 'filled', qty: 100, mismatch: false });
    expect(r.drafts.map((d) => d.type)).toEqual(['trade.order', 'trade.fill']);
    const acc = getAccount(h.state.exchange!, 'v1')!;
    expect(acc.riskClass).toBe('C4');
    expect(acc.cashFen).toBeLessThan(MOCK_CASH_CNY * 100);
    expect(acc.positions[0]).toMatchObject({ code: '609318', qty: 100 });
    // A person who declares nothing is C3; a second order does not reopen the account.
    h.send(host, 'trade.place', { code: '609318', side: 'buy', qty: 100 });
    expect(getAccount(h.state.exchange!, host.id)!.riskClass).toBe('C3');
    const again = h.send(bot('v1'), 'trade.place', { code: '609318', side: 'buy', qty: 100, riskClass: 'C1' });
    expect((again.drafts[0] as { open: unknown }).open).toBeNull();
    expect(getAccount(h.state.exchange!, 'v1')!.riskClass).toBe('C4');
    expect(h.state.trading).toMatchObject({ orders: 3, fills: 3, rejects: 0 });
  });

  it('EX5: rejections name their rule and change no account', () => {
    const h = new Harness(metaverse);
    const v = bot('v1');
    const cases: Array<[unknown, string]> = [
      [{ code: '609318', side: 'buy', qty: 150 }, 'LOT_SIZE'],
      [{ code: '609318', side: 'buy', type: 'limit', qty: 100, limitPrice: 25 }, 'PRICE_LIMIT'],
      [{ code: '689917', side: 'buy', qty: 100_000 }, 'INSUFFICIENT_CASH'],
      [{ code: '000000', side: 'buy', qty: 100 }, 'UNKNOWN_INSTRUMENT'],
      [{ code: '609318', side: 'sell', qty: 100 }, 'INSUFFICIENT_POSITION'],
    ];
    for (const [payload, reason] of cases) {
      const r = h.send(v, 'trade.place', payload);
      expect(r.trade).toMatchObject({ status: 'rejected', reason });
      expect(r.drafts.at(-1)).toMatchObject({ type: 'trade.reject', reason });
    }
    // The account was opened by the first order; the rejections left its cash alone.
    expect(getAccount(h.state.exchange!, 'v1')!.cashFen).toBe(MOCK_CASH_CNY * 100);
    h.send(v, 'trade.place', { code: '609318', side: 'buy', qty: 100 });
    const t1 = h.send(v, 'trade.place', { code: '609318', side: 'sell', qty: 100 });
    expect(t1.trade).toMatchObject({ status: 'rejected', reason: 'T_PLUS_ONE' });
    expect(h.state.trades.map((e) => e.reason ?? e.kind)).toEqual([
      'LOT_SIZE',
      'PRICE_LIMIT',
      'INSUFFICIENT_CASH',
      'UNKNOWN_INSTRUMENT',
      'INSUFFICIENT_POSITION',
      'fill',
      'T_PLUS_ONE',
    ]);
  });

  it('EX6: an unsuitable buy is recorded as trade.unsuitable and still goes through', () => {
    const h = new Harness(metaverse);
    const r = h.send(bot('v1'), 'trade.place', { code: '309527', side: 'buy', qty: 100, riskClass: 'C1' });
    expect(r.trade).toMatchObject({ status: 'filled', mismatch: true });
    expect(r.drafts.map((d) => d.type)).toEqual(['trade.order', 'trade.unsuitable', 'trade.fill']);
    expect(r.drafts[1]).toMatchObject({ accountRisk: 'C1', productRisk: 'R4' });
    expect(h.state.trading.unsuitable).toBe(1);
  });

  it('EX1: prices and fills are a function of the seed and the events; folding the log reproduces them', () => {
    const h = new Harness(metaverse);
    const before = h.state.exchange!.market.quotes['689917']!.last;
    h.send(bot('v1'), 'trade.place', {
      code: '689917',
      side: 'buy',
      type: 'limit',
      qty: 100,
      limitPrice: Math.round(before * 0.99 * 100) / 100,
    });
    const rng0 = h.state.rng;
    for (let i = 0; i < 600; i++) h.tick(1000);
    expect(h.state.rng).not.toBe(rng0);
    expect(h.state.exchange!.market.quotes['689917']!.last).not.toBe(before);
    expect(h.state.exchange!.market.clockMs).toBe(600_000);
    expect(h.state.marketT).toBe(600_000);
    const replay = fold(h.log);
    expect(JSON.stringify(replay.exchange)).toBe(JSON.stringify(h.state.exchange));
    expect(replay.trades).toEqual(h.state.trades);
    expect(replay.rng).toBe(h.state.rng);
  });

  it('EX7: a market_shock incident moves its sector, clamped to the daily limit, and nothing else', () => {
    const h = new Harness(metaverse);
    const q = () => h.state.exchange!.market.quotes;
    const tech = metaverse.instruments.filter((i) => i.sector === 'tech').map((i) => i.code);
    const before = structuredClone(q());
    h.apply(SYSTEM_ACTOR, [draft.incidentFired('tech-sell-off')]);
    for (const code of tech) {
      const b = before[code]!;
      expect(q()[code]!.last).toBeCloseTo(b.fair * 0.94, 1);
      expect(q()[code]!.last).toBeGreaterThanOrEqual(b.limitDown);
    }
    expect(q()['609318']).toEqual(before['609318']);
    // A second shock of -30 % stops at the limit-down.
    h.apply(SYSTEM_ACTOR, [draft.incidentFired('tech-sell-off')]);
    for (let i = 0; i < 5; i++) h.apply(SYSTEM_ACTOR, [draft.incidentFired('tech-sell-off')]);
    for (const code of tech) expect(q()[code]!.last).toBe(before[code]!.limitDown);
  });

  it('SC4: observers may not trade; only the host and the facilitator invite', () => {
    expect(COMMAND_ROLES['trade.place']).not.toContain('observer');
    expect(COMMAND_ROLES['trade.invite']).toEqual(['trainee', 'facilitator']);
    const h = new Harness(metaverse);
    const r = h.send(host, 'trade.invite', { code: '569880', qty: 100, riskWording: '中风险，模拟资金' });
    expect(r.drafts[0]).toMatchObject({ type: 'trade.invited', code: '569880', side: 'buy', qty: 100 });
    expect(h.state.invitation).toMatchObject({ code: '569880', qty: 100 });
    expect(() => h.send(host, 'trade.invite', { code: '123456', riskWording: 'x' })).toThrow(/NOT_FOUND/);
  });
});
