/**
 * Results scored from the recordings (issue 8, 12): each attempt, a trainee's and a cohort's
 * progress, and the facilitator's and trainee's notes on an attempt (void, comment, satisfaction).
 */
import type { AttemptNotePatch, SatisfactionInput } from '../../core/workshop/gradebook-types.js';
import {
  attemptOf,
  cohortProgress,
  traineeProgress,
  type Attempt,
  type CohortProgress,
  type TraineeProgress,
} from '../../core/workshop/progress.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { RecordingStore } from '../store/recording-store.js';
import type { Cohorts } from './cohorts.js';
import { normaliseRating, noteAttempt } from './gradebook.js';
import type { ScoreCache } from './score-cache.js';
import { WorkshopError } from './workshop-error.js';
import type { AssignmentRecord, Trainee, WorkshopStore } from './workshop-store.js';

export interface ResultsDeps {
  store: WorkshopStore;
  recordings: RecordingStore;
  rooms: RoomRegistry;
  scores: ScoreCache;
  cohorts: Cohorts;
  now: () => number;
}

export class Results {
  constructor(private deps: ResultsDeps) {}

  attempt(a: AssignmentRecord): Attempt | null {
    const rec = this.deps.recordings.getSession(a.sessionId);
    const scored = rec ? this.deps.scores.scoreOf(a.sessionId) : null;
    if (!rec || !scored) return null;
    const { startedT, endedT } = scored.report.stats;
    return attemptOf(
      {
        sessionId: a.sessionId,
        scenarioId: a.scenarioId,
        startedAt: a.startedAt,
        endedAt: scored.ended && endedT !== null ? rec.createdAt + endedT : null,
        note: this.deps.store.getNote(a.sessionId) ?? null,
        satisfaction: this.deps.store.getRating(a.sessionId) ?? null,
        // The stream's own start (开始直播), not when the facilitator opened the room.
        streamStartedAt: startedT === null ? null : rec.createdAt + startedT,
      },
      scored.report,
      scored.latency,
    );
  }

  private progressOf(t: Trainee): TraineeProgress {
    const attempts: Attempt[] = [];
    for (const a of this.deps.store.listAssignments({ traineeId: t.id })) {
      const at = this.attempt(a);
      if (at) attempts.push(at);
    }
    return traineeProgress({ traineeId: t.id, name: t.name, cohortId: t.cohortId }, attempts);
  }

  cohort(cohortId: string): CohortProgress {
    const c = this.deps.cohorts.get(cohortId);
    const trainees = this.deps.store.listTrainees(cohortId).map((t) => this.progressOf(t));
    return cohortProgress({ cohortId: c.id, name: c.name }, trainees);
  }

  trainee(traineeId: string): TraineeProgress {
    const t = this.deps.store.getTrainee(traineeId);
    if (!t) throw new WorkshopError(404, 'NOT_FOUND', `trainee: no trainee "${traineeId}"`);
    return this.progressOf(t);
  }

  /** Void (with a reason) or un-void an attempt, and/or comment on it (gradebook.ts). */
  note(sessionId: string, patch: AttemptNotePatch, by: string): void {
    noteAttempt(this.deps.store, sessionId, patch, by, this.deps.now());
  }

  /** A trainee's 1–5 ratings of their session (only a session that ended). */
  rate(sessionId: string, r: SatisfactionInput): void {
    const rec = this.deps.recordings.getSession(sessionId);
    if (!rec) throw new WorkshopError(404, 'NOT_FOUND', `sessionId: no session "${sessionId}"`);
    if (this.deps.rooms.get(sessionId)?.status !== 'ended' && rec.status !== 'ended')
      throw new WorkshopError(409, 'INVALID_STATE', 'sessionId: rate the session once it has ended');
    this.deps.store.setRating(sessionId, normaliseRating({ ...r, comment: r.comment ?? null }, this.deps.now()));
  }
}
