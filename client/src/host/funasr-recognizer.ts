/**
 * On-premises recognition: FunASR's 2-pass WebSocket protocol (core/voice/funasr-protocol.ts),
 * spoken to this server's relay at /api/asr/stream (server/voice/asr-relay.ts), which passes it
 * to the FunASR runtime named by BRANCHCAST_ASR_URL. The page only ever talks to its own origin.
 * The microphone goes through pcm-worklet.ts (16 kHz int16, 60 ms frames); "2pass-online" text
 * shows as the partial line, each "2pass-offline" sentence is final and said as the host's line.
 * Listening runs until stop(), sentence after sentence (FunASR's VAD splits them).
 */
import {
  END_OF_SPEECH,
  foldTwoPass,
  funAsrInit,
  parseFunAsrResult,
  type TwoPassText,
} from '../../../core/voice/funasr-protocol.js';
import { sessionStore } from '../stores/session-store.js';
import workletUrl from './pcm-worklet.ts?worker&url';
import type { RecognizerCallbacks, SpeechRecognizer } from './recognizer.js';

/** After the end of speech, wait this long for FunASR's last corrected sentence. */
const FINAL_WAIT_MS = 4000;

export function funAsrRecognizer(): SpeechRecognizer {
  let stopNow: (() => void) | null = null;
  return {
    kind: 'funasr',
    start(_lang, cb: RecognizerCallbacks) {
      if (stopNow) return;
      const { code, participantId } = sessionStore.getState();
      const ws = new WebSocket(
        `${location.origin.replace(/^http/, 'ws')}/api/asr/stream?code=${encodeURIComponent(code ?? '')}`,
      );
      ws.binaryType = 'arraybuffer';
      let text: TwoPassText = { partial: '' };
      let opened = false;
      let ended = false;
      let mic: { stop(): void } | null = null;
      let finalTimer: ReturnType<typeof setTimeout> | null = null;
      const end = () => {
        if (ended) return;
        ended = true;
        if (finalTimer !== null) clearTimeout(finalTimer);
        mic?.stop();
        stopNow = null;
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
        cb.ended();
      };
      stopNow = () => {
        if (!opened) return end();
        // The last partial frame (< 60 ms) is dropped: it would race the end-of-speech message.
        mic?.stop();
        mic = null;
        if (ws.readyState === WebSocket.OPEN) ws.send(END_OF_SPEECH);
        finalTimer = setTimeout(end, FINAL_WAIT_MS);
      };
      ws.onopen = () => {
        opened = true;
        ws.send(JSON.stringify(funAsrInit(`branchcast-${participantId ?? 'host'}`)));
        void openMic((frame) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        }).then(
          (m) => {
            if (ended || !stopNow) return m.stop();
            mic = m;
          },
          (e: unknown) => {
            cb.error(e instanceof Error && e.name === 'NotAllowedError' ? 'not-allowed' : 'audio-capture');
            end();
          },
        );
      };
      ws.onmessage = (ev: MessageEvent) => {
        if (typeof ev.data !== 'string') return;
        const r = parseFunAsrResult(ev.data);
        if (!r) {
          // The relay's own error frame: {error, message}.
          try {
            const e = JSON.parse(ev.data) as { error?: string };
            if (e.error) cb.error(e.error);
          } catch {
            /* not ours */
          }
          return;
        }
        const next = foldTwoPass(text, r);
        text = next.state;
        cb.partial(text.partial);
        if (next.final?.trim()) cb.final(next.final);
        if (r.is_final && finalTimer !== null) end();
      };
      ws.onerror = () => {
        if (!opened) cb.error('ASR_UNREACHABLE');
      };
      ws.onclose = () => end();
    },
    stop() {
      stopNow?.();
    },
  };
}

async function openMic(send: (frame: ArrayBuffer) => void): Promise<{ stop(): void }> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
  });
  const ctx = new AudioContext();
  try {
    await ctx.audioWorklet.addModule(workletUrl);
  } catch (e) {
    for (const t of stream.getTracks()) t.stop();
    void ctx.close();
    throw e;
  }
  const node = new AudioWorkletNode(ctx, 'branchcast-pcm16');
  const mute = ctx.createGain();
  mute.gain.value = 0;
  ctx.createMediaStreamSource(stream).connect(node).connect(mute).connect(ctx.destination);
  node.port.onmessage = (ev: MessageEvent<Int16Array>) => send(ev.data.buffer as ArrayBuffer);
  await ctx.resume();
  return {
    stop: () => {
      node.port.onmessage = null;
      for (const t of stream.getTracks()) t.stop();
      void ctx.close();
    },
  };
}
