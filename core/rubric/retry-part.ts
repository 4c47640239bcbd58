/**
 * A retry is scored as a retry (issue 12 pt 7): a branch's recording begins with its parent's
 * events up to the branch point, but its report covers only what happened after it. Pure: from
 * the branch's events to the facts of its retried part, which the ordinary rubric then scores.
 */
import type { SessionEvent } from '../events.js';
import { isLureWarning } from './criteria-chat.js';
import { factsOf, type Facts, type Lure, type Toggle } from './facts.js';

/** A lure posted this long before the branch point, not yet warned about, is still on screen (RY2). */
export const LURE_STANDING_MS = 120_000;

/** Where a branch left its parent: the parent, its seq and the stream-clock t of that moment. */
export interface RetryPoint {
  parentSessionId: string;
  atSeq: number;
  atT: number;
}

/** The branch point of a recording (its last `session.branched`), null for an original session. */
export function retryPointOf(events: readonly SessionEvent[]): RetryPoint | null {
  let point: RetryPoint | null = null;
  for (const e of events)
    if (e.type === 'session.branched') point = { parentSessionId: e.parentSessionId, atSeq: e.atSeq, atT: e.t };
  return point;
}

/** A toggle's state at the branch point carries over (as if switched then), later ones stay. */
function fromPoint(xs: readonly Toggle[], p: RetryPoint): Toggle[] {
  const before = xs.filter((x) => x.seq <= p.atSeq).at(-1);
  const after = xs.filter((x) => x.seq > p.atSeq);
  return before ? [{ ...before, t: p.atT }, ...after] : after;
}

/** Facts of the retried part only: everything recorded after the branch point. */
export function retryFacts(events: readonly SessionEvent[], p: RetryPoint): Facts {
  const all = factsOf(events);
  // What the parent had up to the branch point: subtracted from the running counters.
  const prefix = factsOf(events.filter((e) => e.seq <= p.atSeq));
  const after = <T extends { seq: number }>(xs: readonly T[]) => xs.filter((x) => x.seq > p.atSeq);
  // The room the retry faces (RY2): questions still open at the branch point are the retry's to
  // answer — they wait from the branch point, where the retried stream starts (startedT below).
  const questions = all.questions.filter((q) => q.seq > p.atSeq || q.answerSeq === null || q.answerSeq > p.atSeq);
  const lures = [...standingLures(prefix, p), ...after(all.lures)];
  const intents: Record<string, number> = {};
  for (const [k, n] of Object.entries(all.intents)) {
    const d = n - (prefix.intents[k] ?? 0);
    if (d > 0) intents[k] = d;
  }
  const audienceAt = all.audience.filter(([t]) => t <= p.atT).at(-1)?.[1] ?? 0;
  const audience: Array<[number, number]> = [[p.atT, audienceAt], ...all.audience.filter(([t]) => t > p.atT)];
  return {
    ...all,
    // The retried stream runs from the branch point (it was already live there).
    startedT: all.startedT === null ? null : Math.max(all.startedT, p.atT),
    // …but every time it shows reads on the session's one clock, as the HUD and the replay do (ST2).
    clockStartT: all.startedT,
    segmentStarts: all.segmentStarts.map((t) => Math.max(t, p.atT)),
    utterances: after(all.utterances),
    questions,
    questionIndex: new Map(questions.map((q, i) => [q.seq, i])),
    lures,
    incidents: after(all.incidents),
    pauses: fromPoint(all.pauses, p),
    disclosure: fromPoint(all.disclosure, p),
    invites: after(all.invites),
    audience,
    peakAudience: Math.max(...audience.map(([, n]) => n)),
    sentiment: all.sentiment.filter(([t]) => t >= p.atT),
    intents,
    spokenChars: all.spokenChars - prefix.spokenChars,
    fillers: all.fillers - prefix.fillers,
  };
}

/**
 * Lures on screen at the branch point (RY2): posted within LURE_STANDING_MS before it and not yet
 * met by a host warning. The retry must handle them, with the full reply window from the branch
 * point (their t is moved there; seq still links to the lure itself).
 */
function standingLures(prefix: Facts, p: RetryPoint): Lure[] {
  const warnings = prefix.utterances.filter((u) => isLureWarning(u.text).warning);
  return prefix.lures
    .filter((l) => p.atT - l.t <= LURE_STANDING_MS && !warnings.some((w) => w.seq > l.seq))
    .map((l) => ({ ...l, t: Math.max(l.t, p.atT) }));
}
