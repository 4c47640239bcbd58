/**
 * The learned layer at inference: a per-category logistic regression over the hashed features
 * of features.ts. Weights are stored feature-major (the 12 categories of one feature sit side by
 * side), quantised to int8 with one scale, base64 in compliance-model.json.
 */
import { CATEGORIES } from '../categories.js';
import { DIM, FeatureBuffer, extract, type FeatureInput } from './features.js';

export const N_CAT = CATEGORIES.length;

/** The shipped file's shape (written by train.ts). */
export interface ModelFile {
  readonly version: 1;
  readonly hashBits: number;
  readonly categories: readonly string[];
  /** Dequantised weight = int8 × scale. */
  readonly scale: number;
  readonly bias: readonly number[];
  /** Probability at or above which the model alone flags the category. */
  readonly threshold: readonly number[];
  /** A rule hit stands unless the model's probability is below this (0: rules always stand). */
  readonly veto: readonly number[];
  readonly l2: number;
  readonly epochs: number;
  /** Figures on dev at the chosen settings, for the record. */
  readonly dev: Readonly<Record<string, number>>;
  readonly weights: string;
}

export interface LoadedModel {
  readonly file: ModelFile;
  readonly w: Float32Array;
  readonly bias: Float32Array;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Uint8Array(128);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Pure base64 (no Buffer, no atob: the same in browser, server and tests). */
export function fromBase64(s: string): Uint8Array {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 0x3d) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const a = B64_INDEX[s.charCodeAt(i)] as number;
    const b = B64_INDEX[s.charCodeAt(i + 1)] as number;
    const c = i + 2 < len ? (B64_INDEX[s.charCodeAt(i + 2)] as number) : 0;
    const d = i + 3 < len ? (B64_INDEX[s.charCodeAt(i + 3)] as number) : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = i + 1 < bytes.length ? (bytes[i + 1] as number) : 0;
    const c = i + 2 < bytes.length ? (bytes[i + 2] as number) : 0;
    const n = (a << 16) | (b << 8) | c;
    s += B64[(n >> 18) & 63];
    s += B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
}

export function loadModel(file: ModelFile): LoadedModel {
  const bytes = fromBase64(file.weights);
  const expected = (1 << file.hashBits) * N_CAT;
  if (file.hashBits !== Math.log2(DIM) || bytes.length !== expected || file.categories.join() !== CATEGORIES.join())
    throw new Error('compliance model does not match this build (retrain: npm run train:compliance)');
  const w = new Float32Array(expected);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < expected; i++) w[i] = (q[i] as number) * file.scale;
  return { file, w, bias: Float32Array.from(file.bias) };
}

const buf = new FeatureBuffer();

/** Logistic scores for every category into `out` (probabilities). */
export function scoreFeatures(
  w: Float32Array,
  bias: ArrayLike<number>,
  idx: Int32Array,
  grams: number,
  n: number,
  out: Float64Array,
): void {
  for (let k = 0; k < N_CAT; k++) out[k] = 0;
  for (let i = 0; i < grams; i++) {
    const base = (idx[i] as number) * N_CAT;
    for (let k = 0; k < N_CAT; k++) out[k] = (out[k] as number) + (w[base + k] as number);
  }
  const inv = gramScale(grams);
  for (let k = 0; k < N_CAT; k++) out[k] = (out[k] as number) * inv + (bias[k] as number);
  for (let i = grams; i < n; i++) {
    const base = (idx[i] as number) * N_CAT;
    for (let k = 0; k < N_CAT; k++) out[k] = (out[k] as number) + (w[base + k] as number);
  }
  for (let k = 0; k < N_CAT; k++) out[k] = 1 / (1 + Math.exp(-(out[k] as number)));
}

export function predict(m: LoadedModel, input: FeatureInput, out: Float64Array): void {
  extract(buf, input);
  scoreFeatures(m.w, m.bias, buf.idx, buf.grams, buf.n, out);
}

/** n-gram weights are scaled by 1/sqrt(count): a long line is not evidence by its length. */
export function gramScale(grams: number): number {
  return grams > 0 ? 1 / Math.sqrt(grams) : 0;
}
