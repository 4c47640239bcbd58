import { describe, expect, it } from 'vitest';
import { DEFAULT_VOICE_THRESHOLDS, pickNudge, type NudgeInput, type VoiceNow } from '../../core/live-nudge.js';

const voice = (v: Partial<VoiceNow> = {}): VoiceNow => ({
  spoken: true,
  silenceMs: 0,
  silenceFromMs: 10_000,
  window: { index: 1, speechMs: 4000, syllables: 16, loudnessDbfs: -20 },
  ...v,
});
const input = (i: Partial<NudgeInput> = {}): NudgeInput => ({
  critical: null,
  oldestQuestion: null,
  now: 100_000,
  waitLimitSec: 60,
  voice: voice(),
  thresholds: DEFAULT_VOICE_THRESHOLDS,
  dismissed: new Set(),
  ...i,
});

describe('one live cue at a time (voice cues under the same rules)', () => {
  it('a good voice and no waiting question: no cue', () => {
    expect(pickNudge(input())).toBeNull();
    expect(pickNudge(input({ voice: null }))).toBeNull();
  });

  it("dead air after the rubric's seconds of silence, not before the first word", () => {
    expect(pickNudge(input({ voice: voice({ silenceMs: 4900 }) }))).toBeNull();
    expect(pickNudge(input({ voice: voice({ silenceMs: 5200 }) }))).toMatchObject({ kind: 'deadAir', sec: 5 });
    expect(pickNudge(input({ voice: voice({ silenceMs: 9000, spoken: false }) }))).toBeNull();
    const strict = { ...DEFAULT_VOICE_THRESHOLDS, deadAirSec: 3 };
    expect(pickNudge(input({ voice: voice({ silenceMs: 3200 }), thresholds: strict }))?.kind).toBe('deadAir');
  });

  it('too fast and too quiet against the thresholds, over windows with enough speech', () => {
    const fast = voice({ window: { index: 2, speechMs: 4000, syllables: 30, loudnessDbfs: -20 } });
    expect(pickNudge(input({ voice: fast }))).toMatchObject({ kind: 'tooFast', value: 450 });
    const quiet = voice({ window: { index: 3, speechMs: 4000, syllables: 16, loudnessDbfs: -48 } });
    expect(pickNudge(input({ voice: quiet }))).toMatchObject({ kind: 'tooQuiet', value: -48 });
    const short = voice({ window: { index: 4, speechMs: 1000, syllables: 10, loudnessDbfs: -60 } });
    expect(pickNudge(input({ voice: short }))).toBeNull();
  });

  it('a critical finding comes first, then dead air, then a waiting question, then pace', () => {
    const all = input({
      critical: { seq: 7, category: 'guarantee_of_principal', quote: '保本' },
      oldestQuestion: { seq: 3, from: 0 },
      voice: voice({ silenceMs: 8000, window: { index: 2, speechMs: 4000, syllables: 30, loudnessDbfs: -20 } }),
    });
    expect(pickNudge(all)?.kind).toBe('critical');
    expect(pickNudge({ ...all, critical: null })?.kind).toBe('deadAir');
    expect(pickNudge({ ...all, critical: null, voice: voice({ window: all.voice!.window }) })?.kind).toBe('waiting');
    expect(
      pickNudge({ ...all, critical: null, oldestQuestion: null, voice: voice({ window: all.voice!.window }) })?.kind,
    ).toBe('tooFast');
  });

  it('a dismissed cue stays away until it happens again', () => {
    const first = pickNudge(input({ voice: voice({ silenceMs: 6000, silenceFromMs: 20_000 }) }))!;
    const dismissed = new Set([first.key]);
    expect(pickNudge(input({ voice: voice({ silenceMs: 9000, silenceFromMs: 20_000 }), dismissed }))).toBeNull();
    expect(pickNudge(input({ voice: voice({ silenceMs: 6000, silenceFromMs: 40_000 }), dismissed }))?.kind).toBe(
      'deadAir',
    );
  });
});
