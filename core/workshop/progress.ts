/**
 * Cohort progress (issue 8, programme seed/ 6.2–6.3): from scored attempts to per-trainee and
 * per-cohort summaries. Pure: the server scores each session (the same rubric fold as the report)
 * and hands the attempts here; nothing in this file reads a clock or a store.
 *
 * A trainee passes when one of their ended attempts passes (a practical assessment may be
 * retaken, as in the programme's 1:1 coaching, 5.3). The practical pass rate is passed trainees
 * over assessed trainees (those with an ended attempt) — the programme's 合格率 target is ≥ 90 %.
 *
 * Only *counted* attempts enter a statistic, a denominator or a chart: ended, started (a session
 * the trainee never started is 未开始, not a 0) and not voided by a facilitator (issue 12 pt 8).
 * Satisfaction (seed/ 6.1) is averaged over rated sessions against the ≥ 4.5 target.
 */
import { replyFigures } from '../rubric/questions.js';
import type { Facts } from '../rubric/facts.js';
import type { Bi, Report } from '../rubric/report-model.js';

/** The programme's practical pass-rate target (seed/ 6.2: 实操考核 合格率 ≥ 90%). */
export const PRACTICAL_PASS_TARGET = 0.9;
/** The programme's satisfaction target (seed/ 6.1: 满意度 ≥ 4.5 of 5). */
export const SATISFACTION_TARGET = 4.5;
/** How many of the most frequent finding categories a cohort summary lists. */
export const TOP_FINDINGS = 10;

export interface Attempt {
  sessionId: string;
  scenarioId: string;
  scenarioTitle: Bi;
  /** Wall-clock ms when the session was started for the trainee. */
  startedAt: number;
  /** Wall-clock ms when it ended, null while it runs. */
  endedAt: number | null;
  /** Wall-clock ms when the trainee started the stream (开始直播); null: never started. */
  streamStartedAt: number | null;
  /** Stream start to end (ms); null while it runs or when it never started. */
  durationMs: number | null;
  ended: boolean;
  total: number;
  pass: boolean;
  passMark: number;
  band: Bi;
  /** Finding count by category (categories the rubric ignores are not in the report). */
  findings: Record<string, number>;
  criticalFindings: number;
  questions: number;
  answered: number;
  /** Mean ms from a viewer's question to the host's reply; null when none was answered. */
  responseLatencyMs: number | null;
  /** The trainee pressed 开始直播; false: 未开始, shown without a score and counted nowhere. */
  started: boolean;
  voided: boolean;
  voidReason: string | null;
  comment: string | null;
  /** The trainee's 1–5 ratings of this session, null when not rated. */
  satisfaction: { content: number; instructor: number; tool: number; comment: string | null } | null;
}

/** Whether an attempt enters statistics, denominators and charts. */
export function counted(a: Pick<Attempt, 'ended' | 'started' | 'voided'>): boolean {
  return a.ended && a.started && !a.voided;
}

export interface AttemptMeta {
  sessionId: string;
  scenarioId: string;
  startedAt: number;
  endedAt: number | null;
  /** Wall-clock ms of 开始直播 (the recording's createdAt + startedT). */
  streamStartedAt?: number | null;
  note?: { voided: boolean; voidReason: string | null; comment: string | null } | null;
  satisfaction?: Attempt['satisfaction'];
}

/** Question counts and reply latency of a session, from the scorer's facts. */
export interface Latency {
  questions: number;
  answered: number;
  /** Sum over answered questions of (reply t − question t), ms. */
  sumMs: number;
}

/** The scorer's own figures (RUBRICS CT1, QL1): lures left out, latency on the question's clock. */
export function latencyOf(
  facts: Pick<Facts, 'questions'> & Partial<Pick<Facts, 'scenario' | 'segmentStarts' | 'startedT'>>,
): Latency {
  return replyFigures({ scenario: null, segmentStarts: [], startedT: null, ...facts });
}

export function attemptOf(meta: AttemptMeta, report: Report, latency: Latency): Attempt {
  const findings: Record<string, number> = {};
  let critical = 0;
  for (const f of report.findings) {
    findings[f.category] = (findings[f.category] ?? 0) + 1;
    if (f.critical) critical++;
  }
  return {
    sessionId: meta.sessionId,
    scenarioId: meta.scenarioId,
    scenarioTitle: report.scenarioTitle,
    startedAt: meta.startedAt,
    endedAt: meta.endedAt,
    streamStartedAt: meta.streamStartedAt ?? null,
    durationMs:
      meta.streamStartedAt != null && meta.endedAt !== null ? Math.max(0, meta.endedAt - meta.streamStartedAt) : null,
    ended: meta.endedAt !== null,
    total: report.total,
    pass: report.pass,
    passMark: report.passMark,
    band: report.band,
    findings,
    criticalFindings: critical,
    questions: latency.questions,
    answered: latency.answered,
    responseLatencyMs: latency.answered > 0 ? Math.round(latency.sumMs / latency.answered) : null,
    started: report.stats.startedT !== null,
    voided: meta.note?.voided ?? false,
    voidReason: meta.note?.voidReason ?? null,
    comment: meta.note?.comment ?? null,
    satisfaction: meta.satisfaction ?? null,
  };
}

