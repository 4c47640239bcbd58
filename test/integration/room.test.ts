/**
 * A real server on an ephemeral port with real socket.io-client peers: a trainee, an observer and
 * 20 bots. Rule ids refer to docs/SPEC.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { COMMAND_NAMES, COMMAND_ROLES, MAX_PAYLOAD_BYTES, PROTOCOL_VERSION } from '../../core/protocol.js';
import { fold } from '../../core/session.js';
import { botsNeed } from '../../core/audience/subscription.js';
import type { RunningServer } from '../../server/main.js';
import { connect, emitAck, eventually, joinPeer, type Peer } from '../harness/peers.js';
import { facilitatorCookie, startTestServer } from '../harness/test-server.js';

let server: RunningServer;
let codes: Record<'trainee' | 'facilitator' | 'observer' | 'bot', string>;
let trainee: Peer;
let observer: Peer;
let bots: Peer[];

function assertInOrder(events: SessionEvent[], after: number): void {
  events.forEach((e, i) => expect(e.seq, `event ${i} of a peer`).toBe(after + i + 1));
}

beforeAll(async () => {
  // A generous rate limit here; the flood test below uses its own server with the default one.
  server = await startTestServer({ rateLimit: { burst: 200, perSecond: 200 } });
  codes = server.demo!.codes;
  trainee = await joinPeer(server.url, codes.trainee, '主播小陈', 'trainee');
  observer = await joinPeer(server.url, codes.observer, '督导', 'observer');
  bots = await Promise.all(Array.from({ length: 20 }, (_, i) => joinPeer(server.url, codes.bot, `bot${i}`, 'bot')));
});

afterAll(async () => {
  for (const p of [trainee, observer, ...bots]) p?.close();
  await server?.close();
});

describe('one session end to end', () => {
  it('SC8: the join ack carries the folded state; SC4: the code decides the role', () => {
    expect(trainee.join.role).toBe('trainee');
    expect(observer.join.role).toBe('observer');
    expect(bots[0]!.join.role).toBe('bot');
    expect(trainee.join.state.scenario?.id).toBe('anti-fraud-live');
    // The trainee's own join is in its snapshot.
    expect(trainee.join.state.participants[trainee.join.participantId]?.name).toBe('主播小陈');
  });

  it('SC1: every event reaches every person once, in seq order, with no gap; bots get their filtered share in order', async () => {
    expect((await trainee.send('session.start', {})).ok).toBe(true);
    const sends: Promise<unknown>[] = [];
    for (let round = 0; round < 3; round++) {
      bots.forEach((b, i) =>
        sends.push(b.send('chat.send', { text: `第${round}轮 消息${i}`, kind: i % 4 === 0 ? 'question' : 'chat' })),
      );
    }
    sends.push(bots[0]!.send('chat.send', { text: '免费荐股，扣1进群，vx: abc123' }));
    sends.push(trainee.send('host.say', { text: '大家好，欢迎来到直播间。', lineIndex: 0 }));
    const acks = (await Promise.all(sends)) as Array<{ ok: boolean; seq: number }>;
    expect(acks.every((a) => a.ok)).toBe(true);
    const last = Math.max(...acks.map((a) => a.seq));
    const people = [trainee, observer];
    await eventually(() => people.every((p) => p.events.at(-1)!.seq >= last), 10_000, 'all people caught up');
    for (const p of people) assertInOrder(p.events, p.join.state.lastSeq);
    // Bots get exactly what their policy reads (host lines, lifecycle, scam posts), in seq order.
    const expected = observer.events
      .filter((e) => e.seq > bots[19]!.join.state.lastSeq && botsNeed(e))
      .map((e) => e.seq);
    await eventually(() => bots[19]!.events.at(-1)?.seq === expected.at(-1), 10_000, 'bots caught up');
    expect(bots[19]!.events.map((e) => e.seq)).toEqual(expected);
    const kinds = new Set(bots[19]!.events.map((e) => (e.type === 'chat.message' ? `chat:${e.actor.role}` : e.type)));
    expect([...kinds].sort()).toEqual(['chat:bot', 'host.said', 'session.started']);
    // Everyone folds to the same state as the server.
    const serverState = server.rooms.get(server.demo!.sessionId)!.snapshot();
    const observed = fold(observer.events, observer.join.state);
    expect(observed.counters).toEqual(serverState.counters);
    expect(observed.audience).toBe(21);
  });

  it('SC2: an ok ack names a seq that the store already holds', async () => {
    const ack = (await bots[1]!.send('chat.send', { text: '主播讲得好' })) as { ok: true; seq: number };
    expect(ack.ok).toBe(true);
    const stored = server.store.readEvents(server.demo!.sessionId, ack.seq, 1)[0];
    expect(stored).toMatchObject({ seq: ack.seq, type: 'chat.message', text: '主播讲得好' });
  });

  it('a trainee reply to a question marks it answered for everyone', async () => {
    const q = (await bots[2]!.send('chat.send', { text: '基金会不会亏本金？', kind: 'question' })) as unknown as {
      seq: number;
    };
    const r = await trainee.send('chat.send', { text: '基金不保本，净值会波动。', replyTo: q.seq });
    expect(r.ok).toBe(true);
    const reply = await bots[2]!.waitFor((e) => e.type === 'chat.message' && e.replyTo === q.seq);
    expect(reply.actor.role).toBe('trainee');
    const state = server.rooms.get(server.demo!.sessionId)!.snapshot();
    expect(state.questions.find((w) => w.seq === q.seq)).toBeUndefined();
    expect(state.chat.find((c) => c.seq === q.seq)?.answerSeq).toBe(reply.seq);
  });

  it('SC5: bad payloads get the right code with the field named, and the room goes on', async () => {
    const cases: Array<[string, unknown[], string, RegExp]> = [
      ['chat.send', [{ text: 42 }], 'BAD_PAYLOAD', /text/],
      ['chat.send', [{ text: '' }], 'BAD_PAYLOAD', /text: must not be empty/],
      ['chat.send', [{ text: 'hi', extra: true }], 'BAD_PAYLOAD', /extra|Unrecognized/i],
      ['chat.send', ['just a string'], 'BAD_PAYLOAD', /chat.send/],
      ['chat.send', [{ text: 'x'.repeat(600) }], 'BAD_PAYLOAD', /at most 500/],
      ['chat.send', [{ text: 'y'.repeat(MAX_PAYLOAD_BYTES + 10) }], 'TOO_LARGE', /payload over/],
      ['chat.send', [{ text: 'hi', replyTo: 999_999 }], 'NOT_FOUND', /replyTo/],
      ['nonsense.event', [{}], 'UNKNOWN_COMMAND', /nonsense/],
      ['join', [{ protocolVersion: PROTOCOL_VERSION, code: codes.bot, name: 'again' }], 'ALREADY_JOINED', /already/],
    ];
    const bad = bots[3]!;
    for (const [event, args, code, msg] of cases) {
      const ack = await bad.send(event, ...args);
      expect(ack, `${event} ${JSON.stringify(args).slice(0, 40)}`).toMatchObject({ ok: false, code });
      expect((ack as { message: string }).message).toMatch(msg);
    }
    // Still connected and still heard, and nobody else noticed.
    expect(bad.socket.connected).toBe(true);
    const ok = await bots[4]!.send('chat.send', { text: '我还在' });
    expect(ok.ok).toBe(true);
    await observer.waitFor((e) => e.type === 'chat.message' && e.text === '我还在');
  });

  it('SC5: a command with no ack gets a notice instead', async () => {
    const p = bots[5]!;
    (p.socket.emit as (ev: string, payload: unknown) => void)('chat.send', { text: 5 });
    await eventually(() => p.notices.length > 0, 5000, 'notice');
    expect(p.notices[0]!.code).toBe('BAD_PAYLOAD');
  });

  it('SC4: each role is refused the commands it may not send', async () => {
    const byRole = { trainee, observer, bot: bots[6]! } as const;
    const payloads: Record<string, unknown> = {
      'chat.send': { text: '测试' },
      'host.say': { text: '测试', lineIndex: null },
      'incident.fire': { incidentId: 'stock-tip-demand' },
      'session.start': {},
      'segment.next': {},
      'session.end': {},
      'disclosure.set': { on: true },
      'stream.pause': { paused: true },
      'viewer.signal': { sentiment: 0, trust: 0.5 },
      sync: { sinceSeq: 0 },
    };
    let refused = 0;
    for (const [role, peer] of Object.entries(byRole)) {
      for (const name of COMMAND_NAMES) {
        if ((COMMAND_ROLES[name] as readonly string[]).includes(role)) continue;
        const ack = await peer.send(name, payloads[name]);
        expect(ack, `${role} → ${name}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        refused++;
      }
    }
    expect(refused).toBeGreaterThanOrEqual(10);
  });

  it('SC4: a code opens only its own role and room', async () => {
    const s = await connect(server.url);
    const wrongRole = await emitAck(s, 'join', [
      { protocolVersion: PROTOCOL_VERSION, code: codes.observer, role: 'trainee', name: 'x' },
    ]);
    expect(wrongRole).toMatchObject({ ok: false, code: 'BAD_CODE' });
    const unknown = await emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: 'ZZZZ99', name: 'x' }]);
    expect(unknown).toMatchObject({ ok: false, code: 'BAD_CODE' });
    const version = await emitAck(s, 'join', [{ protocolVersion: 99, code: codes.observer, name: 'x' }]);
    expect(version).toMatchObject({ ok: false, code: 'VERSION_MISMATCH' });
    const before = await emitAck(s, 'chat.send', [{ text: 'hi' }]);
    expect(before).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    // A second room's codes do not open the first.
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { cookie: await facilitatorCookie(server), 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'anti-fraud-live' }),
    });
    const other = (await res.json()) as { sessionId: string; codes: Record<string, string> };
    expect(res.status).toBe(201);
    const j = await emitAck(s, 'join', [{ protocolVersion: PROTOCOL_VERSION, code: other.codes.observer, name: 'x' }]);
    expect(j).toMatchObject({ ok: true, sessionId: other.sessionId });
    expect((j as unknown as { sessionId: string }).sessionId).not.toBe(server.demo!.sessionId);
    s.disconnect();
  });

  it('SC9: commands that do not fit the state are refused without an event', async () => {
    const room = server.rooms.get(server.demo!.sessionId)!;
    const before = room.snapshot().lastSeq;
    const again = await trainee.send('session.start', {});
    expect(again).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const badLine = await trainee.send('host.say', { text: '台词', lineIndex: 99 });
    expect(badLine).toMatchObject({ ok: false, code: 'BAD_PAYLOAD' });
    expect(room.snapshot().lastSeq).toBe(before);
  });

  it('sync returns the durable events after a seq, in pages', async () => {
    const ack = (await observer.send('sync', { sinceSeq: 0 })) as { ok: true; events: SessionEvent[]; more: boolean };
    expect(ack.ok).toBe(true);
    expect(ack.events[0]!.type).toBe('session.created');
    assertInOrder(ack.events, 0);
  });

  it('a facilitator fires an incident and advances segments; the end closes the room to commands', async () => {
    const fac = await joinPeer(server.url, codes.facilitator, '培训师', 'facilitator');
    const inc = await fac.send('incident.fire', { incidentId: 'stock-tip-demand' });
    expect(inc.ok).toBe(true);
    const missing = await fac.send('incident.fire', { incidentId: 'nope' });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await trainee.send('segment.next', {})).ok).toBe(true);
    await observer.waitFor((e) => e.type === 'segment.advanced' && e.index === 1);
    // The demo reopens when it ends (a fresh room), so keep the id of the one being ended.
    const endedId = server.demo!.sessionId;
    expect((await fac.send('session.end', {})).ok).toBe(true);
    await observer.waitFor((e) => e.type === 'session.ended');
    const after = await bots[7]!.send('chat.send', { text: '还有人吗' });
    expect(after).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(server.store.getSession(endedId)?.status).toBe('ended');
    fac.close();
  });
});

describe('floods', () => {
  it('SC5: a flooding client is rate limited while a quiet one is served', async () => {
    const s = await startTestServer();
    try {
      const c = s.demo!.codes;
      const flooder = await joinPeer(s.url, c.bot, 'flooder');
      const quiet = await joinPeer(s.url, c.bot, 'quiet');
      const acks = await Promise.all(
        Array.from({ length: 60 }, (_, i) => flooder.send('chat.send', { text: `刷屏${i}` })),
      );
      const limited = acks.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length;
      expect(limited).toBeGreaterThan(30);
      expect(s.counters.rateLimited).toBe(limited);
      const ok = await quiet.send('chat.send', { text: '正常发言' });
      expect(ok.ok).toBe(true);
      flooder.close();
      quiet.close();
    } finally {
      await s.close();
    }
  });
});
