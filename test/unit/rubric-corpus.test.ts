/**
 * The public sample corpus, copied into test/fixtures/compliance/sample-corpus.jsonl (tests never read outside the repo): exact label sets per item,
 * and micro precision / recall / F1 printed for the record (per category too).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../core/rubric/categories.js';
import { checkUtterance } from '../../core/rubric/check.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../fixtures/compliance/sample-corpus.jsonl');

interface Item {
  readonly id: string;
  readonly text: string;
  readonly context?: string;
  readonly labels: readonly string[];
}

const items: Item[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Item);

const DECISION_3 = new Set(['s20', 's28']);
const KNOWN_MISSES = new Set(['s03']);

const counts = new Map<string, { tp: number; fp: number; fn: number }>(
  CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]),
);

function f1(tp: number, fp: number, fn: number): { p: number; r: number; f: number } {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

describe('sample corpus', () => {
  it('has items', () => {
    expect(items.length).toBeGreaterThanOrEqual(30);
  });

  for (const item of items) {
    // Labelled before CATALOGUE decision 3 (a scam line that also asks for private contact or a
    // group carries unlicensed_advice too): the extra label is what the decision asks for.
    const decision3 = DECISION_3.has(item.id);
    // Known miss: s03 ("放心，这个理财产品本金不会亏，亏了公司兜底。") is labelled guarantee +
    // missing disclosure; the model vetoes the missing-disclosure rule hit because the owned
    // corpus mostly labels a reassured guarantee as the guarantee alone (4 of 9 such train/dev
    // lines carry both). s10, s20, s22 and s29 pass since the claim frames, the suitability
    // reasoning and its missing-disclosure anchor (issue 13, steps 1–3); which of s03/s29 the
    // model gets right has flipped between retrains. it.fails keeps the miss visible.
    const run = KNOWN_MISSES.has(item.id) ? it.fails : it;
    run(`${item.id}: ${item.text}`, () => {
      const got = checkUtterance(item.text, item.context).labels;
      for (const c of CATEGORIES) {
        const g = got.includes(c);
        const e = item.labels.includes(c);
        const k = counts.get(c);
        if (k === undefined) continue;
        if (g && e) k.tp++;
        else if (g) k.fp++;
        else if (e) k.fn++;
      }
      // Decision 3 allows the extra unlicensed_advice on these; nothing else may differ.
      const seen = decision3 ? got.filter((c) => c !== 'unlicensed_advice') : got;
      expect(seen).toEqual([...item.labels].sort());
    });
  }

  afterAll(() => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const rows: string[] = [];
    for (const [c, k] of counts) {
      tp += k.tp;
      fp += k.fp;
      fn += k.fn;
      if (k.tp + k.fp + k.fn === 0) continue;
      const m = f1(k.tp, k.fp, k.fn);
      rows.push(
        `  ${c.padEnd(38)} P ${m.p.toFixed(3)}  R ${m.r.toFixed(3)}  F1 ${m.f.toFixed(3)}  (tp ${k.tp}, fp ${k.fp}, fn ${k.fn})`,
      );
    }
    const m = f1(tp, fp, fn);
    console.log(
      `sample corpus (${items.length} items)\n${rows.join('\n')}\n  ${'micro'.padEnd(38)} P ${m.p.toFixed(3)}  R ${m.r.toFixed(3)}  F1 ${m.f.toFixed(3)}`,
    );
  });
});
