/**
 * Which one live cue the trainee sees (issue 5: dense live dashboards hurt learning; the report
 * teaches). At most one short, dismissible cue, in this order: a critical finding in what they
 * just said; dead air (the stream has gone silent); a viewer's question waiting past the rubric's
 * limit; speaking too fast; speaking too quietly. Voice cues use the rubric's delivery thresholds
 * (deadAirSec, voicePaceMax, quietDbfs) on the microphone's figures (core/voice), so the live cue
 * and the report agree. Each cue has a key; a dismissed key does not come back, a new occurrence
 * (a new silence, a new window) has a new key. Pure.
 */

export type NudgeKind = 'critical' | 'deadAir' | 'waiting' | 'tooFast' | 'tooQuiet';

export interface Nudge {
  key: string;
  kind: NudgeKind;
  /** For the text: the critical finding's seq and quote, the waiting seconds, the pace or loudness. */
  seq?: number;
  category?: string;
  quote?: string;
  sec?: number;
  value?: number;
}

/** The microphone's figures (client/src/host/mic-analysis.ts), or null when analysis is off. */
export interface VoiceNow {
  /** The trainee has spoken since the analysis started (silence before the first word is not dead air). */
  spoken: boolean;
  /** Silence running now, ms, and the microphone time it began (the silence's identity). */
  silenceMs: number;
  silenceFromMs: number;
  /** The last few-second window: its index, speech time, syllables and loudness of speech. */
  window: { index: number; speechMs: number; syllables: number; loudnessDbfs: number | null } | null;
}

export interface VoiceThresholds {
  deadAirSec: number;
  voicePaceMax: number;
  quietDbfs: number;
}

export const DEFAULT_VOICE_THRESHOLDS: VoiceThresholds = { deadAirSec: 5, voicePaceMax: 330, quietDbfs: -40 };

/** A window needs this much speech before its pace or loudness is judged. */
const MIN_WINDOW_SPEECH_MS = 3000;

export interface NudgeInput {
  critical: { seq: number; category: string; quote: string } | null;
  /** The question waiting longest and since when (stream ms), or null. */
  oldestQuestion: { seq: number; from: number } | null;
  /** Stream time now, ms. */
  now: number;
  waitLimitSec: number;
  voice: VoiceNow | null;
  thresholds: VoiceThresholds;
  dismissed: ReadonlySet<string>;
}

export function pickNudge(i: NudgeInput): Nudge | null {
  const open = (n: Nudge): Nudge | null => (i.dismissed.has(n.key) ? null : n);
  const candidates: Array<() => Nudge | null> = [
    () => (i.critical ? open({ key: `c:${i.critical.seq}`, kind: 'critical', ...i.critical }) : null),
    () => {
      const v = i.voice;
      if (!v || !v.spoken || v.silenceMs < i.thresholds.deadAirSec * 1000) return null;
      return open({
        key: `d:${Math.round(v.silenceFromMs / 250)}`,
        kind: 'deadAir',
        sec: Math.round(v.silenceMs / 1000),
      });
    },
    () => {
      const q = i.oldestQuestion;
      if (!q || i.now - q.from <= i.waitLimitSec * 1000) return null;
      return open({ key: `q:${q.seq}`, kind: 'waiting', seq: q.seq, sec: Math.round((i.now - q.from) / 1000) });
    },
    () => {
      const w = i.voice?.window;
      if (!w || w.speechMs < MIN_WINDOW_SPEECH_MS) return null;
      const pace = (w.syllables / w.speechMs) * 60_000;
      return pace > i.thresholds.voicePaceMax
        ? open({ key: `f:${w.index}`, kind: 'tooFast', value: Math.round(pace) })
        : null;
    },
    () => {
      const w = i.voice?.window;
      if (!w || w.speechMs < MIN_WINDOW_SPEECH_MS || w.loudnessDbfs === null) return null;
      return w.loudnessDbfs < i.thresholds.quietDbfs
        ? open({ key: `l:${w.index}`, kind: 'tooQuiet', value: Math.round(w.loudnessDbfs) })
        : null;
    },
  ];
  for (const c of candidates) {
    const n = c();
    if (n) return n;
  }
  return null;
}
