/**
 * When a viewer's question starts waiting (docs/RUBRICS.md QL1, ST3): not before the stream
 * started, and — when it was asked in a segment whose script takes questions later — not before
 * the answering segment began. Reply latency counts from there; the live waiting cue uses the
 * same rule on the room's state.
 */
import type { Scenario } from '../scenario.js';
import type { Facts, Question } from './facts.js';

/** Index of the segment running at t (the last one started at or before t), or -1. */
function segmentAt(starts: readonly number[], t: number): number {
  let idx = -1;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    if (s !== undefined && s <= t) idx = i;
  }
  return idx;
}

/**
 * Recording t from which question `q` waits; null while it is deferred to an answering segment
 * not reached yet.
 */
export function waitStartT(
  facts: Pick<Facts, 'scenario' | 'segmentStarts' | 'startedT'>,
  q: { t: number },
): number | null {
  const from = Math.max(q.t, facts.startedT ?? q.t);
  const segs = facts.scenario?.segments ?? [];
  const i = segmentAt(facts.segmentStarts, q.t);
  if (i < 0 || !segs[i]?.questionsLater) return from;
  for (let j = i + 1; j < segs.length; j++) {
    if (segs[j]!.questionsLater) continue;
    const s = facts.segmentStarts[j];
    return s === undefined ? null : Math.max(from, s);
  }
  return null;
}

export interface ScoredQuestion {
  q: Question;
  /** When it began to wait (null: deferred to a segment not reached). */
  waitFromT: number | null;
  /** Reply latency on that clock, ms (0 when answered while deferred); null if unanswered. */
  latencyMs: number | null;
}

export type QuestionFacts = Pick<Facts, 'questions' | 'scenario' | 'segmentStarts' | 'startedT'>;

export function scoredQuestions(facts: QuestionFacts): ScoredQuestion[] {
  return facts.questions.map((q) => {
    const waitFromT = waitStartT(facts, q);
    const latencyMs = q.answerT === null ? null : Math.max(0, q.answerT - (waitFromT ?? q.answerT));
    return { q, waitFromT, latencyMs };
  });
}

/** Questions, replies and the summed reply latency: the figures the report, console and CSV share. */
export function replyFigures(facts: QuestionFacts): { questions: number; answered: number; sumMs: number } {
  let answered = 0;
  let sumMs = 0;
  for (const s of scoredQuestions(facts)) {
    if (s.latencyMs === null) continue;
    answered++;
    sumMs += s.latencyMs;
  }
  return { questions: facts.questions.length, answered, sumMs };
}

/**
 * The live cue's rule on the room's state: since when a waiting question has waited, or null while
 * the current segment takes questions later (the cue stays quiet then).
 */
export function liveWaitStartT(
  scenario: Scenario | null,
  state: { startedT: number | null; segmentIndex: number; segmentStartedT: number | null },
  q: { t: number },
): number | null {
  if (state.startedT === null) return null;
  const segs = scenario?.segments ?? [];
  if (segs[state.segmentIndex]?.questionsLater) return null;
  const from = Math.max(q.t, state.startedT);
  // Asked before this segment, in one that took questions later: it waits from this segment's start.
  const prev = segs[state.segmentIndex - 1];
  if (state.segmentStartedT !== null && q.t < state.segmentStartedT && prev?.questionsLater)
    return Math.max(from, state.segmentStartedT);
  return from;
}
