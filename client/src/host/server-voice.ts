/**
 * The server's offline host voice (server/voice/host-voice.ts, espeak-ng), used where the browser
 * has no Chinese voice: the syllable timings (/api/voice/host.json) drive the mouth, the WAV
 * (/api/voice/host.wav) plays. Both come from this server; nothing goes elsewhere. If the server
 * cannot speak (503: no espeak-ng) it is not asked again this page.
 */
import { syllableTimeline, type TimedSyllable } from '../../../core/avatar/syllable-visemes.js';
import type { VisemeTimeline } from '../../../core/avatar/visemes.js';

/** The route's limit (MAX_HOST_VOICE_CHARS): longer lines are spoken in part, captioned whole. */
const MAX_CHARS = 500;

let state: 'unknown' | 'probing' | 'ok' | 'off' = 'unknown';
let probe: Promise<void> | null = null;
let playing: HTMLAudioElement | null = null;

export function serverVoiceState(): 'unknown' | 'ok' | 'off' {
  return state === 'probing' ? 'unknown' : state;
}

/** Ask once whether the server can speak (a one-character line). */
export function probeServerVoice(): Promise<void> {
  if (state !== 'unknown') return probe ?? Promise.resolve();
  state = 'probing';
  probe = fetch('/api/voice/host.json?text=%E5%A5%BD')
    .then((r) => {
      state = r.ok ? 'ok' : 'off';
    })
    .catch(() => {
      state = 'off';
    });
  return probe;
}

export interface ServerVoiceCallbacks {
  /** The audio started: the mouth's timeline from the voice's own timings. */
  started(timeline: VisemeTimeline): void;
  ended(): void;
  /** The server could not speak or the browser would not play: the caller falls back. */
  failed(): void;
}

export function speakOnServer(text: string, cb: ServerVoiceCallbacks): void {
  const q = encodeURIComponent(text.slice(0, MAX_CHARS));
  let done = false;
  const fail = () => {
    if (done) return;
    done = true;
    cb.failed();
  };
  fetch(`/api/voice/host.json?text=${q}`)
    .then(async (r) => {
      if (!r.ok) {
        if (r.status === 503) state = 'off';
        return fail();
      }
      const timing = (await r.json()) as { durationMs: number; syllables: TimedSyllable[] };
      const audio = new Audio(`/api/voice/host.wav?text=${q}`);
      playing?.pause();
      playing = audio;
      audio.onplaying = () => cb.started(syllableTimeline(timing.syllables, timing.durationMs));
      audio.onended = () => {
        if (done) return;
        done = true;
        if (playing === audio) playing = null;
        cb.ended();
      };
      audio.onerror = fail;
      // Autoplay rules can refuse until the page has been clicked: captions then run on the estimate.
      await audio.play().catch(fail);
    })
    .catch(fail);
}

/** Stop the voice now (muted): the line ends as if the audio had. */
export function stopServerVoice(): void {
  const a = playing;
  playing = null;
  if (!a) return;
  a.pause();
  a.onended?.(new Event('ended'));
}
