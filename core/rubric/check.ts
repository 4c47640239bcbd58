/**
 * checkUtterance: the rule layer and the learned layer over one utterance, ONE finding per
 * category, mapped back to the original text. Rules are the auditable anchors; the model (a
 * linear classifier over hashed n-grams, pinyin, rule hits and context) catches paraphrase and
 * may veto a rule hit only when it is very sure (per-category settings picked on dev).
 * Pure: no I/O, no clock, no randomness; the lexicon and the model are loaded once.
 */
import type { Candidate } from './analysis.js';
import { dropRetracted } from './correction.js';
import { CATEGORIES, CATEGORY_INFO, type Bilingual, type Category, type Severity } from './categories.js';
import { resolveContext, type CheckContext } from './model/context.js';
import { topCharSpan } from './model/features.js';
import MODEL_FILE from './model/compliance-model.json';
import { N_CAT, loadModel, predict, type ModelFile } from './model/model.js';
import { runRules } from './rules.js';

export { DETECTORS } from './rules.js';
export type { CheckContext, Turn } from './model/context.js';

export type Origin = 'rule' | 'model' | 'both';

export interface Finding {
  readonly category: Category;
  /** UTF-16 offsets into the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The first rule that fired, e.g. "promise_of_returns/sure-profit", or "<category>/model". */
  readonly rule: string;
  /** Every rule of the category that fired on the utterance (empty for a model-only finding). */
  readonly rules: readonly string[];
  readonly origin: Origin;
  /** The model's probability for the category (0–1); a rule kept under a veto still shows it. */
  readonly confidence: number;
  readonly severity: Severity;
  /** One line in the utterance's language. */
  readonly explanation: string;
  readonly explanations: Bilingual;
}

export interface CheckResult {
  /** Sorted unique categories found. */
  readonly labels: Category[];
  readonly findings: Finding[];
}

const MODEL = loadModel(MODEL_FILE as ModelFile);
const THRESHOLD = MODEL.file.threshold;
const VETO = MODEL.file.veto;

/** Labels come out in plain string order. */
const LABEL_ORDER: readonly number[] = CATEGORIES.map((_, i) => i).sort((x, y) =>
  (CATEGORIES[x] as string) < (CATEGORIES[y] as string) ? -1 : 1,
);
/** Findings on the same span are ordered by category name in locale order (ranked once here). */
const TIE_RANK: Readonly<Record<string, number>> = Object.fromEntries(
  [...CATEGORIES].sort((x, y) => x.localeCompare(y)).map((c, i) => [c, i]),
);
const byPosition = (x: Finding, y: Finding): number =>
  x.start - y.start || x.end - y.end || (TIE_RANK[x.category] as number) - (TIE_RANK[y.category] as number);

const probs = new Float64Array(N_CAT);
const MISSING_DISCLOSURE = CATEGORIES.indexOf('missing_risk_disclosure');
const MIN_MODEL_CHARS = 8;

/** The earliest candidate, grown over every candidate overlapping it: one span per category. */
function mergedSpan(cands: readonly Candidate[]): { start: number; end: number } {
  let first = cands[0] as Candidate;
  for (const c of cands) if (c.start < first.start || (c.start === first.start && c.end > first.end)) first = c;
  let start = first.start;
  let end = first.end;
  for (let grew = true; grew;) {
    grew = false;
    for (const c of cands)
      if (c.start < end && start < c.end && (c.start < start || c.end > end)) {
        start = Math.min(start, c.start);
        end = Math.max(end, c.end);
        grew = true;
      }
  }
  return { start, end };
}

const UNSUITABLE = CATEGORIES.indexOf('unsuitable_recommendation');

/**
 * Rule hits the model may not veto: a call to buy with no risk wording in a line that pushes a
 * product above the viewer's tolerance (suitability.ts) is a pitch by construction — the
 * product is named and urged, so decision 1 applies whatever the n-grams lean to.
 */
function anchored(k: number, raw: readonly (readonly Candidate[] | undefined)[]): boolean {
  return k === MISSING_DISCLOSURE && raw[UNSUITABLE]?.some((c) => c.rule === 'above-risk-tolerance') === true;
}

