/**
 * 场控 (the host's console) through decide() and reduce(): pin, delete, mute, block, keyword filter
 * and the product card, each a recorded command with its own events (docs/PROTOCOL.md "Host console").
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../core/decide.js';
import { SYSTEM_ACTOR, draft, stamp, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { CommandSchemas, type Command } from '../../core/protocol.js';
import { fold, reduce, type SessionState } from '../../core/session.js';
import { parseScenario } from '../../core/scenario.js';
import { viewEvent } from '../../core/views.js';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml'), 'utf8'),
  'anti-fraud-live.yaml',
);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;

const host: Actor = { id: 'p-host', role: 'trainee', name: '主播' };
const lurer: Actor = { id: 'p-lure', role: 'bot', name: '老师助理' };
const viewer: Actor = { id: 'p-v', role: 'bot', name: '小王' };

function cmd(name: Command['name'], payload: unknown): Command {
  return { name, payload: CommandSchemas[name].parse(payload) } as Command;
}

/** A room in a test: commands go through decide and are folded as the room would. */
class Room {
  events: SessionEvent[] = [];
  state: SessionState;
  constructor() {
    this.state = fold([]);
    this.push(SYSTEM_ACTOR, draft.sessionCreated('s1', scenario, 3));
    this.push(host, draft.participantJoined(host.id, 'trainee', host.name));
    this.push(lurer, draft.participantJoined(lurer.id, 'bot', lurer.name));
    this.push(viewer, draft.participantJoined(viewer.id, 'bot', viewer.name));
    this.push(host, draft.sessionStarted());
  }
  push(actor: Actor, d: EventDraft, dt = 1000): void {
    const e = stamp(d, this.state.lastSeq + 1, this.state.t + dt, actor);
    this.events.push(e);
    this.state = reduce(this.state, e);
  }
  send(actor: Actor, name: Command['name'], payload: unknown, dt = 1000) {
    const r = decide(this.state, actor, cmd(name, payload));
    if (r.ok) for (const d of r.drafts) this.push(r.as ?? actor, d, dt);
    return r;
  }
}

