/**
 * The rule layer: every auditable detector over one utterance, candidates per category in
 * normalised offsets. check.ts combines these with the learned layer; the trainer reads them as
 * features. Pure: no I/O, no clock, no randomness.
 */
import { analyse, anyHit, type Analysis, type Candidate } from './analysis.js';
import { CATEGORIES, type Category } from './categories.js';
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
import type { Cue } from './matcher.js';
import type { ResolvedContext } from './model/context.js';
import { assessSuitability, suitabilityFlags } from './suitability.js';
import { findClaimFrames } from './claim-frames.js';
import { affirmsLure, findFraudFrames } from './fraud-frames.js';

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

const DETECTOR_LIST: readonly Detector[] = CATEGORIES.map((c) => DETECTORS[c]);
const TIP = CATEGORIES.indexOf('specific_stock_tip');
const MISSING_RISK = CATEGORIES.indexOf('missing_risk_disclosure');
const UNSUITABLE = CATEGORIES.indexOf('unsuitable_recommendation');
const PROMISE = CATEGORIES.indexOf('promise_of_returns');
const GUARANTEE = CATEGORIES.indexOf('guarantee_of_principal');
/** Cue ids at and above this are claim-frame flags (claim-frames.ts). */
export const CLAIM_FLAG_BASE = 96;
/** Cue ids at and above this are fraud-frame flags (fraud-frames.ts). */
export const FRAUD_FLAG_BASE = 128;
const FRAUD = CATEGORIES.indexOf('fraud_lure');
const UNLICENSED = CATEGORIES.indexOf('unlicensed_advice');
/** Cue ids at and above this are suitability flags (suitability.ts), not STEERING_CUES. */
export const SUITABILITY_FLAG_BASE = 64;

export interface RuleResult {
  readonly a: Analysis;
  /** Candidates per category, indexed like CATEGORIES; undefined when none. */
  readonly raw: (readonly Candidate[] | undefined)[];
  /** Indices of the categories with a candidate. */
  readonly fired: number[];
  /** The reply negates, refuses or declines somewhere (for the context features). */
  readonly negates: boolean;
  /** Indices into STEERING_CUES of the cues present: evidence for the learned layer. */
  readonly cues: number[];
}

/** Cue words the learned layer sees as unit features (how a line is framed, not what it says). */
export const STEERING_CUES: readonly Cue[] = [
  'neg',
  'neg1',
  'negpost',
  'frameIntro',
  'frameTrail',
  'warn',
  'contrast',
  'risk',
  'disclaimer',
  'prohibit',
  'refuse',
  'decline',
  'hypo',
  'official',
  'fakeEntity',
  'lowProfile',
  'highRisk',
];

export function runRules(text: string, ctx: ResolvedContext): RuleResult {
  const a = analyse(text, ctx.viewer);
  const raw: (readonly Candidate[] | undefined)[] = new Array<undefined>(DETECTOR_LIST.length);
  for (let i = 0; i < DETECTOR_LIST.length; i++) {
    const found = (DETECTOR_LIST[i] as Detector)(a, text, ctx.viewer);
    raw[i] = found.length > 0 ? found : undefined;
  }
  // Suitability is reasoned over the viewer's profile, the product's level and the host's move,
  // with the host's previous lines too (a profile the host repeated): its verdict joins the rules.
  const suit = assessSuitability(a, ctx.host);
  if (suit.candidates.length > 0) raw[UNSUITABLE] = [...(raw[UNSUITABLE] ?? []), ...suit.candidates];
  // Returns and capital claimed by structure (figure × period × assurance, question × answer).
  const frames = findClaimFrames(a);
  if (frames.returns.length > 0) raw[PROMISE] = [...(raw[PROMISE] ?? []), ...frames.returns];
  if (frames.principal.length > 0) raw[GUARANTEE] = [...(raw[GUARANTEE] ?? []), ...frames.principal];
  // Scam scripts by what they do; a private group is also advice outside firm channels (decision 3).
  const fraud = findFraudFrames(a);
  const yes = affirmsLure(a);
  const lures = yes === undefined ? fraud.candidates : [...fraud.candidates, yes];
  if (lures.length > 0) raw[FRAUD] = [...(raw[FRAUD] ?? []), ...lures];
  const groups = fraud.candidates.filter((c) => c.rule === 'private-group');
  if (groups.length > 0) raw[UNLICENSED] = [...(raw[UNLICENSED] ?? []), ...groups];
  // CATALOGUE decision 2: a stock call is not also labelled missing disclosure. The banner on
  // the wall is the disclosure (decision 1). No other category suppresses another (decision 3).
  if (raw[TIP] !== undefined || ctx.banner) raw[MISSING_RISK] = undefined;
  const fired: number[] = [];
  for (let i = 0; i < raw.length; i++) if (raw[i] !== undefined) fired.push(i);
  const negates =
    anyHit(a, 'neg') || anyHit(a, 'neg1') || anyHit(a, 'refuse') || anyHit(a, 'decline') || anyHit(a, 'prohibit');
  const cues: number[] = [];
  for (let i = 0; i < STEERING_CUES.length; i++) if (anyHit(a, STEERING_CUES[i] as Cue)) cues.push(i);
  for (const f of suitabilityFlags(suit)) cues.push(SUITABILITY_FLAG_BASE + f);
  for (const f of new Set(frames.flags)) cues.push(CLAIM_FLAG_BASE + f);
  for (const f of new Set(fraud.flags)) cues.push(FRAUD_FLAG_BASE + f);
  return { a, raw, fired, negates, cues };
}
