/** The wall's alerts (core/workshop/alerts.ts) and order (client/src/console/wall-sort.ts). */
import { describe, expect, it } from 'vitest';
import { alertsOf, ALERT_LIMITS } from '../../core/workshop/alerts.js';
import type { LiveSession } from '../../core/workshop/api-types.js';
import { sortWall } from '../../client/src/console/wall-sort.js';

const bi = (zh: string) => ({ zh, en: zh });
const base = {
  now: 100_000,
  startedT: 10_000,
  ended: false,
  findings: [],
  lures: [],
  warnings: [],
  questions: [],
  helpRequestedT: null,
};

describe('wall alerts', () => {
  it('a critical finding alerts for its hold time; a minor one never', () => {
    const f = (seq: number, t: number, critical: boolean) => ({
      seq,
      t,
      critical,
      name: bi('承诺收益'),
      quote: '稳赚',
    });
    const got = alertsOf({ ...base, findings: [f(5, 90_000, true), f(6, 95_000, false)] });
    expect(got).toMatchObject([{ id: 'critical:5', kind: 'critical', streamT: 80_000, text: '稳赚' }]);
    expect(
      alertsOf({ ...base, now: 90_000 + ALERT_LIMITS.criticalHoldMs + 1, findings: [f(5, 90_000, true)] }),
    ).toEqual([]);
  });

  it('a lure alerts once it has stood past the limit with no warning after it', () => {
    const lure = { seq: 7, t: 60_000, text: '扣1进群', by: '老师' };
    expect(alertsOf({ ...base, lures: [lure] })).toMatchObject([{ kind: 'lure', by: '老师' }]);
    expect(alertsOf({ ...base, lures: [lure], warnings: [65_000] })).toEqual([]);
    expect(alertsOf({ ...base, now: 60_000 + ALERT_LIMITS.lureMs - 1, lures: [lure] })).toEqual([]);
  });

  it('a question waiting past the limit, and a help request, alert; nothing after the end', () => {
    const q = { seq: 9, t: 30_000, text: '能保本吗？', askedBy: '小王' };
    const got = alertsOf({ ...base, questions: [q], helpRequestedT: 99_000 });
    expect(got.map((a) => a.kind)).toEqual(['help', 'question']);
    expect(alertsOf({ ...base, questions: [q], helpRequestedT: 99_000, ended: true })).toEqual([]);
  });

  it('sorts rooms with unseen alerts first, then by name; lowest score puts unstarted last', () => {
    const s = (trainee: string, status: 'created' | 'live', total: number | null) =>
      ({ trainee, status, score: total === null ? null : { total }, elapsedMs: 0 }) as unknown as LiveSession;
    const rooms = [s('王磊', 'live', 90), s('李娜', 'live', 40), s('陈悦', 'created', 0)];
    const c = new Intl.Collator('zh-CN');
    expect(sortWall(rooms, 'alerts', (x) => (x.trainee === '王磊' ? 1 : 0), c).map((x) => x.trainee)[0]).toBe('王磊');
    expect(sortWall(rooms, 'scoreLow', () => 0, c).map((x) => x.trainee)).toEqual(['李娜', '王磊', '陈悦']);
  });
});
