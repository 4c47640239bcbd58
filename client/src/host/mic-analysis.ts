/**
 * The trainee's microphone, analysed in the browser (voice-worklet.ts → core/voice): the HUD's
 * speaking light, the figures the live cues read (core/live-nudge.ts, shown by ui/score-nudge.tsx:
 * dead air, too fast, too quiet), and every few seconds a `voice.sample` with figures only (no
 * audio) into the session while it is live. Stops with the page or stopMicAnalysis().
 */
import { create } from 'zustand';
import type { VoiceNow } from '../../../core/live-nudge.js';
import type { DeliveryMetrics } from '../../../core/voice/analyser.js';
import { sessionClient } from '../net/session-client.js';
import { sessionStore } from '../stores/session-store.js';
import workletUrl from './voice-worklet.ts?worker&url';

const SAMPLE_EVERY_MS = 5000;

export interface MicState {
  on: boolean;
  speaking: boolean;
  /** While live: the figures the live cues judge (null when off or not live). */
  voice: VoiceNow | null;
  error: string | null;
}
export const useMic = create<MicState>(() => ({
  on: false,
  speaking: false,
  voice: null,
  error: null,
}));

/** Mean speech power of a window from two running means (the analyser's loudness is mean power over speech). */
function windowLoudness(
  prev: { db: number | null; ms: number },
  now: { db: number | null; ms: number },
): number | null {
  if (now.db === null || now.ms <= prev.ms) return null;
  const p = (db: number | null, ms: number) => (db === null ? 0 : Math.pow(10, db / 10) * ms);
  const power = (p(now.db, now.ms) - p(prev.db, prev.ms)) / (now.ms - prev.ms);
  return power > 0 ? 10 * Math.log10(power) : null;
}

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
    let sent = { toMs: 0, speechMs: 0, syllables: 0, pauses: 0, loudnessDbfs: null as number | null };
    let windowIndex = 0;
    let window: VoiceNow['window'] = null;
    node.port.onmessage = (ev: MessageEvent<DeliveryMetrics>) => {
      const m = ev.data;
      last = m;
      const live = sessionStore.getState().state.status === 'live';
      const voice: VoiceNow | null = live
        ? { spoken: m.speechMs > 0, silenceMs: m.silenceMs, silenceFromMs: m.durationMs - m.silenceMs, window }
        : null;
      useMic.setState({ speaking: m.speaking, voice });
      if (live && m.durationMs - sent.toMs >= SAMPLE_EVERY_MS) {
        const pauses = m.pauses.slice(sent.pauses);
        const speechMs = m.speechMs - sent.speechMs;
        const syllables = m.syllables - sent.syllables;
        window = {
          index: ++windowIndex,
          speechMs,
          syllables,
          loudnessDbfs: windowLoudness(
            { db: sent.loudnessDbfs, ms: sent.speechMs },
            { db: m.loudnessDbfs, ms: m.speechMs },
          ),
        };
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
        sent = {
          toMs: m.durationMs,
          speechMs: m.speechMs,
          syllables: m.syllables,
          pauses: m.pauses.length,
          loudnessDbfs: m.loudnessDbfs,
        };
      } else if (!live && last) {
        // Not live: keep the window starting now, so a sample never spans the time before going live.
        sent = {
          toMs: m.durationMs,
          speechMs: m.speechMs,
          syllables: m.syllables,
          pauses: m.pauses.length,
          loudnessDbfs: m.loudnessDbfs,
        };
        window = null;
      }
    };
    stop = () => {
      node.port.onmessage = null;
      for (const t of stream.getTracks()) t.stop();
      void ctx.close();
      stop = null;
      useMic.setState({ on: false, speaking: false, voice: null });
    };
    useMic.setState({ on: true, error: null });
  } catch (e) {
    useMic.setState({ on: false, error: e instanceof Error ? e.name : String(e) });
  }
}

export function stopMicAnalysis(): void {
  stop?.();
}
