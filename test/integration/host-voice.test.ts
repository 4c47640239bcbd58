/**
 * The offline host voice: espeak-ng speaks a Chinese line through the server (needs espeak-ng;
 * .ci/run installs it, so this never skips). The audio is Mandarin-length speech our own analyser
 * hears, and the timings cover every character in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseDelivery } from '../../core/voice/analyser.js';
import { parseWav } from '../../core/voice/wav.js';
import { toEspeakPinyin } from '../../server/voice/host-voice.js';
import type { RunningServer } from '../../server/main.js';
import { startTestServer } from '../harness/test-server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const LINE = '投资有风险，入市需谨慎。';

describe('host voice (espeak-ng, offline)', () => {
  it('converts Chinese to tone-numbered pinyin, neutral tone as 5, and keeps Latin words', () => {
    expect(toEspeakPinyin('我们的ETF').map((s) => s.pinyin)).toEqual(['wo3', 'men5', 'de5', 'ETF']);
  });

  it('streams a WAV of the spoken line that the analyser hears as speech of about that many syllables', async () => {
    const res = await fetch(`${server.url}/api/voice/host.wav?text=${encodeURIComponent(LINE)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = parseWav(new Uint8Array(await res.arrayBuffer()));
    const m = analyseDelivery(wav.samples, wav.sampleRate);
    expect(m.speechMs).toBeGreaterThan(1000);
    // Ten characters. Loose bounds: this checks the route gives speech, not the analyser's
    // accuracy (test/unit/voice-analyser.test.ts does that); it hears 13 here (tone-3 dips).
    expect(m.syllables).toBeGreaterThanOrEqual(7);
    expect(m.syllables).toBeLessThanOrEqual(14);
  });

  it('gives ordered timings for every character inside the audio', async () => {
    const res = await fetch(`${server.url}/api/voice/host.json?text=${encodeURIComponent(LINE)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      durationMs: number;
      syllables: { text: string; startMs: number; endMs: number }[];
    };
    expect(body.syllables.map((s) => s.text).join('')).toBe('投资有风险入市需谨慎');
    for (let i = 1; i < body.syllables.length; i++) {
      expect(body.syllables[i]!.startMs).toBeGreaterThanOrEqual(body.syllables[i - 1]!.endMs);
    }
    expect(body.syllables.at(-1)!.endMs).toBeLessThanOrEqual(body.durationMs);
  });

  it('refuses empty or overlong text, in Chinese too', async () => {
    const res = await fetch(`${server.url}/api/voice/host.wav?text=`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('文本');
  });
});
