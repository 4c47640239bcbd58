import { describe, expect, it } from 'vitest';
import { ASR_FRAME_SAMPLES, createPcm16Encoder, pcm16Bytes } from '../../core/voice/pcm16.js';

function tone(rate: number, hz: number, ms: number, amp = 0.5): Float32Array {
  const n = Math.round((rate * ms) / 1000);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

function encode(rate: number, samples: Float32Array): Int16Array {
  const enc = createPcm16Encoder(rate);
  const frames: Int16Array[] = [];
  for (let i = 0; i < samples.length; i += 128) frames.push(...enc.push(samples.subarray(i, i + 128)));
  const rest = enc.flush();
  if (rest) frames.push(rest);
  const all = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of frames) {
    all.set(f, o);
    o += f.length;
  }
  return all;
}

describe('microphone audio to 16 kHz PCM for FunASR', () => {
  it('one second at 48 kHz or 44.1 kHz becomes 16,000 samples in 60 ms frames', () => {
    const enc = createPcm16Encoder(48_000);
    const frames = enc.push(tone(48_000, 200, 1000));
    expect(frames.every((f) => f.length === ASR_FRAME_SAMPLES)).toBe(true);
    expect(frames.length).toBe(16);
    expect(encode(48_000, tone(48_000, 200, 1000)).length).toBe(16_000);
    expect(Math.abs(encode(44_100, tone(44_100, 200, 1000)).length - 16_000)).toBeLessThanOrEqual(1);
  });

  it('keeps a speech-band tone at its level and its frequency', () => {
    const out = encode(48_000, tone(48_000, 300, 1000, 0.5));
    let peak = 0;
    let crossings = 0;
    for (let i = 1; i < out.length; i++) {
      peak = Math.max(peak, Math.abs(out[i]!));
      if (out[i - 1]! < 0 !== out[i]! < 0) crossings++;
    }
    expect(peak / 0x7fff).toBeGreaterThan(0.45);
    expect(peak / 0x7fff).toBeLessThan(0.52);
    expect(crossings).toBeGreaterThan(590);
    expect(crossings).toBeLessThan(610);
  });

  it('clips instead of wrapping, and writes little-endian bytes', () => {
    const out = encode(16_000, Float32Array.from([2, -2, 0.5]));
    expect([...out]).toEqual([32767, -32768, 16384]);
    expect([...pcm16Bytes(Int16Array.from([1, -2]))]).toEqual([1, 0, 0xfe, 0xff]);
  });

  it('refuses a rate below 16 kHz', () => {
    expect(() => createPcm16Encoder(8000)).toThrow(RangeError);
  });
});
