/**
 * The scorer: a rubric applied to the folded facts of a session (facts.ts). The live score is
 * `evaluate(facts so far)`, the final score `evaluate(facts of the whole recording)`, and any
 * recording can be re-scored with another rubric by evaluating the same facts again.
 */
import type { SessionEvent } from '../events.js';
import { voiceTimelines } from './criteria-voice.js';
import { CATEGORY_INFO, type Category, type Severity } from './categories.js';
import {
  complianceCriterion,
  coverageCriterion,
  latencyCriterion,
  lureCriterion,
  round1,
  type Ctx,
  type Judged,
} from './criteria-chat.js';
import {
  crisisCriterion,
  deliveryCriterion,
  disclosureCriterion,
  engagementCriterion,
  scriptCriterion,
  suitabilityCriterion,
  timingCriterion,
} from './criteria-session.js';
import { factsOf, type Facts } from './facts.js';
import { bi, replayLink, type Bi, type CriterionResult, type Report, type ReportFinding } from './report-model.js';
import type { Criterion, CriterionKind, Rubric } from './rubric-schema.js';
import { streamTimeMs } from '../stream-time.js';
import { scoredFindings } from './findings.js';
import { withHostTools } from './host-tools.js';

export const CRITERION_LABELS: Record<CriterionKind, Bi> = {
  compliance: bi('合规用语', 'Compliant wording'),
  response_latency: bi('回复速度', 'Response latency'),
  question_coverage: bi('提问覆盖', 'Question coverage'),
  script_coverage: bi('台词覆盖', 'Script coverage'),
  segment_timing: bi('环节时长', 'Segment timing'),
  risk_disclosure: bi('风险揭示', 'Risk disclosure'),
  crisis_handling: bi('危机处置', 'Crisis handling'),
  lure_handling: bi('诈骗引流处置', 'Fraud-lure handling'),
  suitability: bi('适当性', 'Suitability'),
  delivery: bi('表达', 'Delivery'),
  engagement: bi('观众参与', 'Engagement'),
};

function judge(ctx: Ctx, c: Criterion): Judged {
  switch (c.kind) {
    case 'compliance':
      return complianceCriterion(ctx, c);
    case 'response_latency':
      return latencyCriterion(ctx, c);
    case 'question_coverage':
      return coverageCriterion(ctx, c);
    case 'script_coverage':
      return scriptCriterion(ctx, c);
    case 'segment_timing':
      return timingCriterion(ctx, c);
    case 'risk_disclosure':
      return disclosureCriterion(ctx, c);
    case 'crisis_handling':
      return crisisCriterion(ctx, c);
    case 'lure_handling':
      return lureCriterion(ctx, c);
    case 'suitability':
      return suitabilityCriterion(ctx, c);
    case 'delivery':
      return deliveryCriterion(ctx, c);
    case 'engagement':
      return engagementCriterion(ctx, c);
  }
}

export interface EvaluateOptions {
  /** How a finding links to its moment; default replayLink. */
  link?: (sessionId: string, seq: number) => string;
}

/** Critical categories under a rubric: its list, else the catalogue's critical ones. */
export function criticalSet(rubric: Rubric): Set<Category> {
  if (rubric.critical) return new Set(rubric.critical);
  return new Set((Object.keys(CATEGORY_INFO) as Category[]).filter((c) => severityUnder(rubric, c) === 'critical'));
}

export function severityUnder(rubric: Rubric, c: Category): Severity {
  return rubric.severity?.[c] ?? CATEGORY_INFO[c].severity;
}

