/**
 * A retry continues the original viewers (docs/RUBRICS.md RY1): an audience restored from the
 * recording up to the branch point has the same viewers online, each with its name, persona, risk
 * class, last reported mood, open questions, complaints and lure bites, and those who had left
 * stay gone.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Audience } from '../../core/audience/audience.js';
import { botIndex, botName } from '../../core/audience/names.js';
import { onlineBotsAt } from '../../core/audience/restore.js';
import { draft, stamp, SYSTEM_ACTOR, type Actor, type EventDraft, type SessionEvent } from '../../core/events.js';
import { parseScenario } from '../../core/scenario.js';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml'), 'utf8'),
  'anti-fraud-live.yaml',
);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const HOST: Actor = { id: 'host', role: 'trainee', name: '主播' };
const SEED = 11;
const COUNT = 30;

/** A room: the audience as participants, a host who answers every other question and warns once. */
function drive(untilMs: number) {
  const a = new Audience({ scenario, seed: SEED, count: COUNT });
  let seq = 0;
  const events: SessionEvent[] = [stamp(draft.sessionCreated('s', scenario, SEED), ++seq, 0, SYSTEM_ACTOR)];
  const emit = (t: number, actor: Actor, d: EventDraft) => {
    const e = stamp(d, ++seq, t, actor);
    events.push(e);
    a.observe(e);
    return e;
  };
  const who = (i: number): Actor => ({ id: `v${i}`, role: 'bot', name: botName(i) });
  let questions = 0;
  for (let t = 0; t <= untilMs; t += 500) {
    if (t === 1000) emit(t, HOST, draft.sessionStarted());
    if (t === 60_000) emit(t, SYSTEM_ACTOR, draft.incidentFired('lure-flood-qa'));
    if (t === 150_000) emit(t, HOST, draft.hostSaid('这只基金稳赚不赔，保证收益。', 0, null));
    if (t === 200_000) emit(t, HOST, draft.hostSaid('提醒大家：加群荐股是诈骗，请认准官方渠道。', 0, null));
    for (const x of a.advance(t)) {
      if (x.kind === 'arrive') {
        a.bind(x.viewer, who(x.viewer).id);
        emit(t, who(x.viewer), draft.participantJoined(who(x.viewer).id, 'bot', who(x.viewer).name));
      } else if (x.kind === 'say') {
        const e = emit(t, who(x.viewer), draft.chatMessage(x.text, x.chatKind, x.replyTo));
        if (x.chatKind === 'question') {
          a.ownQuestion(x.viewer, e.seq, t);
          // Every other question gets a reply a little later, so some stay open.
          if (questions++ % 2 === 0)
            emit(t + 1, HOST, draft.chatMessage('好问题，投资有风险，请以公告为准。', 'chat', e.seq));
        }
      } else if (x.kind === 'signal') {
        emit(t, who(x.viewer), draft.viewerSentiment(x.sentiment, x.trust, x.leaving));
        if (x.intent) emit(t, who(x.viewer), draft.viewerIntent(x.intent));
      } else if (x.kind === 'leave') emit(t, SYSTEM_ACTOR, draft.participantLeft(who(x.viewer).id, 'disconnect'));
    }
  }
  return { a, events };
}

