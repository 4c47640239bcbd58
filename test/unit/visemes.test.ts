/** The host's mouth: viseme timelines estimated from text (zh and en) and a duration. */
import { describe, expect, it } from 'vitest';
import {
  detectLang,
  estimateDurationMs,
  MOUTH_SHAPES,
  sampleVisemes,
  VISEME_INDEX,
  visemeTimeline,
  type VisemeTimeline,
} from '../../core/avatar/visemes.js';

const open = (tl: VisemeTimeline) => tl.keys.filter((k) => k.viseme !== 'closed');

describe('visemeTimeline', () => {
  it('gives one open shape per Chinese character, contiguous keys from 0 to the duration', () => {
    const tl = visemeTimeline('大家好', 900);
    expect(open(tl)).toHaveLength(3);
    expect(tl.keys[0]!.start).toBe(0);
    expect(tl.keys[tl.keys.length - 1]!.end).toBe(900);
    for (let i = 1; i < tl.keys.length; i++) expect(tl.keys[i]!.start).toBeCloseTo(tl.keys[i - 1]!.end, 6);
  });

  it('is deterministic: the same text gives the same shapes', () => {
    const a = visemeTimeline('投资有风险，入市需谨慎。', 3000);
    const b = visemeTimeline('投资有风险，入市需谨慎。', 3000);
    expect(a).toEqual(b);
  });

  it('rests at punctuation: a comma is a longer closed key than the gap between two characters', () => {
    const tl = visemeTimeline('好，好', 1000);
    const closed = tl.keys.filter((k) => k.viseme === 'closed');
    const comma = closed.find((k) => k.start > 0 && k.end < 1000)!;
    const onset = closed[0]!;
    expect(comma.end - comma.start).toBeGreaterThan(onset.end - onset.start);
  });

  it('maps English vowels to shapes and closes the lips for labials', () => {
    const tl = visemeTimeline('mama', 1000, 'en');
    expect(tl.keys.map((k) => k.viseme)).toEqual(['closed', 'aa', 'closed', 'aa']);
    expect(open(visemeTimeline('you go see it', 1500, 'en')).map((k) => k.viseme)).toEqual(['ou', 'oh', 'ee', 'ih']);
  });

  it('reads digits in Chinese as syllables (0.85% has shapes for 零 八 五)', () => {
    expect(open(visemeTimeline('0.85', 1000, 'zh')).length).toBe(3);
  });

  it('is all closed for silence or an empty text', () => {
    expect(visemeTimeline('', 500).keys).toEqual([{ viseme: 'closed', start: 0, end: 500, weight: 0 }]);
    expect(open(visemeTimeline('，。', 500))).toHaveLength(0);
  });

  it('rejects a negative or non-finite duration with an error naming it', () => {
    expect(() => visemeTimeline('好', -1)).toThrow(/durationMs/);
    expect(() => visemeTimeline('好', Number.NaN)).toThrow(/durationMs/);
  });
});

describe('sampleVisemes', () => {
  const out = new Float32Array(MOUTH_SHAPES);

  it('opens the mouth in the middle of a syllable with that syllable’s shape only', () => {
    const tl = visemeTimeline('mama', 1000, 'en');
    const aa = tl.keys[1]!;
    const w = sampleVisemes(tl, (aa.start + aa.end) / 2, out);
    expect(w).toBeGreaterThan(0.5);
    expect(out[VISEME_INDEX.aa]).toBeCloseTo(w, 5);
    expect([...out].filter((v) => v > 0)).toHaveLength(1);
  });

  it('is closed on a labial, before the start and after the end', () => {
    const tl = visemeTimeline('mama', 1000, 'en');
    const m = tl.keys[2]!;
    expect(sampleVisemes(tl, (m.start + m.end) / 2, out)).toBe(0);
    expect(sampleVisemes(tl, -5, out)).toBe(0);
    expect(sampleVisemes(tl, 1000, out)).toBe(0);
    expect([...out].every((v) => v === 0)).toBe(true);
  });

  it('moves: sampling a Chinese sentence over time gives many different openings', () => {
    const tl = visemeTimeline('各位投资者朋友，大家好，欢迎收看今天的收评直播。', 6000);
    const seen = new Set<string>();
    for (let t = 0; t < 6000; t += 40) {
      const w = sampleVisemes(tl, t, out);
      seen.add(w.toFixed(1));
    }
    expect(seen.size).toBeGreaterThan(4);
  });

  it('ramps into a shape rather than snapping open', () => {
    const tl = visemeTimeline('啊', 1000, 'zh');
    const a = open(tl)[0]!;
    const early = sampleVisemes(tl, a.start + 5, out);
    const mid = sampleVisemes(tl, (a.start + a.end) / 2, out);
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(mid);
  });
});

describe('estimateDurationMs', () => {
  it('takes about a quarter second per Chinese character and pauses at punctuation', () => {
    const plain = estimateDurationMs('投资有风险入市需谨慎');
    expect(plain).toBeGreaterThan(1800);
    expect(plain).toBeLessThan(3000);
    expect(estimateDurationMs('投资有风险，入市需谨慎。')).toBeGreaterThan(plain);
  });

  it('scales with the speaking rate and rejects a bad rate', () => {
    const text = 'Investing involves risk.';
    expect(estimateDurationMs(text, 'en', 2)).toBeCloseTo(estimateDurationMs(text, 'en') / 2, -1);
    expect(() => estimateDurationMs(text, 'en', 0)).toThrow(/rate/);
  });

  it('detects the language of a line', () => {
    expect(detectLang('各位投资者朋友，大家好')).toBe('zh');
    expect(detectLang('Hello everyone, welcome')).toBe('en');
    expect(detectLang('沪深300 今日上涨 0.85%')).toBe('zh');
  });
});
