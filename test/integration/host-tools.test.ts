/**
 * 场控 over real Socket.IO: a blocked lurer (a raw bot connection, and a BotRunner viewer driven by
 * the audience policy) is removed, its connection closed and kept out; a deleted line reaches the
 * viewers as a deletion they fold; held lines stay in the recording.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { PROTOCOL_VERSION } from '../../core/protocol.js';
import { fold } from '../../core/session.js';
import type { RunningServer } from '../../server/main.js';
import { BotRunner } from '../../server/bots/bot-runner.js';
import type { SessionRoom } from '../../server/rooms/session-room.js';
import { connect, emitAck, eventually, joinPeer, type Peer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

let server: RunningServer;
let room: SessionRoom;
let trainee: Peer;
let observer: Peer;

beforeAll(async () => {
  server = await startTestServer({ rateLimit: { burst: 200, perSecond: 200 } });
  room = await server.rooms.create(server.scenarios.get('anti-fraud-live')!, { seed: 99 });
  const codes = room.record.codes;
  trainee = await joinPeer(server.url, codes.trainee, '主播小陈', 'trainee');
  observer = await joinPeer(server.url, codes.observer, '观众小李', 'observer');
  expect((await trainee.send('session.start', {})).ok).toBe(true);
}, 30_000);

afterAll(async () => {
  for (const p of [trainee, observer]) p?.close();
  await server?.close();
});

describe('host console over Socket.IO', () => {
  it('HC3: a blocked lurer is removed: its connection closes, it cannot chat or come back', async () => {
    const lurer = await joinPeer(server.url, room.record.codes.bot, '老师助理', 'bot');
    const lure = await lurer.send('chat.send', { text: '免费荐股，加vx进群，天天涨停', kind: 'lure' });
    expect(lure.ok).toBe(true);
    const closed = new Promise<void>((resolve) => lurer.socket.once('disconnect', () => resolve()));
    const ack = await trainee.send('viewer.block', { viewerId: lurer.join.participantId });
    expect(ack.ok).toBe(true);
    await closed;
    const left = await observer.waitFor(
      (e) => e.type === 'participant.left' && e.participantId === lurer.join.participantId,
    );
    expect(left).toMatchObject({ reason: 'kicked' });
    expect(lurer.notices.some((n) => n.code === 'FORBIDDEN')).toBe(true);
    // Its resume token no longer opens the seat.
    const again = await connect(server.url);
    const rejoin = await emitAck(again, 'join', [
      {
        protocolVersion: PROTOCOL_VERSION,
        code: room.record.codes.bot,
        name: '老师助理',
        resume: lurer.join.resumeToken,
      },
    ]);
    again.disconnect();
    expect(rejoin).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(room.snapshot().participants[lurer.join.participantId]?.online).toBe(false);
  });

  it('HC2: a deleted line reaches the viewers, who stop showing it; the recording keeps it', async () => {
    const bot = await joinPeer(server.url, room.record.codes.bot, '小王', 'bot');
    const sent = (await bot.send('chat.send', { text: '扣1进群领内部消息，vx: abc123', kind: 'lure' })) as {
      ok: true;
      seq: number;
    };
    await observer.waitFor((e) => e.seq === sent.seq);
    expect((await trainee.send('chat.delete', { seq: sent.seq })).ok).toBe(true);
    const del = await observer.waitFor((e) => e.type === 'chat.deleted' && e.targetSeq === sent.seq);
    expect(del.actor.name).toBe('主播小陈');
    const seen = fold(observer.events, observer.join.state);
    expect(seen.chat.find((c) => c.seq === sent.seq)?.deleted).toMatchObject({ by: '主播小陈' });
    const recorded = server.store.readEvents(room.id).find((e) => e.seq === sent.seq) as SessionEvent & {
      text: string;
    };
    expect(recorded.text).toContain('扣1进群');
    bot.close();
  });

  it('HC4: the keyword filter holds a matching line: recorded, marked held for every view', async () => {
    expect((await trainee.send('filter.set', { words: ['内部消息'] })).ok).toBe(true);
    const bot = await joinPeer(server.url, room.record.codes.bot, '小张', 'bot');
    const sent = (await bot.send('chat.send', { text: '群里有内部消息' })) as { ok: true; seq: number };
    const e = await observer.waitFor((x) => x.seq === sent.seq);
    expect(e).toMatchObject({ type: 'chat.message', held: true });
    bot.close();
    await trainee.send('filter.set', { words: [] });
  });

  it('HC6: a BotRunner lurer the host blocks leaves: the policy drops it and posts nothing more', async () => {
    const bots = new BotRunner({
      url: server.url,
      code: room.record.codes.bot,
      count: 30,
      seed: 5,
      rampSec: 1,
      reserveShare: 0,
    });
    try {
      await bots.start();
      await bots.waitForJoined(20, 20_000);
      const model = bots.audienceModel!;
      await eventually(
        () => model.viewers.some((v) => v.persona === 'fraud_lurer' && v.state === 'present' && v.participantId),
        20_000,
        'a lurer in the room',
      );
      const lurer = model.viewers.find((v) => v.persona === 'fraud_lurer' && v.state === 'present' && v.participantId)!;
      const id = lurer.participantId!;
      expect((await trainee.send('viewer.block', { viewerId: id })).ok).toBe(true);
      const left = await observer.waitFor((e) => e.type === 'participant.left' && e.participantId === id);
      expect(left).toMatchObject({ reason: 'kicked' });
      await eventually(() => lurer.state === 'gone', 5000, 'the policy dropped the blocked lurer');
      const at = left.seq;
      // Give the room a moment of chat: nothing more from the blocked viewer.
      await trainee.send('host.say', { text: '大家好，欢迎来到直播间。', lineIndex: 0 });
      await new Promise((r) => setTimeout(r, 1500));
      expect(observer.events.filter((e) => e.seq > at && e.actor.id === id)).toEqual([]);
    } finally {
      await bots.stop();
    }
  }, 60_000);
});
