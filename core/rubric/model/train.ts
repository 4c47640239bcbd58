/**
 * Training the learned layer, pure and deterministic: fixed iteration order (a seeded shuffle),
 * AdaGrad logistic regression per category, regularisation and thresholds chosen on dev only.
 * scripts/train-compliance.ts reads the corpus and writes the file; a unit test re-runs this on
 * the same data and compares the result's hash with the shipped file.
 */
import { CATEGORIES, type Category } from '../categories.js';
import { runRules } from '../rules.js';
import { resolveContext } from './context.js';
import { contextOf, type CorpusItem } from './corpus.js';
import { DIM, FeatureBuffer, HASH_BITS, extract } from './features.js';
import { N_CAT, gramScale, loadModel, scoreFeatures, toBase64, type ModelFile } from './model.js';
import { pickOperatingPoint } from './operating-point.js';
import { splitOf } from './split.js';

interface Example {
  readonly idx: Int32Array;
  readonly grams: number;
  readonly y: Uint8Array;
  readonly rules: Uint8Array;
}

function toExample(item: CorpusItem, buf: FeatureBuffer): Example {
  const ctx = resolveContext(contextOf(item));
  const r = runRules(item.text, ctx);
  extract(buf, {
    text: r.a.text,
    ruleHits: r.fired,
    viewer: r.a.context?.text ?? undefined,
    host: ctx.host,
    banner: ctx.banner,
    negates: r.negates,
    cues: r.cues,
  });
  const y = new Uint8Array(N_CAT);
  for (const l of item.labels) y[CATEGORIES.indexOf(l)] = 1;
  const rules = new Uint8Array(N_CAT);
  for (const k of r.fired) rules[k] = 1;
  return { idx: buf.idx.slice(0, buf.n), grams: buf.grams, y, rules };
}

/** Deterministic 32-bit LCG (same order on every machine). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function fit(train: readonly Example[], l2: number, epochs: number): { w: Float64Array; b: Float64Array } {
  const w = new Float64Array(DIM * N_CAT);
  const g2 = new Float64Array(DIM * N_CAT);
  const b = new Float64Array(N_CAT);
  const gb = new Float64Array(N_CAT);
  const lr = 0.5;
  const rand = lcg(1337);
  const order = train.map((_, i) => i);
  const z = new Float64Array(N_CAT);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const oi of order) {
      const ex = train[oi] as Example;
      const n = ex.idx.length;
      const gi = gramScale(ex.grams);
      z.fill(0);
      for (let i = 0; i < n; i++) {
        const base = (ex.idx[i] as number) * N_CAT;
        const s = i < ex.grams ? gi : 1;
        for (let k = 0; k < N_CAT; k++) z[k] = (z[k] as number) + s * (w[base + k] as number);
      }
      for (let k = 0; k < N_CAT; k++) {
        const p = 1 / (1 + Math.exp(-((z[k] as number) + (b[k] as number))));
        z[k] = p - (ex.y[k] as number); // now the gradient of the loss wrt the logit
        gb[k] = (gb[k] as number) + (z[k] as number) ** 2;
        b[k] = (b[k] as number) - (lr * (z[k] as number)) / Math.sqrt((gb[k] as number) + 1e-8);
      }
      for (let i = 0; i < n; i++) {
        const base = (ex.idx[i] as number) * N_CAT;
        const s = i < ex.grams ? gi : 1;
        for (let k = 0; k < N_CAT; k++) {
          const j = base + k;
          const g = (z[k] as number) * s + l2 * (w[j] as number);
          g2[j] = (g2[j] as number) + g * g;
          w[j] = (w[j] as number) - (lr * g) / Math.sqrt((g2[j] as number) + 1e-8);
        }
      }
    }
  }
  return { w, b };
}

function quantise(w: Float64Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i] as number));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round((w[i] as number) / scale);
  return { q, scale: Number(scale.toPrecision(8)) };
}

const THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
/** Dev's compliant items flagged may not exceed this (issue 13: ≤ 5 % on unseen speech; kept below). */
const MAX_COMPLIANT_FLAGGED = 0.04;
const VETOES = [0, 0.03, 0.08, 0.15];

export interface TrainOptions {
  readonly l2Grid?: readonly number[];
  readonly epochsGrid?: readonly number[];
  readonly log?: (line: string) => void;
}

export interface TrainResult {
  readonly file: ModelFile;
  readonly counts: { readonly train: number; readonly dev: number; readonly test: number };
}

/** Trains on the train split, picks l2, thresholds and vetoes on dev; never reads test. */
export function trainModel(items: readonly CorpusItem[], opts: TrainOptions = {}): TrainResult {
  const sorted = [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const buf = new FeatureBuffer();
  const train: Example[] = [];
  const dev: Example[] = [];
  let test = 0;
  for (const it of sorted) {
    const s = splitOf(it.id);
    if (s === 'test') test++;
    else (s === 'train' ? train : dev).push(toExample(it, buf));
  }
  let best: { file: ModelFile; micro: number } | undefined;
  for (const epochs of opts.epochsGrid ?? [6, 15])
    for (const l2 of opts.l2Grid ?? [1e-6, 1e-5, 1e-4]) {
      const { w, b } = fit(train, l2, epochs);
      const { q, scale } = quantise(w);
      const draft: ModelFile = {
        version: 1,
        hashBits: HASH_BITS,
        categories: [...CATEGORIES],
        scale,
        bias: [...b].map((x) => Number(x.toPrecision(8))),
        threshold: CATEGORIES.map(() => 0.5),
        veto: CATEGORIES.map(() => 0),
        l2,
        epochs,
        dev: {},
        weights: toBase64(new Uint8Array(q.buffer)),
      };
      // Thresholds are picked on the quantised model: what ships is what was measured.
      const m = loadModel(draft);
      const probs = dev.map((ex) => {
        const out = new Float64Array(N_CAT);
        scoreFeatures(m.w, m.scale, m.bias, ex.idx, ex.grams, ex.idx.length, out);
        return out;
      });
      const op = pickOperatingPoint(probs, dev, N_CAT, THRESHOLDS, VETOES, MAX_COMPLIANT_FLAGGED);
      const { threshold, veto } = op;
      const micro = op.micro;
      opts.log?.(
        `epochs ${epochs} l2 ${l2}: dev micro-F1 ${micro.toFixed(4)}, compliant flagged ${(100 * op.compliantRate).toFixed(1)} %`,
      );
      const file: ModelFile = {
        ...draft,
        threshold,
        veto,
        dev: {
          microF1: Number(micro.toFixed(4)),
          compliantFlagged: Number(op.compliantRate.toFixed(4)),
          items: dev.length,
        },
      };
      if (best === undefined || micro > best.micro + 1e-9) best = { file, micro };
    }
  if (best === undefined) throw new Error('no l2 value to try');
  return { file: best.file, counts: { train: train.length, dev: dev.length, test } };
}

export type { Category };
