/**
 * The one session clock people read (docs/RUBRICS.md ST1–ST3): stream time, the milliseconds
 * since `session.started`. The recording's `t` keeps its meaning (ms since the room was created);
 * every time shown to a person — HUD, findings, reports, replay, console, CSV, charts — goes
 * through here, so a line sent at HUD 02:05 is reported and replayed at 02:05.
 *
 * A pause is shown as a pause: the clock does not stop while the stream is paused (what the
 * audience lived through is wall time), and the HUD marks the paused stretch instead.
 */
import type { SessionEvent } from './events.js';

export type ClockLang = 'zh' | 'en';

/** What a moment before the stream started reads as. */
export const PRE_SHOW = { zh: '开播前', en: 'pre-show' } as const;

/**
 * Stream time of recording time `t`, given the `t` of `session.started` (null: not started).
 * Null when the stream had not started by then: that moment is "pre-show", not 00:00.
 */
export function streamTimeMs(startedT: number | null, t: number): number | null {
  if (startedT === null || t < startedT) return null;
  return t - startedT;
}

/** The `t` of `session.started` in a recording (or its first events), null if it never started. */
export function startedTOf(events: Iterable<SessionEvent>): number | null {
  for (const e of events) if (e.type === 'session.started') return e.t;
  return null;
}

/** mm:ss (h:mm:ss from an hour) of a stream time; null (before the start) reads "开播前 / pre-show". */
export function formatStreamTime(ms: number | null, lang: ClockLang = 'zh'): string {
  if (ms === null) return PRE_SHOW[lang];
  return formatDuration(ms);
}

/** The clock at recording time `t`: `formatStreamTime(streamTimeMs(startedT, t))`. */
export function streamClock(startedT: number | null, t: number, lang: ClockLang = 'zh'): string {
  return formatStreamTime(streamTimeMs(startedT, t), lang);
}

/** A length of time as mm:ss (h:mm:ss from an hour); negative lengths read 00:00. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Minutes of stream time with one decimal, for chart axes; before the start is clamped to 0. */
export function streamMinutes(startedT: number | null, t: number): number {
  const ms = streamTimeMs(startedT, t) ?? 0;
  return Math.round((ms / 60_000) * 10) / 10;
}
