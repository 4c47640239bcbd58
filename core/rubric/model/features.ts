/**
 * Feature extraction for the learned layer: hashed n-grams in separate namespaces, written into
 * a reused index buffer (no per-n-gram string is built on the hot path).
 *
 *  - char 1–4-grams of the normalised utterance (width, case, traditional forms, noise folded);
 *  - pinyin 1–3-grams of its Chinese characters (homophones such as 薇信/微信 share them);
 *  - English word 1–2-grams;
 *  - which rule categories fired (the auditable layer's verdict as evidence);
 *  - the viewer's turn: char 1–3-grams in their own namespace, and its 2-grams crossed with
 *    whether the reply negates (so "是的" and "不是" under the same question differ);
 *  - the host's previous lines (char 2-grams); the banner is not a feature (see below).
 * The same function runs at training time and at inference, so they can never drift apart.
 */
import { pinyin } from 'pinyin-pro';

export const HASH_BITS = 17;
export const DIM = 1 << HASH_BITS;
const MASK = DIM - 1;

const NS_CHAR = 0x1000193;
const NS_PINYIN = 0x2c9277b5;
const NS_WORD = 0x3b9aca07;
const NS_RULE = 0x4f1bbcdd;
const NS_VIEWER = 0x5bd1e995;
const NS_CROSS_POS = 0x68e31da4;
const NS_CROSS_NEG = 0x7a3f1c2b;
const NS_HOST = 0x1b873593;
const NS_FLAG = 0x2545f491;

const mix = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
const fin = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h ^ (h >>> 16)) & MASK;
};

const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27;

// Pinyin syllable hash per Han character, filled lazily (converting all 21k characters up front
// would cost ~350 ms at load); 0 means not yet known.
const SYLLABLE = new Uint32Array(0x10000);
function syllable(c: number): number {
  let s = SYLLABLE[c] as number;
  if (s === 0) {
    const py = pinyin(String.fromCharCode(c), { toneType: 'none' });
    let h = 0x9747b28c;
    for (let i = 0; i < py.length; i++) h = mix(h, py.charCodeAt(i));
    s = h >>> 0 || 1;
    SYLLABLE[c] = s;
  }
  return s;
}

/** Reused output buffer: indices of the active features (with repeats: counts). */
export class FeatureBuffer {
  idx = new Int32Array(4096);
  n = 0;
  /** The first `grams` entries are n-grams (scaled by 1/sqrt(grams)); the rest are unit flags. */
  grams = 0;
  reset(): void {
    this.n = 0;
    this.grams = 0;
  }
  push(i: number): void {
    if (this.n === this.idx.length) {
      const next = new Int32Array(this.idx.length * 2);
      next.set(this.idx);
      this.idx = next;
    }
    this.idx[this.n++] = i;
  }
}

/** Char n-grams 1..maxN of text under namespace ns. */
function charGrams(out: FeatureBuffer, t: string, ns: number, minN: number, maxN: number): void {
  const len = t.length;
  for (let i = 0; i < len; i++) {
    let h = ns;
    for (let n = 1; n <= maxN && i + n <= len; n++) {
      h = mix(h, t.charCodeAt(i + n - 1));
      if (n >= minN) out.push(fin(h + n));
    }
  }
}

// Scratch for the pinyin sequence of one text.
let syl = new Uint32Array(512);

function pinyinGrams(out: FeatureBuffer, t: string): void {
  if (syl.length < t.length) syl = new Uint32Array(t.length * 2);
  let m = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // A run of non-Han characters is one boundary token, so grams never bridge a clause silently.
    if (isHan(c)) syl[m++] = syllable(c);
    else if (m > 0 && syl[m - 1] !== 7) syl[m++] = 7;
  }
  for (let i = 0; i < m; i++) {
    let h = NS_PINYIN;
    for (let n = 1; n <= 3 && i + n <= m; n++) {
      h = mix(h, syl[i + n - 1] as number);
      out.push(fin(h + n));
    }
  }
}

function wordGrams(out: FeatureBuffer, t: string): void {
  let prev = 0;
  let i = 0;
  const len = t.length;
  while (i < len) {
    if (!isWordChar(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let h = NS_WORD;
    while (i < len && isWordChar(t.charCodeAt(i))) h = mix(h, t.charCodeAt(i++));
    out.push(fin(h));
    if (prev !== 0) out.push(fin(mix(prev, h)));
    prev = h;
  }
}

export function flagIndex(name: number): number {
  return fin(mix(NS_FLAG, name));
}

export function ruleIndex(category: number): number {
  return fin(mix(NS_RULE, category + 1));
}

export interface FeatureInput {
  /** Normalised utterance. */
  readonly text: string;
  /** Category indices the rules fired on. */
  readonly ruleHits: readonly number[];
  readonly viewer: string | undefined;
  readonly host: string | undefined;
  readonly banner: boolean;
  /** Ids of the steering cues present (negation, prohibition, warning frame, risk wording…). */
  readonly cues: readonly number[];
  /** The reply negates or refuses (a rule cue), for the viewer-turn crossing. */
  readonly negates: boolean;
}

export function extract(out: FeatureBuffer, f: FeatureInput): void {
  out.reset();
  charGrams(out, f.text, NS_CHAR, 1, 4);
  pinyinGrams(out, f.text);
  wordGrams(out, f.text);
  if (f.viewer !== undefined) {
    charGrams(out, f.viewer, NS_VIEWER, 1, 3);
    charGrams(out, f.viewer, f.negates ? NS_CROSS_NEG : NS_CROSS_POS, 2, 2);
  }
  if (f.host !== undefined) charGrams(out, f.host, NS_HOST, 2, 2);
  out.grams = out.n;
  // Unit flags, not diluted by the length of the text: a rule hit weighs the same in any line.
  for (const k of f.ruleHits) out.push(ruleIndex(k));
  for (const c of f.cues) out.push(flagIndex(16 + c));
  // No banner feature: the banner decides missing disclosure absolutely (check.ts, decision 1) and
  // says nothing about any other category — as a feature it learned "banner on ⇒ compliant" from
  // the few banner items and vetoed real rule hits in every category.
  if (f.viewer !== undefined) out.push(flagIndex(4));
  if (f.host !== undefined) out.push(flagIndex(5));
}

/** The span of the char n-gram (of the utterance) that adds most to one category's score. */
export function topCharSpan(
  t: string,
  weights: ArrayLike<number>,
  k: number,
  nCat: number,
): { start: number; end: number; weight: number } | undefined {
  let best: { start: number; end: number; weight: number } | undefined;
  for (let i = 0; i < t.length; i++) {
    let h = NS_CHAR;
    for (let n = 1; n <= 4 && i + n <= t.length; n++) {
      h = mix(h, t.charCodeAt(i + n - 1));
      const w = weights[fin(h + n) * nCat + k] as number;
      // Longer grams win ties: a span a trainee can read.
      if (w > 0 && (best === undefined || w > best.weight)) best = { start: i, end: i + n, weight: w };
    }
  }
  return best;
}