describe('RY1 a retry continues the original viewers', () => {
  const branchT = 5 * 60_000;
  const { a: original, events } = drive(branchT);
  const restored = new Audience({ scenario, seed: SEED, count: COUNT, continueFrom: { events } });
  const back = restored.advance(branchT);
  const online = original.viewers.filter((v) => v.state === 'present');

  it('botName and botIndex are inverses, and other names are nobody', () => {
    for (const i of [0, 1, 23, 24, 25, 47, 48, 100]) expect(botIndex(botName(i))).toBe(i);
    expect(botIndex('孙三')).toBeNull();
    expect(botIndex(`${botName(0)}1`)).toBeNull();
  });

  it('the viewers online at the branch point come back at once, as themselves, and nobody else does', () => {
    expect(online.length).toBeGreaterThan(5);
    expect(onlineBotsAt(events).sort((x, y) => x - y)).toEqual(online.map((v) => v.index));
    const arrived = back.filter((x) => x.kind === 'arrive');
    expect(arrived.map((x) => x.kind === 'arrive' && x.name).sort()).toEqual(online.map((v) => v.name).sort());
    // Those who had left (ignored, bored, offended…) stay gone.
    const gone = original.viewers.filter((v) => v.state === 'gone').map((v) => v.index);
    expect(gone.length).toBeGreaterThan(0);
    for (const i of gone) expect(restored.viewers[i]!.state).toBe('gone');
  });

  it('each keeps its persona, risk class, last reported mood, open questions, complaints and bites', () => {
    // The lure flood's wave (viewers beyond the planned count) is among them with its persona.
    expect(original.viewers.length).toBeGreaterThan(COUNT);
    for (const v of online) {
      const r = restored.viewers[v.index]!;
      expect(r.state).toBe('present');
      expect([r.name, r.persona, r.riskClass]).toEqual([v.name, v.persona, v.riskClass]);
      // The mood it last reported (its private mood between reports is not recorded).
      const said = events.filter((e) => e.type === 'viewer.sentiment' && e.actor.id === `v${v.index}`).at(-1);
      const mood =
        said?.type === 'viewer.sentiment' ? [said.sentiment, said.trust] : [v.lastSignal.sentiment, v.lastSignal.trust];
      expect([r.sentiment, r.trust]).toEqual(mood);
      expect(r.pending).toEqual(v.pending);
      expect(r.complaints).toBe(v.complaints);
      expect(r.bites).toBe(v.bites);
      expect([...r.intents].filter((x) => !x.startsWith('invite:')).sort()).toEqual(
        [...v.intents].filter((x) => !x.startsWith('invite:')).sort(),
      );
    }
    // Some questions were still open at the branch point: the retry's room still owes them.
    expect(online.some((v) => v.pending.length > 0)).toBe(true);
  });

  it('the room is live again: in the next minutes it chats about as much as the original did', () => {
    const { a: twin, events: same } = drive(branchT);
    const again = new Audience({ scenario, seed: SEED, count: COUNT, continueFrom: { events: same } });
    const said = { original: 0, restored: 0 };
    // Three minutes, not one: a minute holds some 15–20 lines from this room, too few to tell a
    // restored room's rate from chance (the first minute after a branch runs hotter, ~2×).
    for (let t = branchT; t <= branchT + 180_000; t += 500) {
      said.original += twin.advance(t).filter((x) => x.kind === 'say').length;
      said.restored += again.advance(t).filter((x) => x.kind === 'say').length;
    }
    // Before the fold started the stream, a restored room chatted at the waiting room's quarter rate.
    expect(said.restored).toBeGreaterThan(said.original * 0.5);
    expect(said.restored).toBeLessThan(said.original * 2);
  });

  it('a retry from before the audience came still gets the room: its first viewer at once, the rest with the stream', () => {
    const preShow = events.filter((e) => e.seq === 1);
    const early = new Audience({ scenario, seed: SEED, count: COUNT, continueFrom: { events: preShow } });
    const first = early.advance(0).filter((x) => x.kind === 'arrive');
    // The driver's reader (readerOf) is a present viewer, never a silent seat.
    expect(first.map((x) => x.kind === 'arrive' && x.name)).toContain(botName(0));
    early.observe(stamp(draft.sessionStarted(), 2, 1000, HOST));
    const later = early.advance(3 * 60_000).filter((x) => x.kind === 'arrive').length;
    expect(later).toBeGreaterThan(COUNT / 2);
  });

  it('an open question answered in the retry is its asker’s own: no longer pending, the asker is pleased', () => {
    const asker = online.find((v) => v.pending.length > 0)!;
    const q = asker.pending[0]!;
    const r = restored.viewers[asker.index]!;
    const before = r.sentiment;
    const last = events.at(-1)!;
    restored.observe(
      stamp(
        draft.chatMessage('谢谢提问，这个问题请以官方公告为准。', 'chat', q.seq),
        last.seq + 1,
        branchT + 1000,
        HOST,
      ),
    );
    expect(r.pending.map((p) => p.seq)).not.toContain(q.seq);
    expect(r.sentiment).toBeGreaterThan(before);
  });
});
