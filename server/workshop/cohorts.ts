/**
 * Cohorts and their trainees (issue 8): what the workshop holds about people, apart from the
 * sessions they run (workshop-service.ts) and the results scored from them (results.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Assignment, CohortDetail, CohortListItem } from '../../core/workshop/api-types.js';
import type { RecordingStore } from '../store/recording-store.js';
import { WorkshopError } from './workshop-error.js';
import { nameKey, WorkshopStoreError, type Cohort, type Trainee, type WorkshopStore } from './workshop-store.js';

export const joinLink = (code: string): string => `/join/${encodeURIComponent(code)}`;

export interface CohortDeps {
  store: WorkshopStore;
  recordings: RecordingStore;
  now: () => number;
}

export class Cohorts {
  constructor(private deps: CohortDeps) {}

  get(id: string): Cohort {
    const c = this.deps.store.getCohort(id);
    if (!c) throw new WorkshopError(404, 'NOT_FOUND', `cohort: no cohort "${id}"`);
    return c;
  }

  create(name: string): Cohort {
    const c: Cohort = { id: `c-${randomUUID()}`, name, createdAt: this.deps.now() };
    this.deps.store.createCohort(c);
    return c;
  }

  list(): CohortListItem[] {
    return this.deps.store.listCohorts().map((c) => {
      const assignments = this.deps.store.listAssignments({ cohortId: c.id });
      return {
        ...c,
        trainees: this.deps.store.listTrainees(c.id).length,
        sessions: assignments.length,
        liveSessions: assignments.filter((a) => this.deps.recordings.getSession(a.sessionId)?.status === 'live').length,
      };
    });
  }

  detail(id: string): CohortDetail {
    const c = this.get(id);
    const trainees = this.deps.store.listTrainees(id);
    const names = new Map(trainees.map((t) => [t.id, t.name]));
    const assignments: Assignment[] = [];
    for (const a of this.deps.store.listAssignments({ cohortId: id })) {
      const rec = this.deps.recordings.getSession(a.sessionId);
      if (!rec) continue;
      assignments.push({
        ...a,
        traineeName: names.get(a.traineeId) ?? '',
        status: rec.status,
        joinCode: rec.codes.trainee,
        joinLink: joinLink(rec.codes.trainee),
        observerCode: rec.codes.observer,
        facilitatorCode: rec.codes.facilitator,
      });
    }
    return { ...c, trainees, assignments };
  }

  addTrainees(cohortId: string, names: readonly string[]): Trainee[] {
    this.get(cohortId);
    const seen = new Map<string, number>();
    names.forEach((n, i) => {
      const k = nameKey(n);
      const j = seen.get(k);
      if (j !== undefined)
        throw new WorkshopError(409, 'DUPLICATE', `names.${i}: "${n}" is the same name as names.${j}`);
      seen.set(k, i);
    });
    const existing = new Set(this.deps.store.listTrainees(cohortId).map((t) => nameKey(t.name)));
    names.forEach((n, i) => {
      if (existing.has(nameKey(n)))
        throw new WorkshopError(409, 'DUPLICATE', `names.${i}: "${n}" is already in this cohort`);
    });
    const now = this.deps.now();
    const trainees = names.map((name) => ({ id: `t-${randomUUID()}`, cohortId, name, createdAt: now }));
    try {
      this.deps.store.addTrainees(cohortId, trainees);
    } catch (err) {
      if (err instanceof WorkshopStoreError && err.reason === 'DUPLICATE')
        throw new WorkshopError(409, 'DUPLICATE', `names: ${err.message}`);
      throw err;
    }
    return trainees;
  }

  deleteTrainee(cohortId: string, traineeId: string): void {
    this.get(cohortId);
    const t = this.deps.store.getTrainee(traineeId);
    if (!t || t.cohortId !== cohortId)
      throw new WorkshopError(404, 'NOT_FOUND', `trainee: no trainee "${traineeId}" in this cohort`);
    try {
      this.deps.store.deleteTrainee(traineeId);
    } catch (err) {
      if (err instanceof WorkshopStoreError && err.reason === 'HAS_ATTEMPTS')
        throw new WorkshopError(409, 'INVALID_STATE', `trainee: ${t.name} has sessions; their results are kept`);
      throw err;
    }
  }
}
