/**
 * Rubric files (scenes/rubrics/*.yaml, docs/RUBRICS.md): which criteria a session is scored on,
 * their weights and thresholds, which findings are critical, the pass mark and the 1–5 bands.
 * Parsing is pure (text in, value or readable errors out), like core/scenario.ts.
 */
import { z } from 'zod';
import { Bilingual } from '../scenario.js';
import { parseYamlWith, validateWith } from '../yaml-source.js';
import { CATEGORIES, SEVERITIES } from './categories.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a lower-case id (a-z, 0-9, - or _)');
const sec = z.number().min(0).max(7200);
const share = z.number().min(0).max(1);
const weight = z.number().min(0).max(100);

/** Every criterion has a weight; a weight of 0 keeps it in the report but out of the total. */
const base = { weight, label: Bilingual.optional() };

export const CRITERION_KINDS = [
  'compliance',
  'response_latency',
  'question_coverage',
  'script_coverage',
  'segment_timing',
  'risk_disclosure',
  'crisis_handling',
  'lure_handling',
  'suitability',
  'delivery',
  'engagement',
] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

const Penalties = z.strictObject({
  critical: z.number().min(0).max(100),
  major: z.number().min(0).max(100),
  minor: z.number().min(0).max(100),
});

export const Criterion = z.discriminatedUnion('kind', [
  /** Utterance findings in host lines and trainee chat: points off per finding by severity. */
  z.strictObject({
    kind: z.literal('compliance'),
    ...base,
    penalties: Penalties,
    /** Categories this rubric does not score (e.g. absolute_terms in a crisis drill). */
    ignore: z.array(z.enum(CATEGORIES)).default([]),
    /** Share of a finding's penalty a correction earns back when made within correctionWithinSec (CR2). */
    correctionCredit: share.default(0.5),
    /** A correction later than this earns half the credit. */
    correctionWithinSec: sec.default(60),
  }),
  /** Question → reply time: full marks up to limitSec, zero at zeroSec, linear between. */
  z.strictObject({ kind: z.literal('response_latency'), ...base, limitSec: sec, zeroSec: sec }),
  /** Share of viewer questions answered; questions asked in the last graceSec are not counted. */
  z.strictObject({ kind: z.literal('question_coverage'), ...base, target: share, graceSec: sec.default(60) }),
  /** Share of the script's lines (counter-examples excluded) delivered, against a target. */
  z.strictObject({ kind: z.literal('script_coverage'), ...base, target: share }),
  /** Each segment's actual length vs its budget: full within ±tolerance, zero at ±zeroAt. */
  z.strictObject({ kind: z.literal('segment_timing'), ...base, tolerance: share, zeroAt: z.number().min(0).max(10) }),
  /** Risk wording before the first call-to-action segment, and the banner on screen during it. */
  z.strictObject({
    kind: z.literal('risk_disclosure'),
    ...base,
    /** Share of call-to-action time the banner must be on for full marks on that half. */
    onScreenShare: share,
  }),
  /** 4.5.2: pause within pauseLimitSec, correct the figure and apologise within correctionLimitSec, resume. */
  z.strictObject({
    kind: z.literal('crisis_handling'),
    ...base,
    pauseLimitSec: sec,
    correctionLimitSec: sec,
    /** Credit for a pause only announced in words (no stream.paused): a share of the pause step. */
    spokenPauseCredit: share.default(0.5),
  }),
  /** A host warning pointing to official channels within limitSec of a lure (or coverSec before it). */
  z.strictObject({ kind: z.literal('lure_handling'), ...base, limitSec: sec, coverSec: sec }),
  /** Mock-trade invitations against the audience's risk classes (only when trade events exist). */
  z.strictObject({ kind: z.literal('suitability'), ...base, windowSec: sec }),
  /** Pace (characters per minute of live time) within a band and few filler words. */
  z.strictObject({
    kind: z.literal('delivery'),
    ...base,
    paceMin: z.number().min(0).max(2000),
    paceMax: z.number().min(0).max(2000),
    /** Filler words allowed per 1,000 characters before points come off. */
    fillerPer1000: z.number().min(0).max(1000),
    /**
     * Measured voice (voice.sample events; core/voice): syllables per minute of speech time in
     * this band, silence of this many seconds is dead air, pitch SD under this many semitones is
     * monotone, speech under this loudness is too quiet.
     */
    voicePaceMin: z.number().min(0).max(2000).default(150),
    voicePaceMax: z.number().min(0).max(2000).default(330),
    deadAirSec: z.number().min(1).max(600).default(5),
    monotoneSemitones: z.number().min(0).max(24).default(1),
    quietDbfs: z.number().min(-120).max(0).default(-40),
  }),
  /** Retention of the bot audience, mean sentiment, and viewers who took a scam's bait. */
  z.strictObject({
    kind: z.literal('engagement'),
    ...base,
    retentionTarget: share,
    /** Mean sentiment (−1…1) that earns full marks on that part. */
    sentimentTarget: z.number().min(-1).max(1),
  }),
]);
export type Criterion = z.infer<typeof Criterion>;
export type CriterionOf<K extends CriterionKind> = Extract<Criterion, { kind: K }>;

