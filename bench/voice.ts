/**
 * Cost of the delivery analysis (core/voice/analyser.ts) per second of audio, fed the way the
 * AudioWorklet feeds it (128-sample render quanta) at 16 and 48 kHz, on the committed espeak-ng
 * fixtures concatenated to about a minute; and of the 16 kHz PCM encoding for on-premises
 * recognition (core/voice/pcm16.ts) on the same audio. Run: npm run bench -- voice
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVoiceAnalyser } from '../core/voice/analyser.js';
import { createPcm16Encoder } from '../core/voice/pcm16.js';
import { parseWav } from '../core/voice/wav.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'test', 'fixtures', 'voice');
const names = ['pauses.wav', 'pauses-fast.wav', 'varied.wav', 'mic.wav'];
const parts = names.map((n) => parseWav(new Uint8Array(readFileSync(join(dir, n)))).samples);
const base = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
let o = 0;
for (const p of parts) {
  base.set(p, o);
  o += p.length;
}

/** Linear resampling: good enough to measure cost at another rate. */
function resample(x: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(Math.floor((x.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const s = (i * from) / to;
    const j = Math.floor(s);
    out[i] = x[j]! + (x[Math.min(x.length - 1, j + 1)]! - x[j]!) * (s - j);
  }
  return out;
}

const rows: { sampleRate: number; audioSeconds: number; msPerAudioSecond: number; realTimeShare: number }[] = [];
for (const rate of [16000, 48000]) {
  const signal = rate === 16000 ? base : resample(base, 16000, rate);
  const seconds = signal.length / rate;
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const a = createVoiceAnalyser(rate);
    const t0 = performance.now();
    for (let i = 0; i < signal.length; i += 128) a.push(signal.subarray(i, i + 128));
    a.metrics();
    runs.push(performance.now() - t0);
  }
  runs.sort((x, y) => x - y);
  const median = runs[2]!;
  rows.push({
    sampleRate: rate,
    audioSeconds: Math.round(seconds * 10) / 10,
    msPerAudioSecond: Math.round((median / seconds) * 100) / 100,
    realTimeShare: Math.round((median / 1000 / seconds) * 10000) / 10000,
  });
}
console.table(rows);

// The PCM encoder for FunASR (pcm-worklet.ts) runs beside the analyser when recognition is on.
const pcm: { sampleRate: number; msPerAudioSecond: number }[] = [];
for (const rate of [48000, 44100]) {
  const signal = resample(base, 16000, rate);
  const seconds = signal.length / rate;
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const enc = createPcm16Encoder(rate);
    const t0 = performance.now();
    for (let i = 0; i < signal.length; i += 128) enc.push(signal.subarray(i, i + 128));
    enc.flush();
    runs.push(performance.now() - t0);
  }
  runs.sort((x, y) => x - y);
  pcm.push({ sampleRate: rate, msPerAudioSecond: Math.round((runs[2]! / seconds) * 100) / 100 });
}
console.table(pcm);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'voice.json'), JSON.stringify({ bench: 'voice', rows, pcm }, null, 2) + '\n');
console.log('wrote bench/results/voice.json');
