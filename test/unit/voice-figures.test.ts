import { describe, expect, it } from 'vitest';
import { draft, stamp, type EventOf, type VoiceSample } from '../../core/events.js';
import { voiceFiguresAt } from '../../core/voice/voice-figures.js';

const trainee = { id: 'p1', role: 'trainee' as const, name: 'host' };
const sample = (seq: number, t: number, s: Partial<VoiceSample>) =>
  stamp(
    draft.voiceSample({
      fromMs: 0,
      toMs: 5000,
      speechMs: 4000,
      syllables: 16,
      pauses: [],
      silenceMs: 0,
      loudnessDbfs: -20,
      pitchSemitoneSd: 2,
      ...s,
    }),
    seq,
    t,
    trainee,
  ) as EventOf<'voice.sample'>;

describe('voice figures at a moment of the replay', () => {
  const samples = [
    sample(1, 10_000, { pauses: [{ startMs: 1000, endMs: 1600 }] }),
    sample(2, 15_000, { syllables: 24, pauses: [{ startMs: 6000, endMs: 8000 }] }),
    sample(3, 20_000, { speechMs: 200, syllables: 1, silenceMs: 4800 }),
  ];

  it('shows the window at or before the moment, with the pauses so far', () => {
    expect(voiceFiguresAt(samples, 9000)).toBeNull();
    expect(voiceFiguresAt(samples, 12_000)).toEqual({
      pace: 240,
      pauses: 1,
      longestPauseMs: 600,
      silenceMs: 0,
      t: 10_000,
    });
    expect(voiceFiguresAt(samples, 16_000)).toMatchObject({ pace: 360, pauses: 2, longestPauseMs: 2000 });
    expect(voiceFiguresAt(samples, 21_000)).toMatchObject({ pace: null, silenceMs: 4800 });
  });

  it('shows nothing long after the last window (the microphone was off)', () => {
    expect(voiceFiguresAt(samples, 60_000)).toBeNull();
  });
});
