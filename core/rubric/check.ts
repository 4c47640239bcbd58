/**
 * checkUtterance: every detector over one utterance, findings mapped back to the original text.
 * Pure: no I/O, no clock, no randomness; the lexicon automaton is built once at module load.
 */
import { analyse, type Analysis, type Candidate } from './analysis.js';
import { CATEGORIES, CATEGORY_INFO, type Category, type Severity } from './categories.js';
import { detectAbsoluteTerms, detectGuaranteeOfPrincipal, detectPromiseOfReturns } from './detect-claims.js';
import {
  detectDisparaging,
  detectFraudLure,
  detectPrivacy,
  detectStockTip,
  detectUnlicensedAdvice,
} from './detect-conduct.js';
import {
  detectInducement,
  detectMissingRiskDisclosure,
  detectPastPerformance,
  detectUnsuitable,
} from './detect-sales.js';
import { toOriginal } from './normalise.js';

export interface Finding {
  readonly category: Category;
  /** UTF-16 offsets into the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Which rule of the category fired, e.g. "promise_of_returns/sure-profit". */
  readonly rule: string;
  readonly severity: Severity;
  readonly explanation: string;
}

export interface CheckResult {
  /** Sorted unique categories found. */
  readonly labels: Category[];
  readonly findings: Finding[];
}

type Detector = (a: Analysis, text: string, context: string | undefined) => Candidate[];

/** One detector per category, in catalogue order. */
export const DETECTORS: { readonly [K in Category]: Detector } = {
  promise_of_returns: detectPromiseOfReturns,
  guarantee_of_principal: detectGuaranteeOfPrincipal,
  absolute_terms: detectAbsoluteTerms,
  missing_risk_disclosure: detectMissingRiskDisclosure,
  past_performance_without_disclaimer: detectPastPerformance,
  unsuitable_recommendation: detectUnsuitable,
  specific_stock_tip: detectStockTip,
  unlicensed_advice: detectUnlicensedAdvice,
  privacy_overcollection: detectPrivacy,
  inducement_urgency: detectInducement,
  disparaging_competitors: detectDisparaging,
  fraud_lure: detectFraudLure,
};

export function checkUtterance(text: string, context?: string): CheckResult {
  const a = analyse(text, context);
  const raw = new Map<Category, Candidate[]>();
  for (const category of CATEGORIES) {
    const found = DETECTORS[category](a, text, context);
    if (found.length > 0) raw.set(category, found);
  }
  // A stock call is already the violation; "no risk wording" on it would count it twice.
  if (raw.has('specific_stock_tip')) raw.delete('missing_risk_disclosure');
  // "DM me" inside a scam script is part of the lure, not separate private advice.
  // Likewise "私信我你的密码" is over-collection; the contact request is how it is done.
  const unlicensed = raw.get('unlicensed_advice');
  if ((raw.has('fraud_lure') || raw.has('privacy_overcollection')) && unlicensed !== undefined) {
    const rest = unlicensed.filter((c) => c.rule !== 'private-contact');
    if (rest.length > 0) raw.set('unlicensed_advice', rest);
    else raw.delete('unlicensed_advice');
  }
  const zh = /[\u4e00-\u9fff]/.test(text);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [category, candidates] of raw) {
    const info = CATEGORY_INFO[category];
    for (const c of candidates) {
      const span = toOriginal(a.norm, c.start, c.end);
      const key = `${category}:${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        category,
        start: span.start,
        end: span.end,
        rule: `${category}/${c.rule}`,
        severity: info.severity,
        explanation: zh ? info.explanation.zh : info.explanation.en,
      });
    }
  }
  findings.sort((x, y) => x.start - y.start || x.end - y.end || x.category.localeCompare(y.category));
  const labels = [...raw.keys()].sort();
  return { labels, findings };
}
