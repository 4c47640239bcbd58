/**
 * Who sits where in the 3D audience (client/src/scene/seat-map.ts): each online viewer keeps one
 * seat, a leaver's seat stays taken until the walk-out ends, freed seats go to the next arrival.
 */
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../core/session.js';
import { AUDIENCE_CAPACITY } from '../../client/src/scene/layout.js';
import { SeatMap } from '../../client/src/scene/seat-map.js';

const p = (id: string, role: Participant['role'] = 'bot', online = true): Participant => ({
  id,
  role,
  name: id,
  online,
  joinedT: 0,
  leftT: online ? null : 1,
});
const room = (...ps: Participant[]) => Object.fromEntries(ps.map((x) => [x.id, x]));

describe('SeatMap', () => {
  it('seats bots and observers (not the host or facilitator), front seats first', () => {
    const m = new SeatMap();
    const changes = m.sync('s1', room(p('a'), p('t', 'trainee'), p('o', 'observer'), p('f', 'facilitator')));
    expect(changes).toEqual([
      { kind: 'arrive', slot: 0 },
      { kind: 'arrive', slot: 1 },
    ]);
    expect([m.slotOf('a'), m.slotOf('o'), m.slotOf('t')]).toEqual([0, 1, -1]);
    expect(m.seated).toBe(2);
    expect(m.highWater).toBe(2);
  });

  it('keeps a leaver’s seat until the walk-out ends, then gives it to the next arrival', () => {
    const m = new SeatMap();
    m.sync('s1', room(p('a'), p('b'), p('c')));
    const left = m.sync('s1', room(p('a'), p('b', 'bot', false), p('c')));
    expect(left).toEqual([{ kind: 'leave', slot: 1 }]);
    expect(m.slotOf('b')).toBe(-1);
    expect(m.seated).toBe(2);
    // Still walking out: a newcomer does not take seat 1 yet.
    expect(m.sync('s1', room(p('a'), p('c'), p('d')))).toEqual([{ kind: 'arrive', slot: 3 }]);
    m.release(1);
    expect(m.sync('s1', room(p('a'), p('c'), p('d'), p('e')))).toEqual([{ kind: 'arrive', slot: 1 }]);
    expect([m.slotOf('a'), m.slotOf('c'), m.slotOf('d'), m.slotOf('e')]).toEqual([0, 2, 3, 1]);
  });

  it('lowers the instance count when the last seats empty', () => {
    const m = new SeatMap();
    m.sync('s1', room(p('a'), p('b'), p('c')));
    m.sync('s1', room(p('a')));
    expect(m.highWater).toBe(3);
    m.release(2);
    m.release(1);
    expect(m.highWater).toBe(1);
    expect(m.seated).toBe(1);
  });

  it('starts empty for another session, with nothing walking out', () => {
    const m = new SeatMap();
    m.sync('s1', room(p('a'), p('b')));
    expect(m.sync('s2', room(p('x')))).toEqual([{ kind: 'arrive', slot: 0 }]);
    expect([m.slotOf('a'), m.slotOf('x'), m.seated, m.highWater]).toEqual([-1, 0, 1, 1]);
  });

  it('counts but does not draw viewers beyond the hall’s capacity', () => {
    const m = new SeatMap();
    const many = Array.from({ length: AUDIENCE_CAPACITY + 5 }, (_, i) => p(`v${i}`));
    const changes = m.sync('s1', room(...many));
    expect(changes).toHaveLength(AUDIENCE_CAPACITY);
    expect(m.highWater).toBe(AUDIENCE_CAPACITY);
  });
});
