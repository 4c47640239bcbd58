/**
 * Delivery analysis (core/voice) on synthetic PCM and on espeak-ng Mandarin with silences of known
 * length inserted (test/fixtures/voice, made by scripts/voice-fixtures.mjs; manifest.json says where
 * the pauses are). The tuning rendering set the thresholds; the others check them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseDelivery, createVoiceAnalyser, type DeliveryMetrics } from '../../core/voice/analyser.js';
import { encodeWav16, parseWav, WavError } from '../../core/voice/wav.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/voice');
interface Entry {
  file: string;
  role: string;
  characters: number;
  pauses: { startMs: number; endMs: number }[];
}
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { files: Entry[] };
const entry = (file: string) => manifest.files.find((f) => f.file === file)!;
const load = (file: string) => parseWav(new Uint8Array(readFileSync(path.join(DIR, file))));
const analyse = (file: string) => {
  const w = load(file);
  return analyseDelivery(w.samples, w.sampleRate);
};

const RATE = 16000;
function tone(ms: number, hz: number, amp: number, vibratoSemitones = 0): Float32Array {
  const n = Math.round((RATE * ms) / 1000);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = hz * Math.pow(2, (vibratoSemitones * Math.sin((2 * Math.PI * 3 * i) / RATE)) / 12);
    phase += (2 * Math.PI * f) / RATE;
    // Harmonics, like a voice, so the band-pass envelope sees energy.
    out[i] = (amp * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(4 * phase))) / 1.8;
  }
  return out;
}
const silence = (ms: number) => new Float32Array(Math.round((RATE * ms) / 1000));
function noise(ms: number, amp: number, seed = 7): Float32Array {
  const out = new Float32Array(Math.round((RATE * ms) / 1000));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = amp * ((s / 2 ** 32) * 2 - 1);
  }
  return out;
}
const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('voice analyser on synthetic PCM', () => {
  it('silence: no speech, no pauses, no loudness, no pitch', () => {
    const m = analyseDelivery(silence(3000), RATE);
    expect(m).toMatchObject({ durationMs: 3000, speechMs: 0, pauses: [], syllablesPerMinute: 0, speaking: false });
    expect(m.loudnessDbfs).toBeNull();
    expect(m.pitchSemitoneSd).toBeNull();
    expect(m.silenceMs).toBe(3000);
  });

  it('a tone with a 1 s gap: one pause at the gap, speech time excludes it', () => {
    const m = analyseDelivery(concat(tone(1000, 150, 0.3), silence(1000), tone(1000, 150, 0.3)), RATE);
    expect(m.pauses).toHaveLength(1);
    expect(Math.abs(m.pauses[0]!.startMs - 1000)).toBeLessThanOrEqual(30);
    expect(Math.abs(m.pauses[0]!.endMs - 2000)).toBeLessThanOrEqual(30);
    expect(Math.abs(m.speechMs - 2000)).toBeLessThanOrEqual(40);
    expect(m.longestPauseMs).toBe(m.pauses[0]!.endMs - m.pauses[0]!.startMs);
  });

  it('gaps shorter than 300 ms are not pauses; trailing silence is dead air, not a pause', () => {
    const m = analyseDelivery(concat(tone(500, 150, 0.3), silence(200), tone(500, 150, 0.3), silence(2000)), RATE);
    expect(m.pauses).toEqual([]);
    expect(m.speaking).toBe(false);
    expect(Math.abs(m.silenceMs - 2000)).toBeLessThanOrEqual(30);
  });

  it('a full-scale sine reads about −3 dBFS; halving amplitude lowers loudness by about 6 dB', () => {
    const n = RATE;
    const sine = new Float32Array(n).map((_, i) => Math.sin((2 * Math.PI * 200 * i) / RATE));
    const loud = analyseDelivery(sine, RATE).loudnessDbfs!;
    const half = analyseDelivery(
      sine.map((x) => x / 2),
      RATE,
    ).loudnessDbfs!;
    expect(loud).toBeCloseTo(-3, 0);
    expect(loud - half).toBeCloseTo(6, 0);
  });

  it('a steady tone is monotone; a gliding one varies in pitch', () => {
    const flat = analyseDelivery(tone(2000, 150, 0.3), RATE).pitchSemitoneSd!;
    const varied = analyseDelivery(tone(2000, 150, 0.3, 4), RATE).pitchSemitoneSd!;
    expect(flat).toBeLessThan(0.3);
    expect(varied).toBeGreaterThan(2);
  });

  it('faint steady noise is not speech; noise has no pitch to speak of', () => {
    expect(analyseDelivery(noise(2000, 0.002), RATE).speechMs).toBe(0);
    const m = analyseDelivery(noise(2000, 0.3), RATE);
    expect(m.pitchSemitoneSd).toBeNull();
    expect(m.syllables).toBeLessThanOrEqual(2);
  });

  it('chunked input (128-sample render quanta) gives the same metrics as one push', () => {
    const signal = concat(tone(700, 120, 0.3), silence(600), tone(900, 180, 0.3, 2));
    const whole = analyseDelivery(signal, RATE);
    const a = createVoiceAnalyser(RATE);
    for (let i = 0; i < signal.length; i += 128) a.push(signal.subarray(i, i + 128));
    expect(a.metrics()).toEqual(whole);
  });

  it('rejects nonsense sample rates', () => {
    expect(() => createVoiceAnalyser(0)).toThrow(RangeError);
  });
});

describe('WAV reading', () => {
  it('round-trips PCM16 and mixes stereo to mono', () => {
    const w = parseWav(encodeWav16(Float32Array.of(0, 0.5, -0.5), 8000));
    expect(w.sampleRate).toBe(8000);
    expect([...w.samples].map((x) => Math.round(x * 100) / 100)).toEqual([0, 0.5, -0.5]);
  });

  it('says what is wrong with a file that is not WAV, in Chinese first', () => {
    try {
      parseWav(new TextEncoder().encode('hello, this is not audio'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WavError);
      expect((e as WavError).zh).toContain('不是 WAV');
    }
  });
});

describe('voice analyser on espeak-ng Mandarin with inserted silences', () => {
  const tested = manifest.files.filter((f) => f.role === 'test' || f.role === 'mic');

  it.each(tested.map((f) => f.file))('%s: each inserted silence is found within ±150 ms, and nothing else', (file) => {
    const m = analyse(file);
    const want = entry(file).pauses;
    expect(m.pauses).toHaveLength(want.length);
    want.forEach((p, i) => {
      expect(Math.abs(m.pauses[i]!.startMs - p.startMs)).toBeLessThanOrEqual(150);
      expect(Math.abs(m.pauses[i]!.endMs - p.endMs)).toBeLessThanOrEqual(150);
    });
  });

  it.each(manifest.files.map((f) => f.file))(
    '%s: syllable rate within ±20 %% of characters over speech time',
    (file) => {
      const m: DeliveryMetrics = analyse(file);
      const expected = (entry(file).characters / m.speechMs) * 60_000;
      expect(m.syllablesPerMinute).toBeGreaterThanOrEqual(expected * 0.8);
      expect(m.syllablesPerMinute).toBeLessThanOrEqual(expected * 1.2);
    },
  );

  it('the same words: the quiet rendering is quieter, the flat one more monotone than the varied one', () => {
    const flat = analyse('flat.wav');
    const varied = analyse('varied.wav');
    const quiet = analyse('quiet.wav');
    expect(quiet.loudnessDbfs!).toBeLessThan(flat.loudnessDbfs! - 10);
    expect(flat.pitchSemitoneSd!).toBeLessThan(varied.pitchSemitoneSd! / 2);
  });
});
