/**
 * The voice at a moment of a recording, for replay: the pace of the last sample window at or
 * before `t` and the pauses so far, from the recorded voice.sample events. Pure.
 */
import type { EventOf } from '../events.js';

export interface VoiceFigures {
  /** Syllables per minute of speech in the window shown (null: under a second of speech in it). */
  pace: number | null;
  /** Pauses (≥ 300 ms inside speech) from the start up to `t`, and the longest of them, ms. */
  pauses: number;
  longestPauseMs: number;
  /** Silence running at the window's end, ms (dead air when long). */
  silenceMs: number;
  /** Stream-time `t` of the sample shown. */
  t: number;
}

/** A window older than this at `t` is not "the voice now" (the microphone was off). */
const STALE_MS = 15_000;

export function voiceFiguresAt(samples: ReadonlyArray<EventOf<'voice.sample'>>, t: number): VoiceFigures | null {
  let pauses = 0;
  let longest = 0;
  let last: EventOf<'voice.sample'> | null = null;
  for (const s of samples) {
    if (s.t > t) break;
    last = s;
    pauses += s.pauses.length;
    for (const p of s.pauses) longest = Math.max(longest, p.endMs - p.startMs);
  }
  if (!last || t - last.t > STALE_MS) return null;
  return {
    pace: last.speechMs >= 1000 ? Math.round((last.syllables / last.speechMs) * 60_000) : null,
    pauses,
    longestPauseMs: longest,
    silenceMs: last.silenceMs,
    t: last.t,
  };
}
