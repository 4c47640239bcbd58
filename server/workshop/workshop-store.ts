/**
 * Where cohorts, trainees and their assignments (which session a trainee rehearsed in) live.
 * Implementations: sqlite (tables next to the recordings in data/branchcast.db) and memory; both
 * pass test/integration/workshop-store.test.ts. Scores are never stored: they are derived from
 * the recordings, so a rubric change re-scores every past attempt.
 */

export interface Cohort {
  id: string;
  name: string;
  createdAt: number;
}

export interface Trainee {
  id: string;
  cohortId: string;
  name: string;
  createdAt: number;
}

export interface AssignmentRecord {
  sessionId: string;
  cohortId: string;
  traineeId: string;
  scenarioId: string;
  /** Wall-clock ms when the facilitator started the session. */
  startedAt: number;
}

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
  readonly kind: 'sqlite' | 'memory';
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
  close(): void;
}

/** The key names are unique by: NFKC folds full-width letters, lower case folds Latin case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}