export interface TraineeSummary {
  attempts: number;
  /** Never started (未开始) and voided attempts: shown, counted nowhere. */
  notStarted: number;
  voided: number;
  endedAttempts: number;
  passedAttempts: number;
  /** One of the ended attempts passed. */
  passed: boolean;
  /** Best and latest totals of ended attempts. */
  best: number | null;
  latest: number | null;
  findings: Record<string, number>;
  avgResponseLatencyMs: number | null;
}

export interface TraineeProgress {
  traineeId: string;
  name: string;
  cohortId: string;
  /** Oldest first. */
  attempts: Attempt[];
  summary: TraineeSummary;
}

export interface CohortSummary {
  trainees: number;
  /** Trainees with at least one ended attempt. */
  assessed: number;
  passedTrainees: number;
  practicalPassRate: number | null;
  targetMet: boolean;
  attempts: number;
  endedAttempts: number;
  passedAttempts: number;
  attemptPassRate: number | null;
  topFindings: Array<{ category: string; count: number }>;
  avgResponseLatencyMs: number | null;
  notStarted: number;
  voided: number;
  satisfaction: Satisfaction;
}

/** Mean ratings over rated, non-voided sessions; `overall` is the mean of the three means. */
export interface Satisfaction {
  ratings: number;
  content: number | null;
  instructor: number | null;
  tool: number | null;
  overall: number | null;
  target: number;
  targetMet: boolean;
}

export function satisfactionOf(attempts: readonly Attempt[], target = SATISFACTION_TARGET): Satisfaction {
  const rated = attempts.filter((a) => a.satisfaction !== null && !a.voided).map((a) => a.satisfaction!);
  const mean = (k: 'content' | 'instructor' | 'tool') =>
    rated.length > 0 ? Math.round((rated.reduce((s, r) => s + r[k], 0) / rated.length) * 100) / 100 : null;
  const content = mean('content');
  const instructor = mean('instructor');
  const tool = mean('tool');
  const overall =
    content !== null && instructor !== null && tool !== null
      ? Math.round(((content + instructor + tool) / 3) * 100) / 100
      : null;
  return {
    ratings: rated.length,
    content,
    instructor,
    tool,
    overall,
    target,
    targetMet: overall !== null && overall >= target,
  };
}

export interface CohortProgress {
  cohortId: string;
  name: string;
  target: number;
  trainees: TraineeProgress[];
  summary: CohortSummary;
}

/** Mean latency over every answered question of these attempts (not a mean of means). */
function meanLatency(attempts: readonly Attempt[]): number | null {
  let n = 0;
  let sum = 0;
  for (const a of attempts) {
    if (a.responseLatencyMs === null || a.answered === 0) continue;
    n += a.answered;
    sum += a.responseLatencyMs * a.answered;
  }
  return n > 0 ? Math.round(sum / n) : null;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

export function traineeProgress(
  trainee: { traineeId: string; name: string; cohortId: string },
  attempts: readonly Attempt[],
): TraineeProgress {
  const sorted = [...attempts].sort((a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId));
  const ended = sorted.filter(counted);
  const findings: Record<string, number> = {};
  for (const a of ended) addCounts(findings, a.findings);
  return {
    traineeId: trainee.traineeId,
    name: trainee.name,
    cohortId: trainee.cohortId,
    attempts: sorted,
    summary: {
      attempts: sorted.length,
      notStarted: sorted.filter((a) => a.ended && !a.started).length,
      voided: sorted.filter((a) => a.voided).length,
      endedAttempts: ended.length,
      passedAttempts: ended.filter((a) => a.pass).length,
      passed: ended.some((a) => a.pass),
      best: ended.length > 0 ? Math.max(...ended.map((a) => a.total)) : null,
      latest: ended.length > 0 ? ended[ended.length - 1]!.total : null,
      findings,
      avgResponseLatencyMs: meanLatency(ended),
    },
  };
}

export function cohortProgress(
  cohort: { cohortId: string; name: string },
  trainees: readonly TraineeProgress[],
  target = PRACTICAL_PASS_TARGET,
): CohortProgress {
  const all = trainees.flatMap((t) => t.attempts);
  const assessed = trainees.filter((t) => t.summary.endedAttempts > 0);
  const passedTrainees = assessed.filter((t) => t.summary.passed).length;
  const endedAttempts = all.filter(counted);
  const passedAttempts = endedAttempts.filter((a) => a.pass).length;
  const findings: Record<string, number> = {};
  for (const t of trainees) addCounts(findings, t.summary.findings);
  const topFindings = Object.entries(findings)
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, TOP_FINDINGS);
  const rate = assessed.length > 0 ? passedTrainees / assessed.length : null;
  return {
    cohortId: cohort.cohortId,
    name: cohort.name,
    target,
    trainees: [...trainees],
    summary: {
      trainees: trainees.length,
      assessed: assessed.length,
      passedTrainees,
      practicalPassRate: rate,
      targetMet: rate !== null && rate >= target,
      attempts: all.length,
      endedAttempts: endedAttempts.length,
      passedAttempts,
      attemptPassRate: endedAttempts.length > 0 ? passedAttempts / endedAttempts.length : null,
      topFindings,
      avgResponseLatencyMs: meanLatency(endedAttempts),
      notStarted: all.filter((a) => a.ended && !a.started).length,
      voided: all.filter((a) => a.voided).length,
      satisfaction: satisfactionOf(all),
    },
  };
}
