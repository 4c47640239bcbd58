/**
 * Mouth shapes from measured syllable timings (the server's host voice, /api/voice/host.json):
 * where visemes.ts must guess a Chinese character's vowel and spread syllables evenly, here each
 * syllable's tone-numbered pinyin names its vowel and its time span is the voice's own. The main
 * vowel (a > o > e > i > u/ü, as Mandarin finals carry it: "xiao" opens on a) picks the shape; a
 * labial initial (b p m f w) starts with a brief close; the neutral tone (5) opens less. Gaps
 * between syllables are closed keys. Pure: no timers, no DOM.
 */
import type { Viseme, VisemeKey, VisemeTimeline } from './visemes.js';

export interface TimedSyllable {
  pinyin: string;
  startMs: number;
  endMs: number;
}

/** The open shape of one syllable's pinyin (or a Latin word's first vowel). */
export function syllableShape(pinyin: string): Viseme {
  const p = pinyin.toLowerCase().replace(/\d/g, '');
  if (p.includes('a')) return 'aa';
  if (p.includes('o')) return 'oh';
  if (p.includes('e')) return 'ee';
  if (p.includes('i') || p.includes('y')) return 'ih';
  if (/[uüv]/.test(p)) return 'ou';
  return 'aa';
}

const LABIAL = /^[bpmfw]/i;
const CLOSE_MS = 50;

export function syllableTimeline(syllables: readonly TimedSyllable[], durationMs: number): VisemeTimeline {
  const keys: VisemeKey[] = [];
  let at = 0;
  const push = (viseme: Viseme, start: number, end: number, weight: number) => {
    if (end <= start) return;
    const prev = keys[keys.length - 1];
    if (prev && prev.viseme === 'closed' && viseme === 'closed') prev.end = end;
    else keys.push({ viseme, start, end, weight });
  };
  for (const s of syllables) {
    const start = Math.max(at, Math.min(durationMs, s.startMs));
    const end = Math.max(start, Math.min(durationMs, s.endMs));
    push('closed', at, start, 0);
    const close = LABIAL.test(s.pinyin) ? Math.min(CLOSE_MS, (end - start) / 3) : 0;
    push('closed', start, start + close, 0);
    push(syllableShape(s.pinyin), start + close, end, /5$/.test(s.pinyin) ? 0.6 : 0.9);
    at = end;
  }
  push('closed', at, durationMs, 0);
  if (keys.length === 0) keys.push({ viseme: 'closed', start: 0, end: durationMs, weight: 0 });
  return { keys, durationMs };
}