export const Band = z.strictObject({
  /** Lowest total (0–100) in the band. */
  min: z.number().min(0).max(100),
  /** The programme's 1–5 scale (6.1). */
  grade: z.number().int().min(1).max(5),
  label: Bilingual,
});
export type Band = z.infer<typeof Band>;

export const Rubric = z
  .strictObject({
    id,
    title: Bilingual,
    /** Where in the programme the rubric comes from (e.g. "6.2 / 4.5.2"). */
    programmeRef: z.string().min(1),
    /** 6.2: 满分100分, 目标≥80分. */
    passMark: z.number().min(0).max(100),
    /** Categories whose findings are critical here; default: the catalogue's critical ones. */
    critical: z.array(z.enum(CATEGORIES)).optional(),
    /** A critical finding caps the total at this (default passMark − 1: it can never pass). */
    criticalCap: z.number().min(0).max(100).optional(),
    /** Override the catalogue's severity of some categories for this rubric. */
    severity: z.partialRecord(z.enum(CATEGORIES), z.enum(SEVERITIES)).optional(),
    criteria: z.array(Criterion).min(1),
    bands: z.array(Band).min(1),
  })
  .superRefine((r, ctx) => {
    const kinds = new Set<string>();
    r.criteria.forEach((c, i) => {
      if (kinds.has(c.kind))
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'kind'], message: `criterion "${c.kind}" appears twice` });
      kinds.add(c.kind);
      if (c.kind === 'response_latency' && c.zeroSec <= c.limitSec)
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'zeroSec'],
          message: `expected zeroSec greater than limitSec (${c.limitSec})`,
        });
      if (c.kind === 'segment_timing' && c.zeroAt <= c.tolerance)
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'zeroAt'],
          message: `expected zeroAt greater than tolerance (${c.tolerance})`,
        });
      if (c.kind === 'delivery' && c.paceMax <= c.paceMin)
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', i, 'paceMax'],
          message: `expected paceMax greater than paceMin (${c.paceMin})`,
        });
    });
    if (r.criteria.every((c) => c.weight === 0))
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'expected at least one criterion with weight > 0' });
    if (!r.bands.some((b) => b.min === 0))
      ctx.addIssue({
        code: 'custom',
        path: ['bands'],
        message: 'expected a band with min 0 (every total needs a band)',
      });
  });
export type Rubric = z.infer<typeof Rubric>;
export type RubricInput = z.input<typeof Rubric>;

export type RubricResult = { ok: true; rubric: Rubric } | { ok: false; errors: string[] };

export function validateRubric(value: unknown, file: string): RubricResult {
  const r = validateWith(Rubric, value, file);
  return r.ok ? { ok: true, rubric: r.value } : r;
}

/** Parse rubric YAML (or JSON) text. Never throws; errors read `file: path: what was expected`. */
export function parseRubric(text: string, file: string): RubricResult {
  const r = parseYamlWith(Rubric, text, file);
  return r.ok ? { ok: true, rubric: r.value } : r;
}
