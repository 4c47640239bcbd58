/** The audience waits for the stream (docs/RUBRICS.md AW1–AW3). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Audience, type AudienceAction } from '../../core/audience/audience.js';
import { draft, stamp, SYSTEM_ACTOR, type Actor, type EventDraft } from '../../core/events.js';
import { parseScenario } from '../../core/scenario.js';
import { fold } from '../../core/session.js';

const parsed = parseScenario(
  readFileSync(resolve(import.meta.dirname, '../../scenes/anti-fraud-live.yaml'), 'utf8'),
  'anti-fraud-live.yaml',
);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;
const HOST: Actor = { id: 'host', role: 'trainee', name: '主播' };

function drive(startAtMs: number, untilMs: number) {
  const a = new Audience({ scenario, seed: 7, count: 60 });
  let seq = 0;
  const events = [stamp(draft.sessionCreated('s', scenario, 7), ++seq, 0, SYSTEM_ACTOR)];
  const emit = (t: number, actor: Actor, d: EventDraft) => {
    const e = stamp(d, ++seq, t, actor);
    events.push(e);
    a.observe(e);
    return e;
  };
  const said: Array<AudienceAction & { kind: 'say'; t: number }> = [];
  const actions: Array<AudienceAction & { t: number }> = [];
  for (let t = 0; t <= untilMs; t += 500) {
    if (t === startAtMs) emit(t, HOST, draft.sessionStarted());
    for (const x of a.advance(t)) {
      actions.push({ ...x, t });
      const who: Actor = { id: `v${x.viewer}`, role: 'bot', name: `v${x.viewer}` };
      if (x.kind === 'arrive') {
        a.bind(x.viewer, who.id);
        emit(t, who, draft.participantJoined(who.id, 'bot', who.name));
      }
      if (x.kind === 'say') {
        said.push({ ...x, t });
        const e = emit(t, who, draft.chatMessage(x.text, x.chatKind, x.replyTo));
        if (x.chatKind === 'question') a.ownQuestion(x.viewer, e.seq, t);
      }
      if (x.kind === 'signal') emit(t, who, draft.viewerSentiment(x.sentiment, x.trust, x.leaving));
      if (x.kind === 'leave') emit(t, SYSTEM_ACTOR, draft.participantLeft(who.id, 'disconnect'));
    }
  }
  return { a, said, actions, events };
}

describe('AW1 the audience waits for session.start', () => {
  const start = 3 * 60_000;
  const run = drive(start, start + 6 * 60_000);

  it('before the start a few viewers wait and chat lightly: no question, lure, troll or rumour', () => {
    const before = run.said.filter((s) => s.t < start);
    const arrivedBefore = run.actions.filter((x) => x.kind === 'arrive' && x.t < start).length;
    expect(arrivedBefore).toBeGreaterThan(0);
    expect(arrivedBefore).toBeLessThan(20);
    expect(before.every((s) => s.chatKind === 'chat')).toBe(true);
    const after = run.said.filter((s) => s.t >= start);
    expect(after.some((s) => s.chatKind === 'question')).toBe(true);
  });

  it('the arrival curve runs on stream time: most viewers arrive after the start', () => {
    const arrivals = run.actions.filter((x) => x.kind === 'arrive');
    expect(arrivals.filter((x) => x.t >= start).length).toBeGreaterThan(arrivals.length / 2);
  });

  it('nobody drifts away before the stream has started (watching time counts from the start)', () => {
    expect(run.actions.filter((x) => x.kind === 'leave' && x.t < start)).toEqual([]);
  });

  it('no question the state holds waits longer than the stream has run', () => {
    const s = fold(run.events);
    for (const q of s.questions) expect(s.t - q.t).toBeLessThanOrEqual(s.t - start);
  });
});

describe('AW3 viewers who leave say why', () => {
  it('every leave is preceded by a signal carrying its reason; the state counts them by reason', () => {
    const run = drive(0, 30 * 60_000);
    const leaves = run.actions.filter((x) => x.kind === 'leave');
    expect(leaves.length).toBeGreaterThan(0);
    for (const l of leaves) {
      const sig = run.actions.find((x) => x.kind === 'signal' && x.viewer === l.viewer && x.leaving);
      expect(sig && sig.kind === 'signal' && sig.leaving).toBe(l.kind === 'leave' ? l.reason : null);
    }
    const s = fold(run.events);
    const counted = Object.values(s.departures).reduce((x, y) => x + (y ?? 0), 0);
    expect(counted).toBe(leaves.length);
  });

  it('a promise of returns offends some careful viewers, who leave as "offended"', () => {
    const a = new Audience({
      scenario: { ...scenario, bots: { ...scenario.bots, personas: [{ persona: 'growth_investor', weight: 1 }] } },
      seed: 3,
      count: 40,
      rampSec: 5,
      reserveShare: 0,
    });
    a.observe(stamp(draft.sessionStarted(), 1, 0, HOST));
    a.advance(20_000);
    a.observe(stamp(draft.hostSaid('这只基金稳赚不赔，保证收益翻倍。', 0, null), 2, 20_000, HOST));
    const out = a.advance(40_000);
    expect(out.some((x) => x.kind === 'leave' && x.reason === 'offended')).toBe(true);
  });
});
