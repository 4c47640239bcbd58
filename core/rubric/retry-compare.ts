/**
 * Original and retry side by side from the branch point (issue 12 pt 7): each side's score per
 * criterion and findings over what happened after the point, and the two replies to the same
 * questions — those asked by then and still unanswered at the point. Pure.
 */
import type { SessionEvent } from '../events.js';
import { factsOf, type Facts } from './facts.js';
import type { CriterionResult, Report, ReportFinding } from './report-model.js';
import { retryFacts, type RetryPoint } from './retry-part.js';
import type { Rubric } from './rubric-schema.js';
import { evaluate } from './scorer.js';

export interface CompareSide {
  sessionId: string;
  total: number;
  pass: boolean;
  criteria: Array<Pick<CriterionResult, 'kind' | 'label' | 'score' | 'points' | 'applicable'>>;
  findings: ReportFinding[];
}

export interface SameQuestion {
  seq: number;
  t: number;
  text: string;
  original: { seq: number; t: number; text: string } | null;
  retry: { seq: number; t: number; text: string } | null;
}

export interface RetryComparison {
  point: RetryPoint;
  /** The session's stream clock zero (session.started's t): every `t` here reads on it (ST2). */
  startedT: number | null;
  original: CompareSide;
  retry: CompareSide;
  questions: SameQuestion[];
}

function side(r: Report): CompareSide {
  return {
    sessionId: r.sessionId,
    total: r.total,
    pass: r.pass,
    criteria: r.criteria.map((c) => ({
      kind: c.kind,
      label: c.label,
      score: c.score,
      points: c.points,
      applicable: c.applicable,
    })),
    findings: r.findings,
  };
}

function replyOf(f: Facts, answerSeq: number | null): SameQuestion['original'] {
  if (answerSeq === null) return null;
  const u = f.utterances.find((x) => x.seq === answerSeq);
  return u ? { seq: u.seq, t: u.t, text: u.text } : null;
}

export function compareRetry(
  parentEvents: readonly SessionEvent[],
  branchEvents: readonly SessionEvent[],
  point: RetryPoint,
  rubric: Rubric,
): RetryComparison {
  // The parent after the point is scored exactly like the retry: the same cut, the same rubric.
  const original = evaluate(retryFacts(parentEvents, point), rubric);
  const retry = evaluate(retryFacts(branchEvents, point), rubric);
  const pf = factsOf(parentEvents);
  const bf = factsOf(branchEvents);
  const open = pf.questions.filter((q) => q.seq <= point.atSeq && (q.answerSeq === null || q.answerSeq > point.atSeq));
  const questions = open.map((q) => {
    const b = bf.questions.find((x) => x.seq === q.seq);
    return {
      seq: q.seq,
      t: q.t,
      text: q.text,
      original: replyOf(pf, q.answerSeq),
      retry: b ? replyOf(bf, b.answerSeq) : null,
    };
  });
  return { point, startedT: bf.startedT, original: side(original), retry: side(retry), questions };
}
