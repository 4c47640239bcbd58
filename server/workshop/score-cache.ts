/**
 * Scores of sessions for the live overview and progress, without re-reading recordings on every
 * poll. A session gets a scorer fold (core/rubric/facts.ts) the first time it is asked for, read
 * once from the store; from then on every durable batch the rooms broadcast is folded in
 * (`observe`, called from the broadcast in main.ts), so a poll only evaluates the rubric over the
 * facts — and only when events arrived since the last evaluation. Ended sessions keep their final
 * report in a bounded cache (progress pages re-read them).
 */
import type { SessionEvent } from '../../core/events.js';
import { factsOf, foldFacts, type Facts } from '../../core/rubric/facts.js';
import type { Report } from '../../core/rubric/report-model.js';
import type { Rubric } from '../../core/rubric/rubric-schema.js';
import { evaluate } from '../../core/rubric/scorer.js';
import { latencyOf, type Latency } from '../../core/workshop/progress.js';
import type { RecordingStore } from '../store/recording-store.js';

export interface Scored {
  report: Report;
  latency: Latency;
  /** Whether the recording had ended when this was scored. */
  ended: boolean;
  lastSeq: number;
}

interface Fold {
  facts: Facts;
  scored: Scored | null;
}

/** Final reports kept; a workshop's cohorts have tens to a few hundred attempts. */
const FINAL_CACHE = 1000;
const PAGE = 20_000;

export class ScoreCache {
  private folds = new Map<string, Fold>();
  private finals = new Map<string, Scored>();

  constructor(
    private deps: {
      store: Pick<RecordingStore, 'readEvents' | 'lastSeq'>;
      rubrics: Map<string, Rubric>;
    },
  ) {}

  private readAll(sessionId: string, from = 1): SessionEvent[] {
    const out: SessionEvent[] = [];
    for (;;) {
      const batch = this.deps.store.readEvents(sessionId, from, PAGE);
      for (const e of batch) out.push(e);
      if (batch.length < PAGE) return out;
      from = batch[batch.length - 1]!.seq + 1;
    }
  }

  /** Fold a durable batch into the session's facts (if anyone has asked for them). */
  observe(sessionId: string, batch: readonly SessionEvent[]): void {
    const f = this.folds.get(sessionId);
    if (!f) return;
    for (const e of batch) {
      if (e.seq <= f.facts.lastSeq) continue;
      if (e.seq !== f.facts.lastSeq + 1) {
        // Events reached the store without passing here (an import): fold afresh when asked.
        this.folds.delete(sessionId);
        return;
      }
      foldFacts(f.facts, e);
    }
  }

  private score(facts: Facts): Scored | null {
    const rubric = this.deps.rubrics.get(facts.scenario?.rubric ?? '');
    if (!rubric) return null;
    return {
      report: evaluate(facts, rubric),
      latency: latencyOf(facts),
      ended: facts.endedT !== null,
      lastSeq: facts.lastSeq,
    };
  }

  /** The score of a session now; null if it has no recording or its rubric is unknown. */
  scoreOf(sessionId: string): Scored | null {
    const final = this.finals.get(sessionId);
    if (final) return final;
    let f = this.folds.get(sessionId);
    if (!f) {
      const events = this.readAll(sessionId);
      if (events.length === 0) return null;
      f = { facts: factsOf(events), scored: null };
      this.folds.set(sessionId, f);
    } else if (f.facts.lastSeq < this.deps.store.lastSeq(sessionId) && f.facts.endedT === null) {
      // Missed events (appended by another path): catch up from the store.
      for (const e of this.readAll(sessionId, f.facts.lastSeq + 1)) foldFacts(f.facts, e);
    }
    if (!f.scored || f.scored.lastSeq !== f.facts.lastSeq) f.scored = this.score(f.facts);
    if (f.scored?.ended) {
      // Nothing changes after the end: keep the report, drop the fold.
      this.folds.delete(sessionId);
      if (this.finals.size >= FINAL_CACHE) this.finals.delete(this.finals.keys().next().value!);
      this.finals.set(sessionId, f.scored);
    }
    return f.scored;
  }

  /** The live fold's facts of a running session (after scoreOf), or null once it has ended. */
  liveFacts(sessionId: string): Facts | null {
    return this.folds.get(sessionId)?.facts ?? null;
  }

  /** Forget a session's fold (it was deleted, or the server is closing). */
  forget(sessionId: string): void {
    this.folds.delete(sessionId);
    this.finals.delete(sessionId);
  }
}
