/**
 * `npm run train:compliance`: trains the learned compliance layer on every corpus file
 * (test/fixtures/compliance/corpus/*.jsonl, train split; dev picks the settings) and writes
 * core/rubric/model/compliance-model.json. Deterministic: the same corpus gives the same bytes.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCorpus } from '../core/rubric/model/corpus.js';
import { trainModel } from '../core/rubric/model/train.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test/fixtures/compliance/corpus');
const items = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => parseCorpus(readFileSync(path.join(dir, f), 'utf8'), f));
const t0 = performance.now();
const { file, counts } = trainModel(items, { log: (l) => console.log(l) });
const out = path.join(root, 'core/rubric/model/compliance-model.json');
writeFileSync(out, `${JSON.stringify(file)}\n`);
console.log(
  `trained on ${counts.train} (dev ${counts.dev}, test ${counts.test} untouched) in ${Math.round(performance.now() - t0)} ms; ` +
    `l2 ${file.l2}, dev micro-F1 ${file.dev['microF1']}; wrote ${path.relative(root, out)}`,
);
