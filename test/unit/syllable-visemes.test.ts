import { describe, expect, it } from 'vitest';
import { syllableShape, syllableTimeline } from '../../core/avatar/syllable-visemes.js';
import { MOUTH_SHAPES, sampleVisemes } from '../../core/avatar/visemes.js';

describe("the mouth from the host voice's syllable timings", () => {
  it('opens on each pinyin syllable its own main vowel', () => {
    expect(['xiao3', 'duo1', 'de5', 'ni3', 'lü4', 'ETF'].map(syllableShape)).toEqual([
      'aa',
      'oh',
      'ee',
      'ih',
      'ou',
      'ee',
    ]);
  });

  it('keeps the voice timing: open inside syllables, closed in the gaps, a close at a labial start', () => {
    const tl = syllableTimeline(
      [
        { pinyin: 'ni3', startMs: 100, endMs: 300 },
        { pinyin: 'hao3', startMs: 300, endMs: 520 },
        { pinyin: 'ma5', startMs: 900, endMs: 1100 },
      ],
      1300,
    );
    const w = new Float32Array(MOUTH_SHAPES);
    expect(sampleVisemes(tl, 50, w)).toBe(0);
    expect(sampleVisemes(tl, 200, w)).toBeGreaterThan(0.5);
    expect(w[1]).toBeGreaterThan(0.5); // ih
    expect(sampleVisemes(tl, 410, w)).toBeGreaterThan(0.5);
    expect(w[0]).toBeGreaterThan(0.5); // aa
    expect(sampleVisemes(tl, 700, w)).toBe(0); // the pause
    expect(sampleVisemes(tl, 910, w)).toBe(0); // m closes first
    expect(sampleVisemes(tl, 1000, w)).toBeCloseTo(0.6, 1); // neutral tone opens less
    expect(sampleVisemes(tl, 1200, w)).toBe(0);
    for (let i = 1; i < tl.keys.length; i++) expect(tl.keys[i]!.start).toBe(tl.keys[i - 1]!.end);
  });
});
