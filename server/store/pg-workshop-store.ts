/**
 * PostgreSQL WorkshopStore: cohorts, trainees, assignments, notes and ratings shared by every
 * node (the same contract as the SQLite one: test/integration/workshop-store.test.ts). `ord`
 * (a sequence) stands in for SQLite's rowid as the tie-break of "in the order added".
 */
import {
  nameKey,
  WorkshopStoreError,
  type AssignmentRecord,
  type AttemptNote,
  type Cohort,
  type SatisfactionRating,
  type Trainee,
  type WorkshopStore,
} from '../workshop/workshop-store.js';
import { PgError, type PgSync } from './pg-sync.js';

type R = Record<string, unknown>;
const toCohort = (r: R): Cohort => ({ id: r.id as string, name: r.name as string, createdAt: r.created_at as number });
const toTrainee = (r: R): Trainee => ({
  id: r.id as string,
  cohortId: r.cohort_id as string,
  name: r.name as string,
  createdAt: r.created_at as number,
});
const toAssignment = (r: R): AssignmentRecord => ({
  sessionId: r.session_id as string,
  cohortId: r.cohort_id as string,
  traineeId: r.trainee_id as string,
  scenarioId: r.scenario_id as string,
  startedAt: r.started_at as number,
});
const isUnique = (err: unknown) => err instanceof PgError && err.code === '23505';

