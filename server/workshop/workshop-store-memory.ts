/** In-memory WorkshopStore (tests, `--memory`): same contract as the sqlite one. */
import {
  nameKey,
  WorkshopStoreError,
  type AssignmentRecord,
  type AttemptNote,
  type SatisfactionRating,
  type Cohort,
  type Trainee,
  type WorkshopStore,
} from './workshop-store.js';

export class MemoryWorkshopStore implements WorkshopStore {
  readonly kind = 'memory' as const;
  private cohorts = new Map<string, Cohort>();
  private trainees = new Map<string, Trainee>();
  private assignments = new Map<string, AssignmentRecord>();
  private notes = new Map<string, AttemptNote>();
  private ratings = new Map<string, SatisfactionRating>();

  createCohort(c: Cohort): void {
    if (this.cohorts.has(c.id)) throw new WorkshopStoreError(`cohort "${c.id}" exists`, 'DUPLICATE');
    this.cohorts.set(c.id, { ...c });
  }

  listCohorts(): Cohort[] {
    // Insertion order breaks ties the way sqlite's rowid does.
    return [...this.cohorts.values()]
      .map((c, i) => ({ c, i }))
      .sort((a, b) => b.c.createdAt - a.c.createdAt || b.i - a.i)
      .map(({ c }) => ({ ...c }));
  }

  getCohort(id: string): Cohort | undefined {
    const c = this.cohorts.get(id);
    return c ? { ...c } : undefined;
  }

  addTrainees(cohortId: string, list: readonly Trainee[]): void {
    if (!this.cohorts.has(cohortId)) throw new WorkshopStoreError(`cohort "${cohortId}" does not exist`, 'NOT_FOUND');
    const taken = new Set(this.listTrainees(cohortId).map((t) => nameKey(t.name)));
    for (const t of list) {
      const k = nameKey(t.name);
      if (taken.has(k) || this.trainees.has(t.id))
        throw new WorkshopStoreError(`"${t.name}" is already in this cohort`, 'DUPLICATE');
      taken.add(k);
    }
    for (const t of list) this.trainees.set(t.id, { ...t, cohortId });
  }

  listTrainees(cohortId: string): Trainee[] {
    return [...this.trainees.values()].filter((t) => t.cohortId === cohortId).map((t) => ({ ...t }));
  }

  getTrainee(id: string): Trainee | undefined {
    const t = this.trainees.get(id);
    return t ? { ...t } : undefined;
  }

  deleteTrainee(id: string): void {
    if (!this.trainees.has(id)) throw new WorkshopStoreError(`trainee "${id}" does not exist`, 'NOT_FOUND');
    for (const a of this.assignments.values())
      if (a.traineeId === id) throw new WorkshopStoreError(`trainee "${id}" has sessions`, 'HAS_ATTEMPTS');
    this.trainees.delete(id);
  }

  addAssignment(a: AssignmentRecord): void {
    if (this.assignments.has(a.sessionId))
      throw new WorkshopStoreError(`session "${a.sessionId}" is already assigned`, 'DUPLICATE');
    const t = this.trainees.get(a.traineeId);
    if (!t || t.cohortId !== a.cohortId)
      throw new WorkshopStoreError(`trainee "${a.traineeId}" is not in cohort "${a.cohortId}"`, 'NOT_FOUND');
    this.assignments.set(a.sessionId, { ...a });
  }

  listAssignments(filter: { cohortId?: string; traineeId?: string }): AssignmentRecord[] {
    return [...this.assignments.values()]
      .filter(
        (a) =>
          (filter.cohortId === undefined || a.cohortId === filter.cohortId) &&
          (filter.traineeId === undefined || a.traineeId === filter.traineeId),
      )
      .map((a, i) => ({ a, i }))
      .sort((x, y) => x.a.startedAt - y.a.startedAt || x.i - y.i)
      .map(({ a }) => ({ ...a }));
  }

  getAssignment(sessionId: string): AssignmentRecord | undefined {
    const a = this.assignments.get(sessionId);
    return a ? { ...a } : undefined;
  }

  setNote(sessionId: string, note: AttemptNote): void {
    this.notes.set(sessionId, { ...note });
  }

  getNote(sessionId: string): AttemptNote | undefined {
    const n = this.notes.get(sessionId);
    return n ? { ...n } : undefined;
  }

  setRating(sessionId: string, rating: SatisfactionRating): void {
    this.ratings.set(sessionId, { ...rating });
  }

  getRating(sessionId: string): SatisfactionRating | undefined {
    const r = this.ratings.get(sessionId);
    return r ? { ...r } : undefined;
  }

  private settings = new Map<string, string>();

  getSetting(key: string): string | undefined {
    return this.settings.get(key);
  }

  setSetting(key: string, value: string): void {
    this.settings.set(key, value);
  }

  close(): void {}
}
