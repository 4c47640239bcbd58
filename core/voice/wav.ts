/**
 * RIFF/WAVE reader for what microphones and espeak-ng write: PCM 8/16/24/32-bit integer and
 * 32/64-bit float (also WAVE_FORMAT_EXTENSIBLE), any channel count (mixed down to mono).
 * Pure: bytes in, samples out. Errors name the problem in both interface languages.
 */
export interface WavAudio {
  sampleRate: number;
  channels: number;
  samples: Float32Array;
}

export class WavError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

export function parseWav(bytes: Uint8Array): WavAudio {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new WavError('不是 WAV 文件（缺少 RIFF/WAVE 头）', 'Not a WAV file (no RIFF/WAVE header)');
  }
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
  let data: Uint8Array | null = null;
  let o = 12;
  while (o + 8 <= bytes.length) {
    const id = tag(o);
    let size = v.getUint32(o + 4, true);
    const body = o + 8;
    // espeak-ng streaming to stdout writes 0xffffffff sizes: the data runs to the end.
    if (body + size > bytes.length) size = bytes.length - body;
    if (id === 'fmt ' && size >= 16) {
      let format = v.getUint16(body, true);
      if (format === 0xfffe && size >= 26) format = v.getUint16(body + 24, true);
      fmt = {
        format,
        channels: v.getUint16(body + 2, true),
        rate: v.getUint32(body + 4, true),
        bits: v.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = bytes.subarray(body, body + size);
    }
    o = body + size + (size & 1);
  }
  if (!fmt) throw new WavError('WAV 文件缺少 fmt 块', 'WAV file has no fmt chunk');
  if (!data) throw new WavError('WAV 文件缺少 data 块', 'WAV file has no data chunk');
  const { format, channels, rate, bits } = fmt;
  const isFloat = format === 3 && (bits === 32 || bits === 64);
  const isInt = format === 1 && [8, 16, 24, 32].includes(bits);
  if ((!isFloat && !isInt) || channels < 1) {
    throw new WavError(
      `不支持的 WAV 编码（格式 ${format}，${bits} 位）：请用 PCM 或 32 位浮点`,
      `Unsupported WAV encoding (format ${format}, ${bits}-bit): use PCM or 32-bit float`,
    );
  }
  const step = bits / 8;
  const frames = Math.floor(data.length / (step * channels));
  const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const p = (i * channels + c) * step;
      let s: number;
      if (isFloat) s = bits === 32 ? d.getFloat32(p, true) : d.getFloat64(p, true);
      else if (bits === 16) s = d.getInt16(p, true) / 32768;
      else if (bits === 8) s = (d.getUint8(p) - 128) / 128;
      else if (bits === 24) s = (d.getUint8(p) | (d.getUint8(p + 1) << 8) | (d.getInt8(p + 2) << 16)) / 8388608;
      else s = d.getInt32(p, true) / 2147483648;
      sum += s;
    }
    out[i] = sum / channels;
  }
  return { sampleRate: rate, channels, samples: out };
}

/** PCM16 mono WAV bytes (for tests, the host voice route and recordings). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(bytes.buffer);
  const put = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) bytes[o + i] = s.charCodeAt(i);
  };
  put(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    v.setInt16(44 + i * 2, Math.round(s * 32767), true);
  }
  return bytes;
}
