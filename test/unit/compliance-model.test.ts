/**
 * The learned compliance layer: the corpus split, the shipped model reproduced by a fresh
 * training run, quality floors on the test split (never used for tuning), one finding per
 * category, and context changing a one-word reply's verdict. Figures are printed for the record.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkUtterance } from '../../core/rubric/check.js';
import { contextOf, parseCorpus } from '../../core/rubric/model/corpus.js';
import { evaluate, formatEvaluation } from '../../core/rubric/model/evaluate.js';
import { splitOf } from '../../core/rubric/model/split.js';
import { trainModel } from '../../core/rubric/model/train.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test/fixtures/compliance/corpus');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => parseCorpus(readFileSync(path.join(dir, f), 'utf8'), f));
const MODEL = path.join(root, 'core/rubric/model/compliance-model.json');

describe('corpus split', () => {
  it('is about 70 / 15 / 15 and depends only on the id', () => {
    const n = { train: 0, dev: 0, test: 0 };
    for (const it of corpus) n[splitOf(it.id)]++;
    expect(n.train / corpus.length).toBeGreaterThan(0.62);
    expect(n.dev / corpus.length).toBeGreaterThan(0.1);
    expect(n.test / corpus.length).toBeGreaterThan(0.1);
    expect(splitOf('a-0001')).toBe(splitOf('a-0001'));
  });
});

describe('learned layer on the test split', () => {
  const test = corpus.filter((i) => splitOf(i.id) === 'test');
  const e = evaluate(test, (i) => checkUtterance(i.text, contextOf(i)).labels);
  it('holds the measured floor (micro-F1 0.794, 4.3 % compliant flagged on 3,792 items, minus a margin)', () => {
    console.log(formatEvaluation('test split', e));
    expect(e.micro.f1).toBeGreaterThan(0.75);
    expect(e.compliantFlaggedRate).toBeLessThan(0.08);
  });
  it('gives one finding per category per utterance, with its origin and a bilingual explanation', () => {
    for (const it of test.slice(0, 120)) {
      const r = checkUtterance(it.text, contextOf(it));
      expect(new Set(r.findings.map((f) => f.category)).size).toBe(r.findings.length);
      for (const f of r.findings) {
        expect(['rule', 'model', 'both']).toContain(f.origin);
        expect(f.explanations.zh.length).toBeGreaterThan(0);
        expect(f.explanations.en.length).toBeGreaterThan(0);
        expect(f.confidence).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('context', () => {
  it("changes a one-word reply's verdict: a yes to a guarantee question is the guarantee", () => {
    expect(checkUtterance('是的').labels).toEqual([]);
    const asked = checkUtterance('是的', { turns: [{ speaker: 'viewer', text: '这个产品是保本的吧？' }] });
    expect(asked.labels).toContain('guarantee_of_principal');
  });
  it('the banner on the wall is the disclosure for a pitch', () => {
    const pitch = '点击下方链接就能申购这只科技主题基金';
    expect(checkUtterance(pitch).labels).toContain('missing_risk_disclosure');
    expect(checkUtterance(pitch, { banner: true }).labels).not.toContain('missing_risk_disclosure');
  });
});

describe('training', () => {
  it('reproduces the shipped model byte for byte (npm run train:compliance)', { timeout: 180_000 }, () => {
    const fresh = `${JSON.stringify(trainModel(corpus).file)}\n`;
    const hash = (s: string): string => createHash('sha256').update(s).digest('hex');
    expect(hash(fresh)).toBe(hash(readFileSync(MODEL, 'utf8')));
  });
});
