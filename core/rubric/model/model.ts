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
  /** Quantised weights, feature-major; the real weight is w × scale. */
  readonly w: Int8Array;
  readonly scale: number;
  readonly bias: Float64Array;
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
  // Kept as int8 (1.5 MB, not 6 MB of floats): the random row reads stay in cache, which is
  // most of the cost of scoring; sums are exact integers, scaled once per category.
  const w = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return { file, w, scale: file.scale, bias: Float64Array.from(file.bias) };
}

const buf = new FeatureBuffer();

/** Integer sums of the 12 weights of features idx[from..to) into acc (unrolled: the hot loop). */
function sumRows(w: Int8Array, idx: Int32Array, from: number, to: number, acc: Float64Array): void {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0,
    s6 = 0,
    s7 = 0,
    s8 = 0,
    s9 = 0,
    s10 = 0,
    s11 = 0;
  for (let i = from; i < to; i++) {
    const b = (idx[i] as number) * 12;
    s0 += w[b] as number;
    s1 += w[b + 1] as number;
    s2 += w[b + 2] as number;
    s3 += w[b + 3] as number;
    s4 += w[b + 4] as number;
    s5 += w[b + 5] as number;
    s6 += w[b + 6] as number;
    s7 += w[b + 7] as number;
    s8 += w[b + 8] as number;
    s9 += w[b + 9] as number;
    s10 += w[b + 10] as number;
    s11 += w[b + 11] as number;
  }
  acc[0] = s0;
  acc[1] = s1;
  acc[2] = s2;
  acc[3] = s3;
  acc[4] = s4;
  acc[5] = s5;
  acc[6] = s6;
  acc[7] = s7;
  acc[8] = s8;
  acc[9] = s9;
  acc[10] = s10;
  acc[11] = s11;
}

const gramSum = new Float64Array(12);
const flagSum = new Float64Array(12);
if (N_CAT !== 12) throw new Error('scoreFeatures is unrolled for 12 categories');

/** Logistic scores for every category into `out` (probabilities). */
export function scoreFeatures(
  w: Int8Array,
  scale: number,
  bias: ArrayLike<number>,
  idx: Int32Array,
  grams: number,
  n: number,
  out: Float64Array,
): void {
  sumRows(w, idx, 0, grams, gramSum);
  sumRows(w, idx, grams, n, flagSum);
  const inv = gramScale(grams);
  for (let k = 0; k < N_CAT; k++) {
    const z = ((gramSum[k] as number) * inv + (flagSum[k] as number)) * scale + (bias[k] as number);
    out[k] = 1 / (1 + Math.exp(-z));
  }
}

export function predict(m: LoadedModel, input: FeatureInput, out: Float64Array): void {
  extract(buf, input);
  scoreFeatures(m.w, m.scale, m.bias, buf.idx, buf.grams, buf.n, out);
}

/** n-gram weights are scaled by 1/sqrt(count): a long line is not evidence by its length. */
export function gramScale(grams: number): number {
  return grams > 0 ? 1 / Math.sqrt(grams) : 0;
}
