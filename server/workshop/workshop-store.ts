/**
 * Where cohorts, trainees and their assignments (which session a trainee rehearsed in) live.
 * Implementations: sqlite (tables next to the recordings in data/branchcast.db) and memory; both
 * pass test/integration/workshop-store.test.ts. Scores are never stored: they are derived from
 * the recordings, so a rubric change re-scores every past attempt.
 */

import type {
  AssignmentRecord,
  AttemptNote,
  Cohort,
  SatisfactionRating,
  Trainee,
} from '../../core/workshop/api-types.js';

// The records are also what the API answers, so they are declared once with the wire shapes.
export type { AssignmentRecord, AttemptNote, Cohort, SatisfactionRating, Trainee };

export class WorkshopStoreError extends Error {
  constructor(
    message: string,
    readonly reason: 'DUPLICATE' | 'NOT_FOUND' | 'HAS_ATTEMPTS',
  ) {
    super(message);
    this.name = 'WorkshopStoreError';
  }
}

export interface WorkshopStore {
  readonly kind: 'sqlite' | 'memory' | 'postgres';
  createCohort(c: Cohort): void;
  /** Newest first. */
  listCohorts(): Cohort[];
  getCohort(id: string): Cohort | undefined;
  /**
   * Add trainees to a cohort, all or nothing. A name already in the cohort (ignoring case and
   * width) throws DUPLICATE naming it; an unknown cohort throws NOT_FOUND.
   */
  addTrainees(cohortId: string, trainees: readonly Trainee[]): void;
  /** In the order they were added. */
  listTrainees(cohortId: string): Trainee[];
  getTrainee(id: string): Trainee | undefined;
  /** Remove a trainee without attempts (HAS_ATTEMPTS otherwise; NOT_FOUND if unknown). */
  deleteTrainee(id: string): void;
  addAssignment(a: AssignmentRecord): void;
  /** Oldest first. */
  listAssignments(filter: { cohortId?: string; traineeId?: string }): AssignmentRecord[];
  getAssignment(sessionId: string): AssignmentRecord | undefined;
  /** A facilitator's void/comment on an attempt; replaces the previous note. */
  setNote(sessionId: string, note: AttemptNote): void;
  getNote(sessionId: string): AttemptNote | undefined;
  /** The trainee's satisfaction rating of a session; a second rating replaces the first. */
  setRating(sessionId: string, rating: SatisfactionRating): void;
  getRating(sessionId: string): SatisfactionRating | undefined;
  /** A server setting a facilitator chose (e.g. `selfPractice`); undefined until one is set. */
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  close(): void;
}

/** The key names are unique by: NFKC folds full-width letters, lower case folds Latin case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}
