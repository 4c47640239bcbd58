/**
 * SQLite WorkshopStore: tables `cohorts`, `trainees`, `assignments` in the same database file as
 * the recordings (its own connection; WAL lets both write the one file, busy_timeout waits out
 * the other's short transactions). Assignments refer to sessions by id only: the recording store
 * owns `sessions`, and a recording imported elsewhere keeps its own id.
 */
import type Database from 'better-sqlite3';
import { openSqlite } from '../store/open-sqlite.js';
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cohorts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trainees (
  id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (cohort_id, name_key)
);
CREATE TABLE IF NOT EXISTS assignments (
  session_id TEXT PRIMARY KEY,
  cohort_id TEXT NOT NULL REFERENCES cohorts(id),
  trainee_id TEXT NOT NULL REFERENCES trainees(id),
  scenario_id TEXT NOT NULL,
  started_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS assignments_by_cohort ON assignments (cohort_id, started_at);
CREATE INDEX IF NOT EXISTS assignments_by_trainee ON assignments (trainee_id, started_at);
CREATE TABLE IF NOT EXISTS attempt_notes (
  session_id TEXT PRIMARY KEY,
  voided INTEGER NOT NULL,
  void_reason TEXT,
  comment TEXT,
  by TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS satisfaction (
  session_id TEXT PRIMARY KEY,
  content INTEGER NOT NULL,
  instructor INTEGER NOT NULL,
  tool INTEGER NOT NULL,
  comment TEXT,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS workshop_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

interface CohortRow {
  id: string;
  name: string;
  created_at: number;
}
interface TraineeRow extends CohortRow {
  cohort_id: string;
}
interface AssignmentRow {
  session_id: string;
  cohort_id: string;
  trainee_id: string;
  scenario_id: string;
  started_at: number;
}

const toCohort = (r: CohortRow): Cohort => ({ id: r.id, name: r.name, createdAt: r.created_at });
const toTrainee = (r: TraineeRow): Trainee => ({
  id: r.id,
  cohortId: r.cohort_id,
  name: r.name,
  createdAt: r.created_at,
});
const toAssignment = (r: AssignmentRow): AssignmentRecord => ({
  sessionId: r.session_id,
  cohortId: r.cohort_id,
  traineeId: r.trainee_id,
  scenarioId: r.scenario_id,
  startedAt: r.started_at,
});

function isUnique(err: unknown): boolean {
  return err instanceof Error && /UNIQUE|PRIMARY KEY/.test(err.message);
}

export class SqliteWorkshopStore implements WorkshopStore {
  readonly kind = 'sqlite' as const;
  private db: Database.Database;
  private stmts;

  constructor(readonly file: string) {
    // Shares the recordings' file: wait out the other connection's short transactions.
    this.db = openSqlite(file, SCHEMA, { busyTimeoutMs: 5000 });
    this.stmts = {
      insertCohort: this.db.prepare(`INSERT INTO cohorts (id, name, created_at) VALUES (?, ?, ?)`),
      listCohorts: this.db.prepare(`SELECT * FROM cohorts ORDER BY created_at DESC, rowid DESC`),
      getCohort: this.db.prepare(`SELECT * FROM cohorts WHERE id = ?`),
      insertTrainee: this.db.prepare(
        `INSERT INTO trainees (id, cohort_id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      keyTaken: this.db.prepare(`SELECT 1 FROM trainees WHERE cohort_id = ? AND name_key = ?`).pluck(),
      listTrainees: this.db.prepare(`SELECT * FROM trainees WHERE cohort_id = ? ORDER BY rowid`),
      getTrainee: this.db.prepare(`SELECT * FROM trainees WHERE id = ?`),
      deleteTrainee: this.db.prepare(`DELETE FROM trainees WHERE id = ?`),
      hasAssignments: this.db.prepare(`SELECT 1 FROM assignments WHERE trainee_id = ? LIMIT 1`).pluck(),
      insertAssignment: this.db.prepare(
        `INSERT INTO assignments (session_id, cohort_id, trainee_id, scenario_id, started_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      byCohort: this.db.prepare(`SELECT * FROM assignments WHERE cohort_id = ? ORDER BY started_at, rowid`),
      byTrainee: this.db.prepare(`SELECT * FROM assignments WHERE trainee_id = ? ORDER BY started_at, rowid`),
      allAssignments: this.db.prepare(`SELECT * FROM assignments ORDER BY started_at, rowid`),
      getAssignment: this.db.prepare(`SELECT * FROM assignments WHERE session_id = ?`),
      setNote: this.db.prepare(
        `INSERT OR REPLACE INTO attempt_notes (session_id, voided, void_reason, comment, by, at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      getNote: this.db.prepare(`SELECT * FROM attempt_notes WHERE session_id = ?`),
      setRating: this.db.prepare(
        `INSERT OR REPLACE INTO satisfaction (session_id, content, instructor, tool, comment, at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      getRating: this.db.prepare(`SELECT * FROM satisfaction WHERE session_id = ?`),
      getSetting: this.db.prepare(`SELECT value FROM workshop_settings WHERE key = ?`),
      setSetting: this.db.prepare(`INSERT OR REPLACE INTO workshop_settings (key, value) VALUES (?, ?)`),
    };
  }

  createCohort(c: Cohort): void {
    try {
      this.stmts.insertCohort.run(c.id, c.name, c.createdAt);
    } catch (err) {
      if (isUnique(err)) throw new WorkshopStoreError(`cohort "${c.id}" exists`, 'DUPLICATE');
      throw err;
    }
  }

  listCohorts(): Cohort[] {
    return (this.stmts.listCohorts.all() as CohortRow[]).map(toCohort);
  }

  getCohort(id: string): Cohort | undefined {
    const r = this.stmts.getCohort.get(id) as CohortRow | undefined;
    return r ? toCohort(r) : undefined;
  }

  addTrainees(cohortId: string, list: readonly Trainee[]): void {
    if (!this.getCohort(cohortId)) throw new WorkshopStoreError(`cohort "${cohortId}" does not exist`, 'NOT_FOUND');
    this.db.transaction(() => {
      for (const t of list) {
        const key = nameKey(t.name);
        // Checked first so the error names the clash (the UNIQUE index is the backstop).
        if (this.stmts.keyTaken.get(cohortId, key))
          throw new WorkshopStoreError(`"${t.name}" is already in this cohort`, 'DUPLICATE');
        try {
          this.stmts.insertTrainee.run(t.id, cohortId, t.name, key, t.createdAt);
        } catch (err) {
          if (isUnique(err)) throw new WorkshopStoreError(`"${t.name}" is already in this cohort`, 'DUPLICATE');
          throw err;
        }
      }
    })();
  }

  listTrainees(cohortId: string): Trainee[] {
    return (this.stmts.listTrainees.all(cohortId) as TraineeRow[]).map(toTrainee);
  }

  getTrainee(id: string): Trainee | undefined {
    const r = this.stmts.getTrainee.get(id) as TraineeRow | undefined;
    return r ? toTrainee(r) : undefined;
  }

  deleteTrainee(id: string): void {
    if (!this.getTrainee(id)) throw new WorkshopStoreError(`trainee "${id}" does not exist`, 'NOT_FOUND');
    if (this.stmts.hasAssignments.get(id)) throw new WorkshopStoreError(`trainee "${id}" has sessions`, 'HAS_ATTEMPTS');
    this.stmts.deleteTrainee.run(id);
  }

  addAssignment(a: AssignmentRecord): void {
    const t = this.getTrainee(a.traineeId);
    if (!t || t.cohortId !== a.cohortId)
      throw new WorkshopStoreError(`trainee "${a.traineeId}" is not in cohort "${a.cohortId}"`, 'NOT_FOUND');
    try {
      this.stmts.insertAssignment.run(a.sessionId, a.cohortId, a.traineeId, a.scenarioId, a.startedAt);
    } catch (err) {
      if (isUnique(err)) throw new WorkshopStoreError(`session "${a.sessionId}" is already assigned`, 'DUPLICATE');
      throw err;
    }
  }

  listAssignments(filter: { cohortId?: string; traineeId?: string }): AssignmentRecord[] {
    let rows: AssignmentRow[];
    if (filter.traineeId !== undefined) {
      rows = this.stmts.byTrainee.all(filter.traineeId) as AssignmentRow[];
      if (filter.cohortId !== undefined) rows = rows.filter((r) => r.cohort_id === filter.cohortId);
    } else if (filter.cohortId !== undefined) rows = this.stmts.byCohort.all(filter.cohortId) as AssignmentRow[];
    else rows = this.stmts.allAssignments.all() as AssignmentRow[];
    return rows.map(toAssignment);
  }

  getAssignment(sessionId: string): AssignmentRecord | undefined {
    const r = this.stmts.getAssignment.get(sessionId) as AssignmentRow | undefined;
    return r ? toAssignment(r) : undefined;
  }

  setNote(sessionId: string, n: AttemptNote): void {
    this.stmts.setNote.run(sessionId, n.voided ? 1 : 0, n.voidReason, n.comment, n.by, n.at);
  }

  getNote(sessionId: string): AttemptNote | undefined {
    const r = this.stmts.getNote.get(sessionId) as
      { voided: number; void_reason: string | null; comment: string | null; by: string; at: number } | undefined;
    return r
      ? { voided: r.voided === 1, voidReason: r.void_reason, comment: r.comment, by: r.by, at: r.at }
      : undefined;
  }

  setRating(sessionId: string, r: SatisfactionRating): void {
    this.stmts.setRating.run(sessionId, r.content, r.instructor, r.tool, r.comment, r.at);
  }

  getRating(sessionId: string): SatisfactionRating | undefined {
    const r = this.stmts.getRating.get(sessionId) as SatisfactionRating | undefined;
    return r ? { content: r.content, instructor: r.instructor, tool: r.tool, comment: r.comment, at: r.at } : undefined;
  }

  getSetting(key: string): string | undefined {
    return (this.stmts.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.stmts.setSetting.run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
