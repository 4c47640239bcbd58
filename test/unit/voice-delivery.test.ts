/** The delivery criterion from measured voice (voice.sample events): pace, dead air, monotone, too quiet. */
import { describe, expect, it } from 'vitest';
import { draft, stamp, type EventOf, type VoiceSample } from '../../core/events.js';
import type { Ctx } from '../../core/rubric/criteria-chat.js';
import { deliveryCriterion } from '../../core/rubric/criteria-session.js';
import { deadAirOf, voiceTimelines } from '../../core/rubric/criteria-voice.js';
import { initialFacts } from '../../core/rubric/facts.js';
import { CommandSchemas } from '../../core/protocol.js';
import type { CriterionOf } from '../../core/rubric/rubric-schema.js';

const trainee = { id: 'p1', role: 'trainee' as const, name: 'host' };
const c: CriterionOf<'delivery'> = {
  kind: 'delivery',
  weight: 5,
  paceMin: 40,
  paceMax: 320,
  fillerPer1000: 6,
  voicePaceMin: 150,
  voicePaceMax: 330,
  deadAirSec: 5,
  monotoneSemitones: 1,
  quietDbfs: -40,
} as CriterionOf<'delivery'>;

/** Five-second windows over a minute starting at stream time 10 s; `edit` changes one window. */
function session(base: Partial<VoiceSample>, edit: (i: number, s: VoiceSample) => VoiceSample = (_i, s) => s) {
  const f = initialFacts();
  f.startedT = 0;
  for (let i = 0; i < 12; i++) {
    const s: VoiceSample = edit(i, {
      fromMs: i * 5000,
      toMs: (i + 1) * 5000,
      speechMs: 4200,
      syllables: 17,
      pauses: [],
      silenceMs: 100,
      loudnessDbfs: -20,
      pitchSemitoneSd: 2.5,
      ...base,
    });
    f.voice.push(stamp(draft.voiceSample(s), i + 1, 10_000 + (i + 1) * 5000, trainee) as EventOf<'voice.sample'>);
  }
  const ctx: Ctx = { facts: f, link: (seq) => `#${seq}`, endT: 80_000, severityOf: () => 'minor' } as Ctx;
  return deliveryCriterion(ctx, c);
}

describe('delivery from the measured voice', () => {
  it('a lively, well-paced voice scores full marks and says it was measured', () => {
    const j = session({});
    expect(j.applicable).toBe(true);
    expect(j.score).toBe(100);
    expect(j.summary.zh).toContain('语音实测');
  });

  it('dead air, monotone, too quiet and too fast each cost points', () => {
    const good = session({}).score!;
    const dead = session({}, (i, s) =>
      i === 6 ? { ...s, speechMs: 0, syllables: 0, pauses: [{ startMs: 29_000, endMs: 40_000 }] } : s,
    );
    expect(dead.score!).toBeLessThan(good);
    expect(dead.evidence[0]?.note.zh).toMatch(/冷场 11\.0 秒/);
    expect(dead.evidence[0]?.t).toBe(10_000 + 29_000);
    expect(session({ pitchSemitoneSd: 0.3 }).summary.zh).toContain('单调');
    expect(session({ pitchSemitoneSd: 0.3 }).score!).toBeLessThan(good);
    expect(session({ loudnessDbfs: -50 }).summary.en).toContain('too quiet');
    expect(session({ loudnessDbfs: -50 }).score!).toBeLessThan(good);
    expect(session({ syllables: 40 }).score!).toBeLessThan(good);
  });

  it('silence still running at the last sample is dead air', () => {
    const f = session({}, (i, s) => (i === 11 ? { ...s, silenceMs: 7000 } : s));
    expect(f.summary.en).toContain('1 dead-air gap');
    expect(deadAirOf([], 5000)).toEqual([]);
  });

  it('no speech heard is not measured, never 100', () => {
    const j = session({ speechMs: 0, syllables: 0 });
    expect(j.applicable).toBe(false);
  });

  it('the command schema accepts a sample and refuses nonsense', () => {
    const ok = CommandSchemas['voice.sample'].safeParse({
      fromMs: 0,
      toMs: 5000,
      speechMs: 4000,
      syllables: 12,
      silenceMs: 0,
      loudnessDbfs: -20,
      pitchSemitoneSd: null,
    });
    expect(ok.success).toBe(true);
    expect(CommandSchemas['voice.sample'].safeParse({ fromMs: -1 }).success).toBe(false);
  });

  it('charts pace per window and each pause at stream time', () => {
    const e = stamp(
      draft.voiceSample({
        fromMs: 5000,
        toMs: 10_000,
        speechMs: 3000,
        syllables: 12,
        pauses: [{ startMs: 6000, endMs: 7500 }],
        silenceMs: 0,
        loudnessDbfs: -20,
        pitchSemitoneSd: 2,
      }),
      3,
      40_000,
      trainee,
    ) as EventOf<'voice.sample'>;
    expect(voiceTimelines([e])).toEqual({ pace: [[40_000, 240]], pauses: [[36_000, 1500]] });
  });
});
