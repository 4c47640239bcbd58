/**
 * A stand-in for a FunASR runtime server (funasr-wss-server-2pass), for tests only: no Mandarin
 * speech-recognition weights can be installed on this machine, so this speaks FunASR's documented
 * 2-pass WebSocket protocol (core/voice/funasr-protocol.ts) and answers with scripted sentences
 * instead of recognising anything. It does listen to the audio: a sentence starts when the PCM's
 * level rises above a threshold, "2pass-online" fragments of the scripted sentence follow every
 * 600 ms of speech, and ~600 ms of silence (or {"is_speaking": false}) ends it with the whole
 * sentence as "2pass-offline", with per-character timestamps. Scripted sentences are used in
 * order and the last one repeats.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { parseFunAsrInit, isEndOfSpeech, type FunAsrInit } from '../../core/voice/funasr-protocol.js';

export interface FakeFunAsr {
  url: string;
  /** The first message of every connection, as parsed. */
  inits: FunAsrInit[];
  /** PCM bytes received over all connections. */
  audioBytes: () => number;
  /** Connections that sent the end of speech. */
  ends: () => number;
  close(): Promise<void>;
}

const FRAME = 320; // 20 ms at 16 kHz
const SPEECH_RMS = 0.02;
const END_SILENCE_FRAMES = 30; // 600 ms
const ONLINE_EVERY_FRAMES = 30;

export async function startFakeFunAsr(script: readonly string[]): Promise<FakeFunAsr> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const inits: FunAsrInit[] = [];
  let bytes = 0;
  let ends = 0;
  let next = 0;
  const sentence = () => script[Math.min(next, script.length - 1)] ?? '';

  wss.on('connection', (ws: WebSocket) => {
    let init: FunAsrInit | null = null;
    let samplesIn = 0;
    let carry = new Int16Array(0);
    let speaking = false;
    let speechFrames = 0;
    let silentFrames = 0;
    let startMs = 0;
    let shown = 0;
    const send = (o: object) => ws.send(JSON.stringify(o));
    const close = (final: boolean) => {
      if (!speaking) return;
      speaking = false;
      const text = sentence();
      next++;
      const endMs = Math.round(samplesIn / 16);
      const per = (endMs - startMs) / Math.max(1, text.length);
      const ts = [...text].map((_, i) => [Math.round(startMs + i * per), Math.round(startMs + (i + 1) * per)]);
      send({ mode: '2pass-offline', wav_name: init?.wav_name, text, is_final: final, timestamp: JSON.stringify(ts) });
    };
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        const raw = data.toString();
        if (!init) {
          const parsed = parseFunAsrInit(raw);
          if (typeof parsed === 'string') return ws.close(1003, parsed);
          init = parsed;
          inits.push(parsed);
          return;
        }
        if (isEndOfSpeech(raw)) {
          ends++;
          if (speaking) close(true);
          else send({ mode: '2pass-offline', wav_name: init.wav_name, text: '', is_final: true });
        }
        return;
      }
      if (!init) return ws.close(1003, 'audio before the first message');
      const buf = data as Buffer;
      bytes += buf.length;
      const pcm = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + (buf.length & ~1)));
      const all = new Int16Array(carry.length + pcm.length);
      all.set(carry);
      all.set(pcm, carry.length);
      let o = 0;
      for (; o + FRAME <= all.length; o += FRAME) {
        let sum = 0;
        for (let i = o; i < o + FRAME; i++) sum += (all[i]! / 32768) ** 2;
        const loud = Math.sqrt(sum / FRAME) > SPEECH_RMS;
        samplesIn += FRAME;
        if (loud) {
          silentFrames = 0;
          if (!speaking) {
            speaking = true;
            speechFrames = 0;
            shown = 0;
            startMs = Math.round((samplesIn - FRAME) / 16);
          }
          speechFrames++;
          if (speechFrames % ONLINE_EVERY_FRAMES === 0) {
            const text = [...sentence()];
            const upTo = Math.min(text.length - 1, shown + 3);
            if (upTo > shown) {
              send({
                mode: '2pass-online',
                wav_name: init.wav_name,
                text: text.slice(shown, upTo).join(''),
                is_final: false,
              });
              shown = upTo;
            }
          }
        } else if (speaking && ++silentFrames >= END_SILENCE_FRAMES) close(false);
      }
      carry = all.slice(o);
    });
  });

  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    inits,
    audioBytes: () => bytes,
    ends: () => ends,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}