describe('host console: decide + fold', () => {
  it('HC1: pins and unpins an announcement; pinning the same text again records nothing', () => {
    const room = new Room();
    room.send(host, 'announcement.pin', { text: '谨防诈骗：不要加任何私人联系方式，认准官方App' });
    expect(room.state.hostTools.pinned?.text).toContain('谨防诈骗');
    const n = room.events.length;
    room.send(host, 'announcement.pin', { text: '谨防诈骗：不要加任何私人联系方式，认准官方App' });
    expect(room.events.length).toBe(n);
    room.send(host, 'announcement.unpin', {});
    expect(room.state.hostTools.pinned).toBeNull();
    expect(room.events.at(-1)?.type).toBe('announcement.unpinned');
  });

  it('HC2: a deleted line stays in the recording with who and when, marked deleted in the chat', () => {
    const room = new Room();
    room.send(lurer, 'chat.send', { text: '免费荐股，加vx进群天天涨停', kind: 'lure' });
    const lureSeq = room.state.lastSeq;
    const r = room.send(host, 'chat.delete', { seq: lureSeq });
    expect(r.ok).toBe(true);
    const del = room.events.at(-1)!;
    expect(del).toMatchObject({ type: 'chat.deleted', targetSeq: lureSeq, authorId: lurer.id, complaint: false });
    expect(del.actor.name).toBe('主播');
    const line = room.state.chat.find((c) => c.seq === lureSeq)!;
    expect(line.text).toContain('荐股'); // the recording keeps the text
    expect(line.deleted).toEqual({ by: '主播', t: del.t, seq: del.seq });
    // Viewers get the deletion (to hide the line); it is the same fact in every view.
    expect(viewEvent('room', del)).toEqual(del);
  });

  it('HC2: deleting a complaint is stamped as one, so bots that never saw it can react', () => {
    const room = new Room();
    room.send(viewer, 'chat.send', { text: '问了半天没人理，只顾念稿', kind: 'chat' });
    room.send(host, 'chat.delete', { seq: room.state.lastSeq });
    expect(room.events.at(-1)).toMatchObject({ type: 'chat.deleted', complaint: true });
  });

  it('HC2: refuses to delete the host’s own line or an unknown seq, with the field named', () => {
    const room = new Room();
    room.send(host, 'chat.send', { text: '欢迎大家' });
    const own = room.send(host, 'chat.delete', { seq: room.state.lastSeq });
    expect(own).toMatchObject({ ok: false, code: 'BAD_PAYLOAD' });
    const missing = room.send(host, 'chat.delete', { seq: 9999 });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(!missing.ok && missing.message).toMatch(/^seq:/);
  });

  it('HC3: a muted viewer cannot chat until the mute ends; 0 seconds lifts it', () => {
    const room = new Room();
    room.send(host, 'viewer.mute', { viewerId: lurer.id, seconds: 60 });
    expect(room.events.at(-1)).toMatchObject({ type: 'viewer.muted', participantId: lurer.id, seconds: 60 });
    const refused = room.send(lurer, 'chat.send', { text: '加我vx' }, 10_000);
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    // After the mute (the room's clock has passed it) the viewer may chat again.
    room.push(SYSTEM_ACTOR, draft.marketTicked(1000), 61_000);
    expect(room.send(lurer, 'chat.send', { text: '好的' }).ok).toBe(true);
    room.send(host, 'viewer.mute', { viewerId: viewer.id, seconds: 300 });
    room.send(host, 'viewer.mute', { viewerId: viewer.id, seconds: 0 });
    expect(room.state.hostTools.muted[viewer.id]).toBeUndefined();
    expect(room.send(viewer, 'chat.send', { text: '主播好' }).ok).toBe(true);
  });

  it('HC3: blocking removes the viewer from the room and keeps it out', () => {
    const room = new Room();
    room.send(host, 'viewer.block', { viewerId: lurer.id });
    const [blocked, left] = room.events.slice(-2);
    expect(blocked).toMatchObject({ type: 'viewer.blocked', participantId: lurer.id });
    expect(left).toMatchObject({ type: 'participant.left', participantId: lurer.id, reason: 'kicked' });
    expect(room.state.participants[lurer.id]?.online).toBe(false);
    expect(room.state.audience).toBe(1);
    expect(room.send(lurer, 'chat.send', { text: '加我' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(room.send(host, 'viewer.block', { viewerId: 'nobody' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('HC4: the keyword filter holds matching viewer lines (full width and case folded), not the host’s', () => {
    const room = new Room();
    room.send(host, 'filter.set', { words: ['VX', '进群', 'vx'] });
    expect(room.state.hostTools.filter).toEqual(['vx', '进群']);
    room.send(lurer, 'chat.send', { text: '加ＶＸ领内部消息' });
    const held = room.events.at(-1)!;
    expect(held).toMatchObject({ type: 'chat.message', held: true });
    expect(room.state.chat.at(-1)?.held).toBe(true);
    room.send(viewer, 'chat.send', { text: '怎么进群？', kind: 'question' });
    // A held question never reached the room: it does not wait for the host.
    expect(room.state.questions).toHaveLength(0);
    expect(room.state.hostTools.held).toBe(2);
    room.send(host, 'chat.send', { text: '不要加vx，不要进群' });
    expect(room.events.at(-1)).not.toHaveProperty('held');
    room.send(host, 'filter.set', { words: [] });
    room.send(lurer, 'chat.send', { text: '加vx' });
    expect(room.events.at(-1)).not.toHaveProperty('held');
  });

  it('HC5: puts a product card up with the scenario’s product and the risk line given, and takes it down', () => {
    const room = new Room();
    room.send(host, 'product.show', { productId: 'demo-bond-fund', riskLine: '' });
    expect(room.state.hostTools.product).toMatchObject({ productId: 'demo-bond-fund', risk: 'R2', riskLine: '' });
    expect(room.state.hostTools.product?.suitable.zh).toContain('C2');
    room.send(host, 'product.show', { productId: 'demo-money-fund', riskLine: '货币基金不等于存款' });
    expect(room.state.hostTools.product).toMatchObject({
      productId: 'demo-money-fund',
      riskLine: '货币基金不等于存款',
    });
    room.send(host, 'product.hide', {});
    expect(room.state.hostTools.product).toBeNull();
    const bad = room.send(host, 'product.show', { productId: 'hot-tip', riskLine: '' });
    expect(bad).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(!bad.ok && bad.message).toContain('demo-money-fund');
  });

  it('viewers may not use the console; payloads are checked at the edge', () => {
    expect(CommandSchemas['filter.set'].safeParse({ words: ['x'.repeat(21)] }).success).toBe(false);
    expect(CommandSchemas['viewer.mute'].safeParse({ viewerId: 'p', seconds: 99_999 }).success).toBe(false);
    expect(CommandSchemas['announcement.pin'].safeParse({ text: '   ' }).success).toBe(false);
  });
});