export function evaluate(facts: Facts, rubric: Rubric, opts: EvaluateOptions = {}): Report {
  const linkOf = opts.link ?? replayLink;
  const link = (seq: number) => linkOf(facts.sessionId, seq);
  const endT = facts.endedT ?? facts.lastT;
  const ctx: Ctx = { facts, link, endT, severityOf: (c) => severityUnder(rubric, c) };

  // The console's findings and credit (场控, host-tools.ts HT2–HT4) adjust the criteria they belong to.
  const judged = rubric.criteria.map((c) => ({ c, j: withHostTools(ctx, c, judge(ctx, c)) }));
  const weightSum = judged.reduce((s, { c, j }) => s + (j.applicable ? c.weight : 0), 0);
  const criteria: CriterionResult[] = judged.map(({ c, j }) => ({
    kind: c.kind,
    label: c.label ?? CRITERION_LABELS[c.kind],
    weight: c.weight,
    applicable: j.applicable,
    score: j.score,
    points: j.applicable && weightSum > 0 ? round1(((j.score ?? 0) * c.weight) / weightSum) : 0,
    summary: j.summary,
    // Open redistribution (DN2): a criterion that could not be judged says where its weight went.
    ...(!j.applicable && c.weight > 0
      ? {
          weightNote: bi(
            `权重 ${c.weight} 按比例分摊到其余评分项`,
            `its weight of ${c.weight} is shared out over the other criteria`,
          ),
        }
      : {}),
    evidence: j.evidence,
  }));
  const rawTotal = round1(
    weightSum > 0
      ? judged.reduce((s, { c, j }) => s + (j.applicable ? (j.score ?? 0) * c.weight : 0), 0) / weightSum
      : 0,
  );

  // Every moment the report shows is stream time (ST2); `t` stays the recording's. A retry's part
  // is scored from the branch point but reads on the session's clock (clockStartT).
  const clock0 = facts.clockStartT !== undefined ? facts.clockStartT : facts.startedT;
  for (const c of criteria) for (const e of c.evidence) e.streamT = streamTimeMs(clock0, e.t);

  const critical = criticalSet(rubric);
  const ignored = new Set<string>(rubric.criteria.find((c) => c.kind === 'compliance')?.ignore ?? []);
  // One card per category per utterance (FD1), with its correction (CR1): what every view counts.
  const findings: ReportFinding[] = scoredFindings(facts, ignored).map((sf) => {
    const u = sf.u;
    const info = CATEGORY_INFO[sf.category];
    return {
      seq: u.seq,
      t: u.t,
      streamT: streamTimeMs(clock0, u.t),
      source: u.source,
      category: sf.category,
      name: info.name,
      severity: severityUnder(rubric, sf.category),
      critical: critical.has(sf.category),
      rule: sf.rule,
      rules: sf.rules,
      corrected: sf.corrected
        ? { seq: sf.corrected.seq, t: sf.corrected.t, streamT: streamTimeMs(clock0, sf.corrected.t) }
        : null,
      law: info.source,
      quote: u.text.slice(sf.start, sf.end),
      text: u.text,
      start: sf.start,
      end: sf.end,
      explanation: info.explanation,
      suggestion: info.suggestion,
      link: link(u.seq),
    };
  });
  const hasCritical = findings.some((f) => f.critical);
  const cap = rubric.criticalCap ?? rubric.passMark - 1;
  const capped = hasCritical && rawTotal > cap;
  const total = capped ? cap : rawTotal;
  const bands = [...rubric.bands].sort((a, b) => b.min - a.min);
  // Grade bands follow the raw score under the cap (GB1): a session failed by a critical finding
  // gets at most the best band below the pass mark, so one corrected slip in an excellent session
  // grades above a careless one, and neither passes.
  const belowPass = bands.find((b) => b.min < rubric.passMark);
  const gradeBasis = hasCritical && belowPass ? Math.min(rawTotal, belowPass.min) : total;
  const band = bands.find((b) => gradeBasis >= b.min) ?? bands[bands.length - 1]!;
  const scenario = facts.scenario;
  return {
    sessionId: facts.sessionId,
    scenarioId: scenario?.id ?? '',
    scenarioTitle: scenario?.title ?? bi('', ''),
    rubricId: rubric.id,
    rubricTitle: rubric.title,
    programmeRef: rubric.programmeRef,
    passMark: rubric.passMark,
    rawTotal,
    total,
    capped,
    pass: total >= rubric.passMark && !hasCritical,
    grade: band.grade,
    band: band.label,
    criteria,
    findings,
    timelines: {
      audience: downsample(facts.audience, 240),
      sentiment: downsample(facts.sentiment, 240),
      ...(facts.voice.length ? { voice: voiceTimelines(facts.voice) } : {}),
    },
    stats: {
      events: facts.events,
      lastSeq: facts.lastSeq,
      startedT: clock0,
      endedT: facts.endedT,
      durationMs: facts.startedT === null ? 0 : endT - facts.startedT,
      hostLines: facts.utterances.length,
      questions: facts.questions.length,
      answered: facts.questions.filter((q) => q.answerSeq !== null).length,
      lures: facts.lures.length,
      peakAudience: facts.peakAudience,
      intents: { ...facts.intents },
      departures: { ...facts.departures },
    },
  };
}

/** The first point, then the last value in each of `max` equal time buckets (a step series). */
export function downsample(points: ReadonlyArray<[number, number]>, max: number): Array<[number, number]> {
  if (points.length <= max) return points.map(([t, v]) => [t, round2(v)]);
  const t0 = points[0]![0];
  const span = Math.max(1, points[points.length - 1]![0] - t0);
  const out: Array<[number, number]> = [];
  let bucket = -1;
  for (const [t, v] of points) {
    const b = Math.min(max - 1, Math.floor(((t - t0) / span) * max));
    // The first point stays: a step series needs its starting value.
    if (b === bucket && out.length > 1) out[out.length - 1] = [t, round2(v)];
    else out.push([t, round2(v)]);
    bucket = b;
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Score a whole recording with a rubric. */
export function scoreEvents(events: Iterable<SessionEvent>, rubric: Rubric, opts?: EvaluateOptions): Report {
  return evaluate(factsOf(events), rubric, opts);
}
