/**
 * The trainee's microphone, analysed in the browser (voice-worklet.ts → core/voice): the HUD's
 * speaking light and dead-air cue, and every few seconds a `voice.sample` with figures only (no
 * audio) into the session while it is live. Stops with the page or stopMicAnalysis().
 */
import { create } from 'zustand';
import type { DeliveryMetrics } from '../../../core/voice/analyser.js';
import { sessionClient } from '../net/session-client.js';
import { sessionStore } from '../stores/session-store.js';
import workletUrl from './voice-worklet.ts?worker&url';

/** Silence this long while live, after the trainee has spoken, is dead air (the rubric's default). */
export const DEAD_AIR_MS = 5000;
const SAMPLE_EVERY_MS = 5000;
/** Above the rubric's default pace band (syllables per minute of speech), over a window with ≥ 3 s of speech. */
export const TOO_FAST_SPM = 330;

export interface MicState {
  on: boolean;
  speaking: boolean;
  deadAir: boolean;
  /** The last window was spoken too fast (cleared by the next window). */
  tooFast: boolean;
  error: string | null;
}
export const useMic = create<MicState>(() => ({
  on: false,
  speaking: false,
  deadAir: false,
  tooFast: false,
  error: null,
}));

let stop: (() => void) | null = null;

export async function startMicAnalysis(): Promise<void> {
  if (stop) return;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: false },
    });
    const ctx = new AudioContext();
    await ctx.audioWorklet.addModule(workletUrl);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'branchcast-voice');
    // A silent path to the destination keeps the node rendering; nothing is heard.
    const mute = ctx.createGain();
    mute.gain.value = 0;
    source.connect(node).connect(mute).connect(ctx.destination);
    await ctx.resume();
    let last: DeliveryMetrics | null = null;
    let sent = { toMs: 0, speechMs: 0, syllables: 0, pauses: 0 };
    node.port.onmessage = (ev: MessageEvent<DeliveryMetrics>) => {
      const m = ev.data;
      last = m;
      const live = sessionStore.getState().state.status === 'live';
      useMic.setState({ speaking: m.speaking, deadAir: live && m.speechMs > 0 && m.silenceMs >= DEAD_AIR_MS });
      if (live && m.durationMs - sent.toMs >= SAMPLE_EVERY_MS) {
        const pauses = m.pauses.slice(sent.pauses);
        const speechMs = m.speechMs - sent.speechMs;
        const syllables = m.syllables - sent.syllables;
        useMic.setState({ tooFast: speechMs >= 3000 && (syllables / speechMs) * 60_000 > TOO_FAST_SPM });
        void sessionClient.command('voice.sample', {
          fromMs: sent.toMs,
          toMs: m.durationMs,
          speechMs,
          syllables,
          pauses: pauses.slice(-100),
          silenceMs: m.silenceMs,
          loudnessDbfs: m.loudnessDbfs,
          pitchSemitoneSd: m.pitchSemitoneSd,
        });
        sent = { toMs: m.durationMs, speechMs: m.speechMs, syllables: m.syllables, pauses: m.pauses.length };
      } else if (!live && last) {
        // Not live: keep the window starting now, so a sample never spans the time before going live.
        sent = { toMs: m.durationMs, speechMs: m.speechMs, syllables: m.syllables, pauses: m.pauses.length };
      }
    };
    stop = () => {
      node.port.onmessage = null;
      for (const t of stream.getTracks()) t.stop();
      void ctx.close();
      stop = null;
      useMic.setState({ on: false, speaking: false, deadAir: false, tooFast: false });
    };
    useMic.setState({ on: true, error: null });
  } catch (e) {
    useMic.setState({ on: false, error: e instanceof Error ? e.name : String(e) });
  }
}

export function stopMicAnalysis(): void {
  stop?.();
}
