/**
 * Per-role views (core/views.ts): staff see every field; trainees, observers and bots never get
 * `directedBy`, in a batch, a sync answer or the folded state; bots get only what they read.
 */
import { describe, expect, it } from 'vitest';
import { draft, stamp, type SessionEvent } from '../../core/events.js';
import { fold } from '../../core/session.js';
import { viewBatch, viewOf, viewState, viewSync } from '../../core/views.js';

const viewer = { id: 'p-v', role: 'bot' as const, name: '股海小白' };
const directed = stamp(
  draft.directedChat('主播，这只基金保本吗？', 'question', null, { id: 'f-1', name: '导师' }),
  1,
  0,
  viewer,
);
const plain = stamp(draft.chatMessage('hello', 'chat', null), 2, 10, { id: 'p-t', role: 'trainee', name: '主播' });
const batch: SessionEvent[] = [directed, plain];

describe('views', () => {
  it('a role gets its view; the watch seat is staff', () => {
    expect(viewOf('facilitator')).toBe('staff');
    expect(viewOf('observer', true)).toBe('staff');
    expect(viewOf('observer')).toBe('room');
    expect(viewOf('trainee')).toBe('room');
    expect(viewOf('bot')).toBe('bots');
  });

  it('staff see directedBy; the room sees the same line without it', () => {
    expect(viewBatch('staff', batch)[0]).toHaveProperty('directedBy');
    const room = viewBatch('room', batch);
    expect(room).toHaveLength(2);
    expect(room[0]).not.toHaveProperty('directedBy');
    expect(room[0]).toMatchObject({ text: '主播，这只基金保本吗？', actor: viewer });
    expect(JSON.stringify(viewSync('bots', batch))).not.toContain('directedBy');
  });

  it('bots get only what their policy reads (not a viewer line), and never directedBy', () => {
    const bots = viewBatch('bots', batch);
    expect(bots.map((e) => e.seq)).toEqual([2]);
  });

  it('the folded state a joiner gets carries no directedBy outside staff', () => {
    const s = fold(batch);
    expect(s.chat[0]?.directedBy?.name).toBe('导师');
    expect(viewState('staff', s)).toBe(s);
    expect(JSON.stringify(viewState('room', s))).not.toContain('directedBy');
    expect(viewState('room', s).chat.map((c) => c.text)).toEqual(s.chat.map((c) => c.text));
  });

  it('the room sees that an incident was scheduled, never which one or when', () => {
    const fac = { id: 'p-f', role: 'facilitator' as const, name: '导师' };
    const scheduled = stamp(draft.incidentScheduled('wrong-data', 120_000), 3, 20, fac);
    expect(viewBatch('staff', [scheduled])[0]).toMatchObject({ incidentId: 'wrong-data', atMs: 120_000 });
    const room = viewBatch('room', [scheduled]);
    expect(room.map((e) => e.seq)).toEqual([3]);
    expect(JSON.stringify(room)).not.toContain('wrong-data');
    expect(JSON.stringify(viewSync('room', [scheduled]))).not.toContain('120000');
    expect(viewBatch('bots', [scheduled])).toEqual([]);
  });
});
