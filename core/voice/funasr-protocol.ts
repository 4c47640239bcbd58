/**
 * FunASR's runtime WebSocket protocol, real-time 2-pass mode (modelscope/FunASR,
 * runtime/docs/websocket_protocol.md): the client's first message is a JSON text frame
 *
 *   {"mode":"2pass","chunk_size":[5,10,5],"chunk_interval":10,"wav_name":"…","wav_format":"pcm",
 *    "audio_fs":16000,"is_speaking":true,"hotwords":"{\"基金\":20}","itn":true}
 *
 * then binary frames of 16 kHz mono int16 PCM, and `{"is_speaking":false}` at the end. The server
 * answers JSON text frames {mode, wav_name, text, is_final, timestamp?, stamp_sents?}: mode
 * "2pass-online" carries the streaming model's new text (appended to what came before), and
 * "2pass-offline" the offline model's corrected text of a whole sentence once its VAD closes it.
 * `timestamp` is a string "[[100,200],[200,500]]" (ms per character) when the model gives one.
 *
 * Shared by the browser's client (client/src/host/funasr-recognizer.ts), the server's relay
 * (server/voice/asr-relay.ts, which checks what passes through) and the test stand-in
 * (test/harness/fake-funasr.ts). Pure: parsing and building only.
 */

export interface FunAsrInit {
  mode: '2pass';
  /** [look-back, chunk, look-ahead] in 60 ms units: [5,10,5] is a 600 ms chunk. */
  chunk_size: [number, number, number];
  chunk_interval: number;
  wav_name: string;
  wav_format: 'pcm';
  audio_fs: 16000;
  is_speaking: true;
  /** JSON text of {word: weight}, as the runtime expects it (a string, not an object). */
  hotwords: string;
  itn: boolean;
}

export interface FunAsrResult {
  mode: '2pass-online' | '2pass-offline';
  wav_name: string;
  text: string;
  is_final: boolean;
  /** Per-character [startMs, endMs] from the start of the stream, when the model gives them. */
  timestamp: Array<[number, number]> | null;
}

export const MAX_HOTWORDS = 50;
export const MAX_RESULT_TEXT = 2000;

export function funAsrInit(wavName: string, hotwords: readonly string[] = []): FunAsrInit {
  const hw: Record<string, number> = {};
  for (const w of hotwords.slice(0, MAX_HOTWORDS)) if (w.trim()) hw[w.trim().slice(0, 20)] = 20;
  return {
    mode: '2pass',
    chunk_size: [5, 10, 5],
    chunk_interval: 10,
    wav_name: wavName.slice(0, 64),
    wav_format: 'pcm',
    audio_fs: 16000,
    is_speaking: true,
    hotwords: JSON.stringify(hw),
    itn: true,
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The first message of a 2-pass stream, checked field by field; a string says what is wrong. */
export function parseFunAsrInit(raw: string): FunAsrInit | string {
  const v = parseJson(raw);
  if (!isObj(v)) return 'not a JSON object';
  if (v.mode !== '2pass') return 'mode must be "2pass"';
  const cs = v.chunk_size;
  if (!Array.isArray(cs) || cs.length !== 3 || !cs.every((n) => Number.isInteger(n) && n >= 0 && n <= 20))
    return 'chunk_size must be three small integers';
  if (typeof v.wav_name !== 'string' || v.wav_name.length === 0 || v.wav_name.length > 64)
    return 'wav_name: 1 to 64 characters';
  if (v.wav_format !== undefined && v.wav_format !== 'pcm') return 'wav_format must be "pcm"';
  if (v.audio_fs !== undefined && v.audio_fs !== 16000) return 'audio_fs must be 16000';
  if (v.is_speaking !== true) return 'is_speaking must be true in the first message';
  const hotwords = v.hotwords === undefined ? '{}' : v.hotwords;
  if (typeof hotwords !== 'string' || hotwords.length > 2000) return 'hotwords must be a short JSON string';
  const hw = parseJson(hotwords);
  if (!isObj(hw) || Object.keys(hw).length > MAX_HOTWORDS || !Object.values(hw).every((n) => typeof n === 'number'))
    return 'hotwords must be {"word": weight}';
  const ci = v.chunk_interval === undefined ? 10 : v.chunk_interval;
  if (!Number.isInteger(ci) || (ci as number) < 1 || (ci as number) > 100) return 'chunk_interval must be 1 to 100';
  return {
    mode: '2pass',
    chunk_size: [cs[0], cs[1], cs[2]] as [number, number, number],
    chunk_interval: ci as number,
    wav_name: v.wav_name,
    wav_format: 'pcm',
    audio_fs: 16000,
    is_speaking: true,
    hotwords,
    itn: v.itn !== false,
  };
}

/** `{"is_speaking": false}`: the end of the audio. */
export function isEndOfSpeech(raw: string): boolean {
  const v = parseJson(raw);
  return isObj(v) && v.is_speaking === false && Object.keys(v).length === 1;
}

export const END_OF_SPEECH = JSON.stringify({ is_speaking: false });

function parseTimestamp(v: unknown): Array<[number, number]> | null {
  const arr = typeof v === 'string' ? parseJson(v) : v;
  if (!Array.isArray(arr)) return null;
  const out: Array<[number, number]> = [];
  for (const p of arr) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
    out.push([p[0], p[1]]);
  }
  return out;
}

/** A 2-pass result from the server, or null for anything else (other modes, malformed frames). */
export function parseFunAsrResult(raw: string): FunAsrResult | null {
  const v = parseJson(raw);
  if (!isObj(v)) return null;
  if (v.mode !== '2pass-online' && v.mode !== '2pass-offline') return null;
  if (typeof v.text !== 'string') return null;
  return {
    mode: v.mode,
    wav_name: typeof v.wav_name === 'string' ? v.wav_name.slice(0, 64) : '',
    text: v.text.slice(0, MAX_RESULT_TEXT),
    is_final: v.is_final === true,
    timestamp: parseTimestamp(v.timestamp),
  };
}

/** A result as the relay passes it on (only the fields above; the timestamp as FunASR writes it). */
export function serialiseFunAsrResult(r: FunAsrResult): string {
  return JSON.stringify({
    mode: r.mode,
    wav_name: r.wav_name,
    text: r.text,
    is_final: r.is_final,
    ...(r.timestamp ? { timestamp: JSON.stringify(r.timestamp) } : {}),
  });
}

/**
 * What the listener has heard so far, folded from results: online text accumulates as the
 * partial line; an offline result replaces it with the corrected sentence, which is final.
 */
export interface TwoPassText {
  /** The streaming model's text of the sentence being spoken (shown, not sent). */
  partial: string;
}

export function foldTwoPass(state: TwoPassText, r: FunAsrResult): { state: TwoPassText; final: string | null } {
  if (r.mode === '2pass-online') return { state: { partial: state.partial + r.text }, final: null };
  return { state: { partial: '' }, final: r.text };
}
