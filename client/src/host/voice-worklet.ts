/**
 * AudioWorklet processor: runs the delivery analysis (core/voice) on the microphone in the audio
 * thread and posts running figures four times a second. Raw audio never leaves this thread.
 * Bundled by Vite as its own file (`?worker&url`), served from the app's origin.
 */
import { createVoiceAnalyser, type DeliveryMetrics } from '../../../core/voice/analyser.js';

// The AudioWorkletGlobalScope's names (not in TypeScript's DOM lib).
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

export type WorkletMessage = DeliveryMetrics;

class VoiceProcessor extends AudioWorkletProcessor {
  private analyser = createVoiceAnalyser(sampleRate);
  private since = 0;

  process(inputs: Float32Array[][]): boolean {
    const ch = inputs[0]?.[0];
    if (ch) {
      this.analyser.push(ch);
      this.since += ch.length;
      if (this.since >= sampleRate / 4) {
        this.since = 0;
        this.port.postMessage(this.analyser.metrics() satisfies WorkletMessage);
      }
    }
    return true;
  }
}

registerProcessor('branchcast-voice', VoiceProcessor);
