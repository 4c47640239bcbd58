/**
 * AudioWorklet processor for on-premises recognition: the microphone as 16 kHz int16 PCM in 60 ms
 * frames (core/voice/pcm16.ts), posted to the page, which relays them to FunASR through this
 * server (funasr-recognizer.ts).
 */
import { createPcm16Encoder } from '../../../core/voice/pcm16.js';

declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

class PcmProcessor extends AudioWorkletProcessor {
  private encoder = createPcm16Encoder(sampleRate);

  process(inputs: Float32Array[][]): boolean {
    const ch = inputs[0]?.[0];
    if (ch) for (const f of this.encoder.push(ch)) this.port.postMessage(f, [f.buffer]);
    return true;
  }
}

registerProcessor('branchcast-pcm16', PcmProcessor);