export class PgWorkshopStore implements WorkshopStore {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly db: PgSync,
    private readonly ownsDb = false,
  ) {}

  createCohort(c: Cohort): void {
    try {
      this.db.exec(`INSERT INTO cohorts (id, name, created_at) VALUES ($1, $2, $3)`, [c.id, c.name, c.createdAt]);
    } catch (err) {
      if (isUnique(err)) throw new WorkshopStoreError(`cohort "${c.id}" exists`, 'DUPLICATE');
      throw err;
    }
  }

  listCohorts(): Cohort[] {
    return this.db.query(`SELECT * FROM cohorts ORDER BY created_at DESC, ord DESC`).map(toCohort);
  }

  getCohort(id: string): Cohort | undefined {
    const r = this.db.query(`SELECT * FROM cohorts WHERE id = $1`, [id])[0];
    return r ? toCohort(r) : undefined;
  }

  addTrainees(cohortId: string, list: readonly Trainee[]): void {
    if (!this.getCohort(cohortId)) throw new WorkshopStoreError(`cohort "${cohortId}" does not exist`, 'NOT_FOUND');
    this.db.tx(() => {
      for (const t of list) {
        const key = nameKey(t.name);
        // Checked first so the error names the clash (the UNIQUE constraint is the backstop).
        if (this.db.query(`SELECT 1 FROM trainees WHERE cohort_id = $1 AND name_key = $2`, [cohortId, key]).length)
          throw new WorkshopStoreError(`"${t.name}" is already in this cohort`, 'DUPLICATE');
        try {
          this.db.exec(`INSERT INTO trainees (id, cohort_id, name, name_key, created_at) VALUES ($1, $2, $3, $4, $5)`, [
            t.id,
            cohortId,
            t.name,
            key,
            t.createdAt,
          ]);
        } catch (err) {
          if (isUnique(err)) throw new WorkshopStoreError(`"${t.name}" is already in this cohort`, 'DUPLICATE');
          throw err;
        }
      }
    });
  }

  listTrainees(cohortId: string): Trainee[] {
    return this.db.query(`SELECT * FROM trainees WHERE cohort_id = $1 ORDER BY ord`, [cohortId]).map(toTrainee);
  }

  getTrainee(id: string): Trainee | undefined {
    const r = this.db.query(`SELECT * FROM trainees WHERE id = $1`, [id])[0];
    return r ? toTrainee(r) : undefined;
  }

  deleteTrainee(id: string): void {
    if (!this.getTrainee(id)) throw new WorkshopStoreError(`trainee "${id}" does not exist`, 'NOT_FOUND');
    if (this.db.query(`SELECT 1 FROM assignments WHERE trainee_id = $1 LIMIT 1`, [id]).length)
      throw new WorkshopStoreError(`trainee "${id}" has sessions`, 'HAS_ATTEMPTS');
    this.db.exec(`DELETE FROM trainees WHERE id = $1`, [id]);
  }

  addAssignment(a: AssignmentRecord): void {
    const t = this.getTrainee(a.traineeId);
    if (!t || t.cohortId !== a.cohortId)
      throw new WorkshopStoreError(`trainee "${a.traineeId}" is not in cohort "${a.cohortId}"`, 'NOT_FOUND');
    try {
      this.db.exec(
        `INSERT INTO assignments (session_id, cohort_id, trainee_id, scenario_id, started_at) VALUES ($1, $2, $3, $4, $5)`,
        [a.sessionId, a.cohortId, a.traineeId, a.scenarioId, a.startedAt],
      );
    } catch (err) {
      if (isUnique(err)) throw new WorkshopStoreError(`session "${a.sessionId}" is already assigned`, 'DUPLICATE');
      throw err;
    }
  }

  listAssignments(filter: { cohortId?: string; traineeId?: string }): AssignmentRecord[] {
    return this.db
      .query(
        `SELECT * FROM assignments WHERE ($1::text IS NULL OR cohort_id = $1) AND ($2::text IS NULL OR trainee_id = $2)
         ORDER BY started_at, ord`,
        [filter.cohortId ?? null, filter.traineeId ?? null],
      )
      .map(toAssignment);
  }

  getAssignment(sessionId: string): AssignmentRecord | undefined {
    const r = this.db.query(`SELECT * FROM assignments WHERE session_id = $1`, [sessionId])[0];
    return r ? toAssignment(r) : undefined;
  }

  setNote(sessionId: string, n: AttemptNote): void {
    this.db.exec(
      `INSERT INTO attempt_notes (session_id, voided, void_reason, comment, by, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (session_id) DO UPDATE SET voided = EXCLUDED.voided, void_reason = EXCLUDED.void_reason,
         comment = EXCLUDED.comment, by = EXCLUDED.by, at = EXCLUDED.at`,
      [sessionId, n.voided, n.voidReason, n.comment, n.by, n.at],
    );
  }

  getNote(sessionId: string): AttemptNote | undefined {
    const r = this.db.query(`SELECT * FROM attempt_notes WHERE session_id = $1`, [sessionId])[0];
    return r
      ? {
          voided: r.voided as boolean,
          voidReason: r.void_reason as string | null,
          comment: r.comment as string | null,
          by: r.by as string,
          at: r.at as number,
        }
      : undefined;
  }

  setRating(sessionId: string, r: SatisfactionRating): void {
    this.db.exec(
      `INSERT INTO satisfaction (session_id, content, instructor, tool, comment, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (session_id) DO UPDATE SET content = EXCLUDED.content, instructor = EXCLUDED.instructor,
         tool = EXCLUDED.tool, comment = EXCLUDED.comment, at = EXCLUDED.at`,
      [sessionId, r.content, r.instructor, r.tool, r.comment, r.at],
    );
  }

  getRating(sessionId: string): SatisfactionRating | undefined {
    const r = this.db.query(`SELECT * FROM satisfaction WHERE session_id = $1`, [sessionId])[0];
    return r
      ? {
          content: r.content as number,
          instructor: r.instructor as number,
          tool: r.tool as number,
          comment: r.comment as string | null,
          at: r.at as number,
        }
      : undefined;
  }

  getSetting(key: string): string | undefined {
    return this.db.query<{ value: string }>(`SELECT value FROM workshop_settings WHERE key = $1`, [key])[0]?.value;
  }

  setSetting(key: string, value: string): void {
    this.db.exec(
      `INSERT INTO workshop_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
  }

  close(): void {
    if (this.ownsDb) this.db.close();
  }
}
