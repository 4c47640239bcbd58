#!/usr/bin/env node
// Validates the labelled compliance corpus (format: test/fixtures/compliance/corpus/*.jsonl, one
// JSON object per line) and prints the figures the corpus targets are stated in. No dependencies so
// the corpus writers and the model engineer can all run it: `node scripts/corpus-stats.mjs [files…]`.
// Exits 1 when any line is invalid, so it can gate a commit or a training run.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';

const CATEGORIES = [
  'promise_of_returns',
  'guarantee_of_principal',
  'absolute_terms',
  'missing_risk_disclosure',
  'past_performance_without_disclaimer',
  'unsuitable_recommendation',
  'specific_stock_tip',
  'unlicensed_advice',
  'privacy_overcollection',
  'inducement_urgency',
  'disparaging_competitors',
  'fraud_lure',
];
const LANGS = ['zh', 'en', 'mixed'];
const VOICES = ['monologue', 'reply', 'asr', 'evasion', 'trap'];
const SPEAKERS = ['viewer', 'host'];
const ID_RE = /^[a-et]-\d{4,5}$/;
const SOURCE_RE = /^(handwritten:corpus-[a-e]|template:[\w.-]+)$/;
const KNOWN_KEYS = new Set(['id', 'text', 'labels', 'context', 'banner', 'lang', 'voice', 'source']);
const DEFAULT_DIR = 'test/fixtures/compliance/corpus';

function checkContext(ctx, errs) {
  if (ctx === undefined) return;
  if (!Array.isArray(ctx) || ctx.length === 0) return errs.push('context must be a non-empty array');
  for (const [i, turn] of ctx.entries()) {
    if (!turn || typeof turn !== 'object') errs.push(`context[${i}] must be an object`);
    else if (!SPEAKERS.includes(turn.speaker)) errs.push(`context[${i}].speaker must be viewer|host`);
    else if (typeof turn.text !== 'string' || turn.text.trim() === '')
      errs.push(`context[${i}].text must be a non-empty string`);
  }
}

function checkLabels(labels, errs) {
  if (!Array.isArray(labels)) return errs.push('labels must be an array');
  for (const l of labels) if (!CATEGORIES.includes(l)) errs.push(`unknown label "${l}"`);
  if (new Set(labels).size !== labels.length) errs.push('labels repeat');
  const sorted = [...labels].sort();
  if (sorted.some((l, i) => l !== labels[i])) errs.push('labels must be sorted');
}

/** Returns the list of problems with one parsed item (empty when valid). */
function validateItem(item) {
  const errs = [];
  if (!item || typeof item !== 'object' || Array.isArray(item)) return ['line is not a JSON object'];
  for (const k of Object.keys(item)) if (!KNOWN_KEYS.has(k)) errs.push(`unknown field "${k}"`);
  if (typeof item.id !== 'string' || !ID_RE.test(item.id)) errs.push('id must look like a-0001 / b-0001 / t-00001');
  if (typeof item.text !== 'string' || item.text.trim() === '') errs.push('text must be a non-empty string');
  checkLabels(item.labels, errs);
  checkContext(item.context, errs);
  if (item.banner !== undefined && typeof item.banner !== 'boolean') errs.push('banner must be boolean');
  if (!LANGS.includes(item.lang)) errs.push(`lang must be one of ${LANGS.join('|')}`);
  if (!VOICES.includes(item.voice)) errs.push(`voice must be one of ${VOICES.join('|')}`);
  if (typeof item.source !== 'string' || !SOURCE_RE.test(item.source))
    errs.push('source must be handwritten:corpus-a|b or template:<name>');
  return errs;
}

function listFiles(args) {
  if (args.length > 0) return args;
  return readdirSync(DEFAULT_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(DEFAULT_DIR, f));
}

function newStats() {
  return { n: 0, compliant: 0, foreign: 0, context: 0, banner: 0, perCat: {}, perVoice: {}, perLang: {} };
}

function addToStats(s, item) {
  s.n += 1;
  if (item.labels.length === 0) s.compliant += 1;
  if (item.lang !== 'zh') s.foreign += 1;
  if (item.context) s.context += 1;
  if (item.banner) s.banner += 1;
  for (const l of item.labels) s.perCat[l] = (s.perCat[l] ?? 0) + 1;
  s.perVoice[item.voice] = (s.perVoice[item.voice] ?? 0) + 1;
  s.perLang[item.lang] = (s.perLang[item.lang] ?? 0) + 1;
}

const pct = (k, n) => (n === 0 ? '0.0' : ((100 * k) / n).toFixed(1));

function printStats(title, s) {
  console.log(`\n== ${title}: ${s.n} items`);
  console.log(`compliant (labels []): ${s.compliant} (${pct(s.compliant, s.n)} %)`);
  console.log(`en or mixed: ${s.foreign} (${pct(s.foreign, s.n)} %)`);
  console.log(`with context: ${s.context} (${pct(s.context, s.n)} %)`);
  console.log(`banner on: ${s.banner}`);
  console.log('positives per category:');
  for (const c of CATEGORIES) console.log(`  ${c.padEnd(38)} ${s.perCat[c] ?? 0}`);
  console.log(
    'per voice: ' + VOICES.map((v) => `${v} ${s.perVoice[v] ?? 0} (${pct(s.perVoice[v] ?? 0, s.n)} %)`).join(', '),
  );
  console.log('per lang: ' + LANGS.map((l) => `${l} ${s.perLang[l] ?? 0}`).join(', '));
}

function main() {
  const files = listFiles(process.argv.slice(2));
  const ids = new Map();
  const texts = new Map();
  const total = newStats();
  let bad = 0;
  for (const file of files) {
    const s = newStats();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      let item;
      try {
        item = JSON.parse(line);
      } catch (e) {
        bad += 1;
        return console.error(`${where}: not valid JSON (${e.message})`);
      }
      const errs = validateItem(item);
      if (typeof item?.id === 'string') {
        if (ids.has(item.id)) errs.push(`id ${item.id} already used at ${ids.get(item.id)}`);
        else ids.set(item.id, where);
      }
      if (errs.length > 0) {
        bad += 1;
        return console.error(`${where}: ${errs.join('; ')}`);
      }
      const key = [item.text.trim(), item.banner === true, JSON.stringify(item.context ?? null)].join('\u0000');
      if (texts.has(key)) console.warn(`${where}: warning: same text, banner and context as ${texts.get(key)}`);
      else texts.set(key, where);
      addToStats(s, item);
      addToStats(total, item);
    });
    printStats(basename(file), s);
  }
  if (files.length > 1) printStats('all files', total);
  if (bad > 0) {
    console.error(`\n${bad} invalid line(s)`);
    process.exit(1);
  }
}

main();
