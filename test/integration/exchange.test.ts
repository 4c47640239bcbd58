/**
 * The mock exchange in a live room (docs/SPEC.md EX1, EX5–EX8): a real server, real Socket.IO
 * peers and a BotRunner audience in the metaverse investor-day scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { fold, reduce, type SessionState } from '../../core/session.js';
import { applyOrder } from '../../core/trade.js';
import type { RunningServer } from '../../server/main.js';
import { BotRunner } from '../../server/bots/bot-runner.js';
import type { SessionRoom } from '../../server/rooms/session-room.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate } from '../../server/sim/simulate.js';
import { eventually, joinPeer, type Peer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

const SCENARIO = 'metaverse-investor-day';

describe('mock exchange in a live room', () => {
  let server: RunningServer;
  let room: SessionRoom;
  let trainee: Peer;
  let observer: Peer;
  let facilitator: Peer;
  let bots: BotRunner;

  beforeAll(async () => {
    server = await startTestServer();
    room = await server.rooms.create(server.scenarios.get(SCENARIO)!, { seed: 4242 });
    const codes = room.record.codes;
    trainee = await joinPeer(server.url, codes.trainee, '主播', 'trainee');
    observer = await joinPeer(server.url, codes.observer, '观察员', 'observer');
    facilitator = await joinPeer(server.url, codes.facilitator, '培训师', 'facilitator');
    bots = new BotRunner({ url: server.url, code: codes.bot, count: 40, seed: 7, rampSec: 1, reserveShare: 0 });
    await trainee.send('session.start', {});
    await bots.start();
    await bots.waitForJoined(25, 15_000);
  }, 30_000);

  afterAll(async () => {
    await bots?.stop();
    for (const p of [trainee, observer, facilitator]) p?.close();
    await server?.close();
  });

  it('EX8: the trainee invites a mock trade; bots answer with orders that fill or reject; the observer sees them', async () => {
    const ack = await trainee.send('trade.invite', {
      code: '609318',
      side: 'buy',
      qty: 100,
      riskWording: '澄湖食品为R3中风险产品，适合C3及以上投资者。模拟资金，可能亏损。',
    });
    expect(ack).toMatchObject({ ok: true });
    await observer.waitFor((e) => e.type === 'trade.invited');
    const botOrders = () => observer.events.filter((e) => e.type === 'trade.order' && e.actor.role === 'bot');
    await eventually(() => botOrders().length >= 4, 25_000, 'bots answering the invitation with orders');
    const outcomes = observer.events.filter((e) => e.type === 'trade.fill' || e.type === 'trade.reject');
    expect(outcomes.length).toBeGreaterThanOrEqual(4);
    expect(bots.stats.failedAcks).toBe(0);
  }, 40_000);

  it('EX5: orders reject for named rules over the wire, and an unsuitable buy is recorded but fills', async () => {
    const a = await joinPeer(server.url, room.record.codes.bot, '散户甲', 'bot');
    const b = await joinPeer(server.url, room.record.codes.bot, '散户乙', 'bot');
    try {
      const place = (p: Peer, order: object) => p.send('trade.place', order);
      expect(await place(a, { code: '609318', side: 'buy', qty: 100, riskClass: 'C3' })).toMatchObject({
        ok: true,
        trade: { status: 'filled', qty: 100 },
      });
      const rules: Array<[Peer, object, string]> = [
        [a, { code: '609318', side: 'buy', qty: 150 }, 'LOT_SIZE'],
        [a, { code: '609318', side: 'buy', type: 'limit', qty: 100, limitPrice: 25 }, 'PRICE_LIMIT'],
        [a, { code: '689917', side: 'buy', qty: 5000 }, 'INSUFFICIENT_CASH'],
        [a, { code: '609318', side: 'sell', qty: 100 }, 'T_PLUS_ONE'],
        [a, { code: '569880', side: 'sell', qty: 100 }, 'INSUFFICIENT_POSITION'],
        [a, { code: '123456', side: 'buy', qty: 100 }, 'UNKNOWN_INSTRUMENT'],
      ];
      for (const [peer, order, reason] of rules) {
        const r = await place(peer, order);
        expect(r, reason).toMatchObject({ ok: true, trade: { status: 'rejected', reason } });
      }
      const unsuitable = await place(b, { code: '309527', side: 'buy', qty: 100, riskClass: 'C1' });
      expect(unsuitable).toMatchObject({ ok: true, trade: { status: 'filled', mismatch: true } });
      await observer.waitFor((e) => e.type === 'trade.unsuitable' && e.accountId === b.join.participantId);
      // Schema errors are protocol errors, not exchange rejections.
      expect(await place(a, { code: '609318', side: 'hold', qty: 100 })).toMatchObject({
        ok: false,
        code: 'BAD_PAYLOAD',
      });
      // SC4: observers watch; they cannot trade.
      expect(await observer.send('trade.place', { code: '609318', side: 'buy', qty: 100 })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      const reasons = observer.events.filter((e) => e.type === 'trade.reject').map((e) => e.reason);
      for (const [, , reason] of rules) expect(reasons).toContain(reason);
    } finally {
      a.close();
      b.close();
    }
  });

  it('EX7: a market_shock incident moves the tech sector by its percentage, within the daily limits', async () => {
    const before = structuredClone(room.snapshot().exchange!.market.quotes);
    expect(await facilitator.send('incident.fire', { incidentId: 'tech-sell-off' })).toMatchObject({ ok: true });
    const fired = await observer.waitFor((e) => e.type === 'incident.fired' && e.incidentId === 'tech-sell-off');
    const after = room.snapshot().exchange!.market.quotes;
    for (const code of ['309527', '689917']) {
      const b = before[code]!;
      const a = after[code]!;
      // Ticks between the snapshot and the shock move the price a little; the shock dominates.
      expect(a.last / b.last).toBeLessThan(0.96);
      expect(a.last / b.last).toBeGreaterThan(0.91);
      expect(a.last).toBeGreaterThanOrEqual(a.limitDown);
    }
    expect(Math.abs(after['569880']!.last / before['569880']!.last - 1)).toBeLessThan(0.02);
    expect(fired.actor.role).toBe('facilitator');
  });

  it('EX1: the observer’s fold equals the server; folding the recording from seq 1 reproduces every price and fill', async () => {
    await observer.waitFor((e) => e.type === 'market.ticked', 5_000);
    await bots.stop();
    await trainee.send('session.end', {});
    await observer.waitFor((e) => e.type === 'session.ended');
    const server_ = room.snapshot();
    // The observer folds its join snapshot plus every event after it, as the client does.
    let mine: SessionState = observer.join.state;
    for (const e of observer.events) if (e.seq > mine.lastSeq) mine = reduce(mine, e);
    expect(mine.lastSeq).toBe(server_.lastSeq);
    expect(JSON.stringify(mine.exchange)).toBe(JSON.stringify(server_.exchange));
    expect(mine).toEqual(JSON.parse(JSON.stringify(server_)));

    const log: SessionEvent[] = server.store.readEvents(room.id);
    const replay = fold(log);
    expect(JSON.stringify(replay.exchange)).toBe(JSON.stringify(server_.exchange));
    expect(replay.trades).toEqual(server_.trades);
    expect(replay.rng).toBe(server_.rng);

    // Every recorded outcome is what placeOrder gives on the replayed state just before it.
    let s = fold([]);
    let checked = 0;
    const ticks = new Set<string>();
    for (let i = 0; i < log.length; i++) {
      const e = log[i]!;
      if (e.type === 'trade.order') {
        const { result } = applyOrder(s.exchange!, e.accountId, e.request, e.open, e.t);
        const outcome = log.slice(i + 1, i + 4).find((x) => x.type === 'trade.fill' || x.type === 'trade.reject')!;
        if (result.ok)
          expect(outcome).toMatchObject({ type: 'trade.fill', price: result.fill!.price, qty: result.fill!.qty });
        else if (outcome) expect(outcome).toMatchObject({ type: 'trade.reject', reason: result.code });
        checked++;
      }
      s = reduce(s, e);
      if (e.type === 'market.ticked') ticks.add(JSON.stringify(s.exchange!.market.quotes));
    }
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(ticks.size).toBeGreaterThan(1); // prices moved between ticks
  }, 20_000);
});

describe('mock exchange in the headless simulator', () => {
  it('EX8: the scripted host invites in the call-to-action segment; viewers order; the recording replays exactly', async () => {
    const scenario = loadScenes('scenes').scenarios.get(SCENARIO)!;
    const run = () => simulate({ scenario, seed: 11, bots: 60 });
    const sim = await run();
    const types = new Set(sim.events.map((e) => e.type));
    for (const t of ['trade.invited', 'trade.order', 'trade.fill', 'trade.reject', 'market.ticked', 'trade.unsuitable'])
      expect(types, t).toContain(t);
    expect(sim.state.trading.orders).toBeGreaterThan(10);
    expect(JSON.stringify(fold(sim.events).exchange)).toBe(JSON.stringify(sim.state.exchange));
    // AU1: the same seed gives the same market and the same trades.
    const again = await run();
    expect(JSON.stringify(again.state.exchange)).toBe(JSON.stringify(sim.state.exchange));
  }, 60_000);
});
