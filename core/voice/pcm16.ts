/**
 * Microphone audio to what FunASR's runtime takes: 16 kHz mono signed 16-bit PCM, little endian,
 * in fixed frames (960 samples = 60 ms, the size FunASR's own html5 client sends). Streaming: the
 * AudioWorklet pushes 128 samples at a time at the context's rate (usually 48 kHz); the encoder
 * averages over each output sample's span (a box low-pass, enough for speech recognition) and
 * interpolates between input samples, so any input rate ≥ 16 kHz works. Pure: no I/O, no timers.
 */

export const ASR_SAMPLE_RATE = 16_000;
/** 60 ms at 16 kHz. */
export const ASR_FRAME_SAMPLES = 960;

export interface Pcm16Encoder {
  /** Feed float samples (−1…1); returns the complete frames this made (often none). */
  push(chunk: Float32Array): Int16Array[];
  /** The samples of a last, partial frame (at the end of speech), or null. */
  flush(): Int16Array | null;
}

export function createPcm16Encoder(inputRate: number, frameSamples = ASR_FRAME_SAMPLES): Pcm16Encoder {
  if (!(inputRate >= ASR_SAMPLE_RATE))
    throw new RangeError(`input rate must be ≥ ${ASR_SAMPLE_RATE}, got ${inputRate}`);
  const step = inputRate / ASR_SAMPLE_RATE;
  let frame = new Int16Array(frameSamples);
  let filled = 0;
  // Position (in input samples, from the start of the stream) of the next output sample's span.
  let next = 0;
  let consumed = 0;
  let acc = 0;
  let accN = 0;

  const emit = (v: number, out: Int16Array[]) => {
    const s = Math.max(-1, Math.min(1, v));
    frame[filled++] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
    if (filled === frameSamples) {
      out.push(frame);
      frame = new Int16Array(frameSamples);
      filled = 0;
    }
  };

  return {
    push(chunk) {
      const out: Int16Array[] = [];
      for (let i = 0; i < chunk.length; i++) {
        acc += chunk[i]!;
        accN++;
        consumed++;
        if (consumed >= next + step) {
          emit(acc / accN, out);
          acc = 0;
          accN = 0;
          next += step;
        }
      }
      return out;
    },
    flush() {
      if (accN > 0) emit(acc / accN, []);
      acc = 0;
      accN = 0;
      if (filled === 0) return null;
      const rest = frame.slice(0, filled);
      filled = 0;
      return rest;
    },
  };
}

/** Int16 samples as the little-endian bytes sent on the wire. */
export function pcm16Bytes(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return out;
}
