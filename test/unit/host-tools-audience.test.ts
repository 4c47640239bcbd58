/**
 * How the simulated audience takes the host's console (core/audience/host-tools.ts): a pinned
 * warning makes viewers wary of lures (fewer bite, some say so); a muted viewer goes quiet; a
 * blocked one is gone; deleting a complaint angers the room, deleting a lure does not.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Audience, type AudienceAction } from '../../core/audience/audience.js';
import type { PersonaId } from '../../core/audience/phrases.js';
import { REACTIONS } from '../../core/audience/reactions.js';
import { draft, stamp, SYSTEM_ACTOR, type Actor, type EventDraft } from '../../core/events.js';
import { parseScenario, type Scenario } from '../../core/scenario.js';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml'), 'utf8'),
  'anti-fraud-live.yaml',
);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const base: Scenario = parsed.scenario;
const HOST: Actor = { id: 'host', role: 'trainee', name: '主播' };
const LURER: Actor = { id: 'lurer', role: 'bot', name: '财富老师' };

function mixed(personas: Array<[PersonaId, number]>): Scenario {
  return { ...base, bots: { ...base.bots, personas: personas.map(([persona, weight]) => ({ persona, weight })) } };
}

/** Feeds an Audience as the room would: events in order, its actions recorded as events. */
class Driver {
  seq = 0;
  t = 0;
  said: Array<{ viewer: number; text: string }> = [];
  actions: AudienceAction[] = [];
  constructor(readonly audience: Audience) {}
  emit(actor: Actor, d: EventDraft) {
    const e = stamp(d, ++this.seq, this.t, actor);
    this.audience.observe(e);
    return e;
  }
  run(untilMs: number): void {
    for (; this.t <= untilMs; this.t += 500) {
      for (const a of this.audience.advance(this.t)) {
        this.actions.push(a);
        if (a.kind === 'arrive') this.audience.bind(a.viewer, `v${a.viewer}`);
        if (a.kind === 'say') {
          this.said.push({ viewer: a.viewer, text: a.text });
          this.emit(
            { id: `v${a.viewer}`, role: 'bot', name: this.audience.viewers[a.viewer]!.name },
            draft.chatMessage(a.text, a.chatKind, a.replyTo),
          );
        }
      }
    }
  }
  start(scenario: Scenario): void {
    this.emit(SYSTEM_ACTOR, draft.sessionCreated('s', scenario, 1));
    this.emit(HOST, draft.sessionStarted());
  }
  count(kind: keyof typeof REACTIONS): number {
    return this.said.filter((s) => REACTIONS[kind].some((p) => p.zh === s.text)).length;
  }
}

function driver(scenario: Scenario, seed: number, count = 40): Driver {
  const d = new Driver(new Audience({ scenario, seed, count, rampSec: 5, reserveShare: 0 }));
  d.start(scenario);
  d.run(30_000);
  return d;
}

describe('the audience and the host console', () => {
  it('HC6: a pinned warning: fewer viewers take a lure’s bait, and some say the pin put them off', () => {
    const scenario = mixed([['genz_newcomer', 1]]);
    const bites = (pin: boolean | 'before-join') => {
      let total = 0;
      let wary = 0;
      for (const seed of [3, 4, 5]) {
        const d = driver(scenario, seed);
        const text = '谨防诈骗：不要加任何私人联系方式，认准官方App';
        if (pin === true) d.emit(HOST, draft.announcementPinned(text));
        // A driver that joins after the pin learns it from the join snapshot.
        if (pin === 'before-join')
          d.audience.catchUp({ status: 'live', t: d.t, segmentIndex: 0, hostTools: { pinned: { text } } });
        // Outside the memory of any spoken warning: only the pin differs.
        d.emit(LURER, draft.chatMessage('免费荐股，扣1进群，vx: abc123', 'chat', null));
        d.run(90_000);
        total += d.count('lureBite');
        wary += d.count('pinnedWary');
      }
      return { total, wary };
    };
    const open = bites(false);
    const pinned = bites(true);
    expect(open.total).toBeGreaterThan(6);
    expect(pinned.total).toBeLessThan(open.total / 2);
    expect(pinned.wary).toBeGreaterThan(0);
    expect(open.wary).toBe(0);
    expect(bites('before-join').total).toBeLessThan(open.total / 2);
  });

  it('HC6: a muted viewer says nothing until the mute ends; a blocked one leaves', () => {
    const d = driver(mixed([['genz_newcomer', 1]]), 8, 10);
    const [a, b] = d.audience.viewers.filter((v) => v.state === 'present');
    d.emit(HOST, draft.viewerMuted(a!.participantId!, a!.name, 60));
    d.emit(HOST, draft.viewerBlocked(b!.participantId!, b!.name));
    const from = d.said.length;
    const mutedUntil = d.t + 60_000;
    d.run(mutedUntil - 1000);
    expect(d.said.slice(from).filter((s) => s.viewer === a!.index)).toEqual([]);
    expect(d.actions.some((x) => x.kind === 'leave' && x.viewer === b!.index)).toBe(true);
    expect(b!.state).toBe('gone');
    const afterBlock = d.said.slice(from).filter((s) => s.viewer === b!.index);
    expect(afterBlock).toEqual([]);
  });

  it('HC6: deleting a complaint angers the room (censorship complaints, offended departures); deleting a lure does not', () => {
    const scenario = mixed([
      ['growth_investor', 1],
      ['retiree', 1],
      ['genz_newcomer', 1],
    ]);
    const run = (complaint: boolean) => {
      const d = driver(scenario, 21, 60);
      const author = d.audience.viewers.find((v) => v.state === 'present')!;
      const line = d.emit(
        { id: author.participantId!, role: 'bot', name: author.name },
        draft.chatMessage(complaint ? '问了半天没人理，只顾念稿' : '免费荐股加vx', complaint ? 'chat' : 'lure', null),
      );
      d.emit(
        HOST,
        draft.chatDeleted({
          targetSeq: line.seq,
          authorId: author.participantId!,
          authorName: author.name,
          kind: complaint ? 'chat' : 'lure',
          complaint,
        }),
      );
      d.run(60_000);
      const offended = d.actions.filter((x) => x.kind === 'leave' && x.reason === 'offended').length;
      return { censored: d.count('censored'), offended };
    };
    const silenced = run(true);
    const removedLure = run(false);
    expect(silenced.censored).toBeGreaterThan(0);
    expect(silenced.offended).toBeGreaterThan(0);
    expect(removedLure.censored).toBe(0);
    expect(removedLure.offended).toBe(0);
  });
});
