/**
 * The host's voice offline: Debian's espeak-ng, run as a separate program, speaks a host line as
 * tone-numbered pinyin (pinyin-pro) with `-v cmn-latn-pinyin` (Debian 12's `-v cmn` reads tone
 * digits in English). The client uses this only where the browser has no Chinese voice.
 *
 *   GET /api/voice/host.wav?text=…   the WAV, streamed from espeak-ng's stdout
 *   GET /api/voice/host.json?text=…  syllable timings for the mouth's visemes
 *
 * Timings: espeak-ng's CLI gives no per-syllable marks, so the speech span (the analyser's voice
 * activity, core/voice) is shared among the syllables in proportion to their letters — close
 * enough to open and close a mouth, not a forced alignment.
 */
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinyin } from 'pinyin-pro';
import { analyseDelivery } from '../../core/voice/analyser.js';
import { parseWav } from '../../core/voice/wav.js';
import type { RouteContext, RouteHandler } from '../auth/route-context.js';

export const MAX_HOST_VOICE_CHARS = 500;
const TIMEOUT_MS = 15_000;

export interface Syllable {
  /** The character (or word) spoken and its tone-numbered pinyin. */
  text: string;
  pinyin: string;
  startMs: number;
  endMs: number;
}

/** Han characters to espeak-ng pinyin; other text (Latin, digits) passes through as words. */
export function toEspeakPinyin(text: string): { text: string; pinyin: string }[] {
  const out: { text: string; pinyin: string }[] = [];
  const parts = pinyin(text, { toneType: 'num', type: 'all', nonZh: 'consecutive' });
  for (const p of parts) {
    if (p.isZh) out.push({ text: p.origin, pinyin: p.pinyin.replace(/0$/, '5') });
    else {
      for (const w of p.origin.split(/[^\p{L}\p{N}]+/u)) if (w) out.push({ text: w, pinyin: w });
    }
  }
  return out;
}

export class HostVoiceError extends Error {}

function espeakArgs(syllables: { pinyin: string }[]): string[] {
  return ['-v', 'cmn-latn-pinyin', '-s', '170', '--stdout', syllables.map((s) => s.pinyin).join(' ')];
}

function runEspeak(args: string[]) {
  const child = spawn('espeak-ng', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  child.on('close', () => clearTimeout(timer));
  return child;
}

/** The whole WAV in memory (for timings). */
export function synthesise(text: string): Promise<Uint8Array> {
  const syl = toEspeakPinyin(text);
  if (syl.length === 0) return Promise.reject(new HostVoiceError('nothing to speak'));
  return new Promise((resolve, reject) => {
    const child = runEspeak(espeakArgs(syl));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', (e) => reject(new HostVoiceError(`espeak-ng could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(new Uint8Array(Buffer.concat(chunks)));
      else reject(new HostVoiceError(`espeak-ng exited with ${code}`));
    });
  });
}

export async function hostVoiceTimings(text: string): Promise<{ durationMs: number; syllables: Syllable[] }> {
  const syl = toEspeakPinyin(text);
  const wav = parseWav(await synthesise(text));
  const m = analyseDelivery(wav.samples, wav.sampleRate);
  const durationMs = m.durationMs;
  // The speech span: from the first voice activity to the last (trailing silence excluded).
  const end = Math.max(0, durationMs - m.silenceMs);
  const start = Math.max(0, end - m.speechMs - m.pauses.reduce((n, p) => n + p.endMs - p.startMs, 0));
  const weights = syl.map((s) => Math.max(1, s.pinyin.replace(/\d/g, '').length));
  const total = weights.reduce((a, b) => a + b, 0);
  let t = start;
  const syllables = syl.map((s, i) => {
    const d = ((end - start) * weights[i]!) / total;
    const out = { text: s.text, pinyin: s.pinyin, startMs: Math.round(t), endMs: Math.round(t + d) };
    t += d;
    return out;
  });
  return { durationMs, syllables };
}

function textOf(url: URL, res: ServerResponse, ctx: RouteContext): string | null {
  const text = (url.searchParams.get('text') ?? '').trim();
  if (!text || text.length > MAX_HOST_VOICE_CHARS) {
    ctx.send(res, 400, {
      error: 'BAD_PAYLOAD',
      message: `text: 1 to ${MAX_HOST_VOICE_CHARS} characters / 文本须为 1 至 ${MAX_HOST_VOICE_CHARS} 个字符`,
    });
    return null;
  }
  return text;
}

export function hostVoiceRoutes(): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, ctx: RouteContext) => {
    if (req.method !== 'GET' || !url.pathname.startsWith('/api/voice/host.')) return false;
    const text = textOf(url, res, ctx);
    if (text === null) return true;
    const syl = toEspeakPinyin(text);
    if (syl.length === 0) {
      ctx.send(res, 400, { error: 'BAD_PAYLOAD', message: 'text: nothing to speak / 没有可朗读的文字' });
      return true;
    }
    if (url.pathname === '/api/voice/host.json') {
      try {
        ctx.send(res, 200, await hostVoiceTimings(text));
      } catch (e) {
        ctx.send(res, 503, { error: 'UNAVAILABLE', message: `host voice: ${(e as Error).message} / 主播语音不可用` });
      }
      return true;
    }
    if (url.pathname !== '/api/voice/host.wav') return false;
    const child = runEspeak(espeakArgs(syl));
    let started = false;
    child.on('error', (e) => {
      if (!started) ctx.send(res, 503, { error: 'UNAVAILABLE', message: `host voice: ${e.message} / 主播语音不可用` });
    });
    child.stdout.once('data', () => {
      started = true;
      res.writeHead(200, { ...ctx.headers, 'Content-Type': 'audio/wav', 'Cache-Control': 'no-store' });
    });
    child.stdout.on('data', (c: Buffer) => res.write(c));
    child.on('close', (code) => {
      if (started) res.end();
      else if (!res.headersSent)
        ctx.send(res, 503, {
          error: 'UNAVAILABLE',
          message: `host voice: espeak-ng exited with ${code} / 主播语音不可用`,
        });
    });
    // The listener went away before espeak-ng finished: stop it.
    res.on('close', () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    return true;
  };
}
