/**
 * Compliance detection quality: per-category precision / recall / F1 and micro-F1 of
 * checkUtterance on the project's own test split (never used for tuning) and on the public
 * sample corpus; dev and the rule layer alone are printed for comparison. Also the model's size
 * and load time. Run: npm run bench -- compliance   (writes bench/results/compliance.json)
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../core/rubric/categories.js';
import { checkUtterance } from '../core/rubric/check.js';
import { resolveContext } from '../core/rubric/model/context.js';
import { contextOf, parseCorpus, type CorpusItem } from '../core/rubric/model/corpus.js';
import { evaluate, formatEvaluation } from '../core/rubric/model/evaluate.js';
import { loadModel, type ModelFile } from '../core/rubric/model/model.js';
import { splitOf } from '../core/rubric/model/split.js';
import { runRules } from '../core/rubric/rules.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test/fixtures/compliance/corpus');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => parseCorpus(readFileSync(path.join(dir, f), 'utf8'), f));
const sample = parseCorpus(readFileSync(path.join(root, 'test/fixtures/compliance/sample-corpus.jsonl'), 'utf8'));
const test = corpus.filter((i) => splitOf(i.id) === 'test');
const dev = corpus.filter((i) => splitOf(i.id) === 'dev');

const full = (i: CorpusItem): readonly string[] => checkUtterance(i.text, contextOf(i)).labels;
const rulesOnly = (i: CorpusItem): readonly string[] =>
  runRules(i.text, resolveContext(contextOf(i))).fired.map((k) => CATEGORIES[k] as string);

const eTest = evaluate(test, full);
const eSample = evaluate(sample, full);
const eDev = evaluate(dev, full);
const eTestRules = evaluate(test, rulesOnly);
console.log(formatEvaluation('test split, rules + model', eTest));
console.log(formatEvaluation('sample corpus, rules + model', eSample));
console.log(formatEvaluation('dev split, rules + model', eDev));
console.log(formatEvaluation('test split, rules alone', eTestRules));
if (process.argv.includes('--misses'))
  for (const m of eTest.misses)
    console.log(`  ${m.id} ${JSON.stringify(m.expected)} got ${JSON.stringify(m.got)}  ${m.text}`);

const modelPath = path.join(root, 'core/rubric/model/compliance-model.json');
const t0 = performance.now();
loadModel(JSON.parse(readFileSync(modelPath, 'utf8')) as ModelFile);
const loadMs = performance.now() - t0;
const round = (x: number): number => Math.round(x * 1000) / 1000;
const per = (
  e: typeof eTest,
): Record<string, { p: number; r: number; f1: number; tp: number; fp: number; fn: number }> =>
  Object.fromEntries(
    Object.entries(e.perCategory).map(([c, m]) => [
      c,
      { p: round(m.p), r: round(m.r), f1: round(m.f1), tp: m.tp, fp: m.fp, fn: m.fn },
    ]),
  );
const result = {
  items: { corpus: corpus.length, test: test.length, dev: dev.length, sample: sample.length },
  microF1Test: round(eTest.micro.f1),
  microPTest: round(eTest.micro.p),
  microRTest: round(eTest.micro.r),
  compliantFlaggedRateTest: round(eTest.compliantFlaggedRate),
  perCategory: per(eTest),
  sample: {
    microF1: round(eSample.micro.f1),
    exact: eSample.exact,
    compliantFlaggedRate: round(eSample.compliantFlaggedRate),
    perCategory: per(eSample),
  },
  microF1Dev: round(eDev.micro.f1),
  microF1TestRulesOnly: round(eTestRules.micro.f1),
  modelBytes: statSync(modelPath).size,
  modelLoadMs: Math.round(loadMs),
};
console.log(`  model ${(result.modelBytes / 1e6).toFixed(2)} MB, parse + load ${result.modelLoadMs} ms`);
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/compliance.json'), `${JSON.stringify(result, null, 2)}\n`);
