/**
 * Precision / recall / F1 per category and micro, plus the share of compliant items flagged,
 * for any labeller over corpus items. Shared by the compliance bench and the unit tests.
 */
import { CATEGORIES, type Category } from '../categories.js';
import type { CorpusItem } from './corpus.js';

export interface Prf {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Evaluation {
  readonly items: number;
  readonly micro: Prf;
  readonly perCategory: Record<Category, Prf>;
  /** Compliant items (labels []) given any label, as a share of compliant items. */
  readonly compliantFlaggedRate: number;
  readonly exact: number;
  readonly misses: { id: string; text: string; expected: readonly string[]; got: readonly string[] }[];
}

function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), tp, fp, fn };
}

export function evaluate(items: readonly CorpusItem[], label: (item: CorpusItem) => readonly string[]): Evaluation {
  const k = new Map<string, { tp: number; fp: number; fn: number }>(
    CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]),
  );
  let compliant = 0;
  let flagged = 0;
  let exact = 0;
  const misses: Evaluation['misses'] = [];
  for (const it of items) {
    const got = label(it);
    const want = new Set<string>(it.labels);
    const have = new Set(got);
    if (want.size === 0) {
      compliant++;
      if (have.size > 0) flagged++;
    }
    let same = want.size === have.size;
    for (const c of CATEGORIES) {
      const e = want.has(c);
      const g = have.has(c);
      const m = k.get(c) as { tp: number; fp: number; fn: number };
      if (g && e) m.tp++;
      else if (g) m.fp++;
      else if (e) m.fn++;
      if (g !== e) same = false;
    }
    if (same) exact++;
    else misses.push({ id: it.id, text: it.text, expected: [...it.labels].sort(), got: [...have].sort() });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perCategory = {} as Record<Category, Prf>;
  for (const c of CATEGORIES) {
    const m = k.get(c) as { tp: number; fp: number; fn: number };
    tp += m.tp;
    fp += m.fp;
    fn += m.fn;
    perCategory[c] = prf(m.tp, m.fp, m.fn);
  }
  return {
    items: items.length,
    micro: prf(tp, fp, fn),
    perCategory,
    compliantFlaggedRate: compliant === 0 ? 0 : flagged / compliant,
    exact,
    misses,
  };
}

/** A fixed-width table for the console. */
export function formatEvaluation(title: string, e: Evaluation): string {
  const f = (x: number): string => x.toFixed(3);
  const rows = CATEGORIES.map((c) => {
    const m = e.perCategory[c];
    return `  ${c.padEnd(38)} P ${f(m.p)}  R ${f(m.r)}  F1 ${f(m.f1)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
  });
  return [
    `${title} (${e.items} items, ${e.exact} exact)`,
    ...rows,
    `  ${'micro'.padEnd(38)} P ${f(e.micro.p)}  R ${f(e.micro.r)}  F1 ${f(e.micro.f1)}`,
    `  compliant flagged ${(100 * e.compliantFlaggedRate).toFixed(1)} %`,
  ].join('\n');
}
