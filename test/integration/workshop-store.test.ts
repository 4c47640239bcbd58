/** One contract for every WorkshopStore: cohorts, trainees (unique names), assignments, ordering, reopening. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryWorkshopStore } from '../../server/workshop/workshop-store-memory.js';
import { SqliteWorkshopStore } from '../../server/workshop/workshop-store-sqlite.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { WorkshopStoreError, type WorkshopStore } from '../../server/workshop/workshop-store.js';
import { PgWorkshopStore } from '../../server/store/pg-workshop-store.js';
import { enginesRun, usePostgres } from '../harness/pg-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmpFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'bc-workshop-'));
  dirs.push(d);
  return join(d, 'branchcast.db');
}

const trainee = (id: string, cohortId: string, name: string, createdAt = 1) => ({ id, cohortId, name, createdAt });

function reason(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof WorkshopStoreError) return err.reason;
    throw err;
  }
  return 'no error';
}

const impls: Array<[string, () => WorkshopStore]> = [
  ['memory', () => new MemoryWorkshopStore()],
  ['sqlite', () => new SqliteWorkshopStore(tmpFile())],
];
// The same contract on PostgreSQL (docs/SCALING.md): a fresh migrated database per store.
if (enginesRun()) {
  const pg = usePostgres();
  impls.push(['postgres', () => new PgWorkshopStore(pg.fresh())]);
}

describe.each(impls)('WorkshopStore contract: %s', (_name, make) => {
  it('keeps cohorts newest first and trainees in the order added', () => {
    const s = make();
    s.createCohort({ id: 'c1', name: '一期', createdAt: 10 });
    s.createCohort({ id: 'c2', name: '二期', createdAt: 20 });
    expect(s.listCohorts().map((c) => c.id)).toEqual(['c2', 'c1']);
    s.addTrainees('c1', [trainee('t2', 'c1', '王芳'), trainee('t1', 'c1', 'Li Lei')]);
    s.addTrainees('c1', [trainee('t3', 'c1', '张伟')]);
    expect(s.listTrainees('c1').map((t) => t.name)).toEqual(['王芳', 'Li Lei', '张伟']);
    expect(s.listTrainees('c2')).toEqual([]);
    expect(s.getTrainee('t1')).toEqual(trainee('t1', 'c1', 'Li Lei'));
    expect(s.getCohort('nope')).toBeUndefined();
    s.close();
  });

  it('refuses a name already in the cohort (ignoring case and width) and adds none of the batch', () => {
    const s = make();
    s.createCohort({ id: 'c1', name: 'A', createdAt: 1 });
    s.createCohort({ id: 'c2', name: 'B', createdAt: 1 });
    s.addTrainees('c1', [trainee('t1', 'c1', 'Li Lei')]);
    expect(reason(() => s.addTrainees('c1', [trainee('t2', 'c1', '新人'), trainee('t3', 'c1', 'ＬＩ lei')]))).toBe(
      'DUPLICATE',
    );
    expect(s.listTrainees('c1').map((t) => t.name)).toEqual(['Li Lei']);
    // The same name in another cohort is fine.
    s.addTrainees('c2', [trainee('t4', 'c2', 'Li Lei')]);
    expect(reason(() => s.addTrainees('zz', [trainee('t5', 'zz', 'x')]))).toBe('NOT_FOUND');
    s.close();
  });

  it('records assignments, lists them oldest first, and keeps trainees who have any', () => {
    const s = make();
    s.createCohort({ id: 'c1', name: 'A', createdAt: 1 });
    s.addTrainees('c1', [trainee('t1', 'c1', 'a'), trainee('t2', 'c1', 'b'), trainee('t3', 'c1', 'c')]);
    s.addAssignment({ sessionId: 's2', cohortId: 'c1', traineeId: 't1', scenarioId: 'x', startedAt: 200 });
    s.addAssignment({ sessionId: 's1', cohortId: 'c1', traineeId: 't1', scenarioId: 'x', startedAt: 100 });
    s.addAssignment({ sessionId: 's3', cohortId: 'c1', traineeId: 't2', scenarioId: 'y', startedAt: 150 });
    expect(s.listAssignments({ cohortId: 'c1' }).map((a) => a.sessionId)).toEqual(['s1', 's3', 's2']);
    expect(s.listAssignments({ traineeId: 't1' }).map((a) => a.sessionId)).toEqual(['s1', 's2']);
    expect(s.getAssignment('s3')).toEqual({
      sessionId: 's3',
      cohortId: 'c1',
      traineeId: 't2',
      scenarioId: 'y',
      startedAt: 150,
    });
    expect(reason(() => s.addAssignment({ ...s.getAssignment('s3')!, traineeId: 't1' }))).toBe('DUPLICATE');
    expect(
      reason(() =>
        s.addAssignment({ sessionId: 's9', cohortId: 'c1', traineeId: 'nope', scenarioId: 'x', startedAt: 1 }),
      ),
    ).toBe('NOT_FOUND');
    expect(reason(() => s.deleteTrainee('t1'))).toBe('HAS_ATTEMPTS');
    s.deleteTrainee('t3');
    expect(s.listTrainees('c1').map((t) => t.id)).toEqual(['t1', 't2']);
    expect(reason(() => s.deleteTrainee('t3'))).toBe('NOT_FOUND');
    s.close();
  });

  it('keeps a facilitator note and a satisfaction rating per session, the latest replacing the first', () => {
    const s = make();
    expect(s.getNote('s1')).toBeUndefined();
    s.setNote('s1', { voided: true, voidReason: '设备故障', comment: null, by: 'lin', at: 5 });
    s.setNote('s1', { voided: true, voidReason: '设备故障', comment: '改日重考', by: 'lin', at: 6 });
    expect(s.getNote('s1')).toEqual({ voided: true, voidReason: '设备故障', comment: '改日重考', by: 'lin', at: 6 });
    s.setRating('s1', { content: 5, instructor: 4, tool: 3, comment: null, at: 7 });
    s.setRating('s1', { content: 4, instructor: 4, tool: 5, comment: '好用', at: 8 });
    expect(s.getRating('s1')).toEqual({ content: 4, instructor: 4, tool: 5, comment: '好用', at: 8 });
    expect(s.getRating('s2')).toBeUndefined();
    // Server settings a facilitator chose (self-practice): unset, set, replaced.
    expect(s.getSetting('selfPractice')).toBeUndefined();
    s.setSetting('selfPractice', 'off');
    s.setSetting('selfPractice', 'open');
    expect(s.getSetting('selfPractice')).toBe('open');
    s.close();
  });
});

describe('SqliteWorkshopStore', () => {
  it('shares the recordings database file and keeps everything across a reopen', () => {
    const file = tmpFile();
    const recordings = new SqliteStore(file);
    const a = new SqliteWorkshopStore(file);
    a.createCohort({ id: 'c1', name: '二〇二六年第四季度', createdAt: 5 });
    a.addTrainees('c1', [trainee('t1', 'c1', '王芳')]);
    a.addAssignment({ sessionId: 's1', cohortId: 'c1', traineeId: 't1', scenarioId: 'x', startedAt: 7 });
    a.close();
    recordings.close();
    const b = new SqliteWorkshopStore(file);
    expect(b.listCohorts()).toEqual([{ id: 'c1', name: '二〇二六年第四季度', createdAt: 5 }]);
    expect(b.listTrainees('c1').map((t) => t.name)).toEqual(['王芳']);
    expect(b.listAssignments({ cohortId: 'c1' })).toHaveLength(1);
    b.close();
    // The recording store still opens the same file.
    new SqliteStore(file).close();
  });
});