function explain(category: Category, origin: Origin, quote: string): Bilingual {
  const info = CATEGORY_INFO[category];
  if (origin !== 'model') return info.explanation;
  return {
    zh: `模型判断“${quote}”属于${info.name.zh}：${info.explanation.zh}`,
    en: `The model reads "${quote}" as ${info.name.en.toLowerCase()}: ${info.explanation.en}`,
  };
}

export function checkUtterance(text: string, context?: string | CheckContext): CheckResult {
  const ctx = resolveContext(context);
  const r = runRules(text, ctx);
  const a = r.a;
  // Nothing left after normalisation (empty, only noise): nothing to say, nothing to flag.
  if (a.text.trim() === '') return { labels: [], findings: [] };
  predict(
    MODEL,
    {
      text: a.text,
      ruleHits: r.fired,
      viewer: a.context?.text ?? undefined,
      host: ctx.host,
      banner: ctx.banner,
      negates: r.negates,
      cues: r.cues,
    },
    probs,
  );
  // A bare short line ("是的", "OK") says nothing by itself: the model alone may flag it only
  // when it answers a turn, which is where its meaning comes from (CATALOGUE decision 8).
  const modelMayFlag = a.text.length >= MIN_MODEL_CHARS || ctx.viewer !== undefined || ctx.host !== undefined;
  const zh = /[\u4e00-\u9fff]/.test(text);
  const findings: Finding[] = [];
  const starts = a.norm.starts;
  const ends = a.norm.ends;
  const fired: boolean[] = [];
  for (let k = 0; k < N_CAT; k++) {
    const p = probs[k] as number;
    const cands = r.raw[k];
    // The catalogue's anchor (decision 1): with the risk banner on the wall a pitch is disclosed,
    // whatever the model leans to — neither layer may flag missing disclosure then.
    const disclosed = k === MISSING_DISCLOSURE && ctx.banner;
    const byModel = !disclosed && modelMayFlag && p >= (THRESHOLD[k] as number);
    const byRule = !disclosed && cands !== undefined && (p >= (VETO[k] as number) || anchored(k, r.raw));
    fired.push(byModel || byRule);
    if (!byModel && !byRule) continue;
    const category = CATEGORIES[k] as Category;
    let span: { start: number; end: number };
    if (byRule) span = mergedSpan(cands);
    else {
      const top = topCharSpan(a.text, MODEL.w, k, N_CAT);
      span = top ?? { start: 0, end: a.text.length };
    }
    // Normalised offsets back to the original text (as toOriginal does, without an object).
    let start: number;
    let end: number;
    if (span.end <= span.start) {
      start = span.start < starts.length ? (starts[span.start] ?? 0) : (ends[ends.length - 1] ?? 0);
      end = start;
    } else {
      start = starts[span.start] ?? 0;
      end = ends[span.end - 1] ?? 0;
    }
    const origin: Origin = byRule ? (byModel ? 'both' : 'rule') : 'model';
    const rules = byRule ? [...new Set(cands.map((c) => `${category}/${c.rule}`))] : [];
    const explanations = explain(category, origin, text.slice(start, end));
    findings.push({
      category,
      start,
      end,
      rule: rules[0] ?? `${category}/model`,
      rules,
      origin,
      confidence: Math.round(p * 1000) / 1000,
      severity: CATEGORY_INFO[category].severity,
      explanation: zh ? explanations.zh : explanations.en,
      explanations,
    });
  }
  if (findings.length > 1) findings.sort(byPosition);
  const labels: Category[] = [];
  for (const k of LABEL_ORDER) if (fired[k] === true) labels.push(CATEGORIES[k] as Category);
  // ── judgement hook (issue 12, RUBRICS CR1): a correction frame quoting the retracted claim is
  // not a new finding. Keep this call when check.ts is rewritten; correction.ts is pure.
  const kept = dropRetracted(text, findings);
  if (kept !== findings) return { labels: labels.filter((c) => kept.some((f) => f.category === c)), findings: kept };
  // ── end of judgement hook
  return { labels, findings };
}
