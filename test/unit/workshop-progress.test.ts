/** Cohort progress as pure aggregation (core/workshop/progress.ts) and the CSV export (results-csv.ts). */
import { describe, expect, it } from 'vitest';
import type { Report, ReportFinding } from '../../core/rubric/report-model.js';
import {
  attemptOf,
  cohortProgress,
  latencyOf,
  PRACTICAL_PASS_TARGET,
  traineeProgress,
  type Attempt,
} from '../../core/workshop/progress.js';
import { csvCell, resultsCsv, RESULTS_COLUMNS } from '../../core/workshop/results-csv.js';

const bi = (zh: string, en = zh) => ({ zh, en });

function finding(category: string, critical = false): ReportFinding {
  return { category, critical } as unknown as ReportFinding;
}

function report(total: number, pass: boolean, findings: ReportFinding[] = []): Report {
  return {
    total,
    pass,
    passMark: 80,
    band: pass ? bi('合格', 'Pass') : bi('不合格', 'Fail'),
    scenarioTitle: bi('危机演练', 'Crisis drill'),
    findings,
    stats: { startedT: 0 },
  } as unknown as Report;
}

let n = 0;
function attempt(over: Partial<Attempt> = {}): Attempt {
  n++;
  return {
    sessionId: `s${n}`,
    scenarioId: 'crisis',
    scenarioTitle: bi('危机演练', 'Crisis drill'),
    startedAt: 1_000 * n,
    endedAt: 1_000 * n + 500,
    streamStartedAt: 1_000 * n + 100,
    durationMs: 400,
    ended: true,
    total: 85,
    pass: true,
    passMark: 80,
    band: bi('合格', 'Pass'),
    findings: {},
    criticalFindings: 0,
    questions: 0,
    answered: 0,
    responseLatencyMs: null,
    started: true,
    voided: false,
    voidReason: null,
    comment: null,
    satisfaction: null,
    ...over,
  };
}

describe('attemptOf', () => {
  it('counts findings by category, critical ones, and the mean reply latency', () => {
    const r = report(55, false, [finding('guarantee', true), finding('fraud_lure'), finding('guarantee', true)]);
    const latency = latencyOf({
      questions: [
        { seq: 1, t: 1000, text: '?', askedBy: 'a', answerSeq: 3, answerT: 5000 },
        { seq: 2, t: 2000, text: '?', askedBy: 'b', answerSeq: 4, answerT: 10_000 },
        { seq: 5, t: 3000, text: '?', askedBy: 'c', answerSeq: null, answerT: null },
      ],
    });
    expect(latency).toEqual({ questions: 3, answered: 2, sumMs: 12_000 });
    const a = attemptOf({ sessionId: 's', scenarioId: 'x', startedAt: 10, endedAt: null }, r, latency);
    expect(a).toMatchObject({
      total: 55,
      pass: false,
      ended: false,
      endedAt: null,
      findings: { guarantee: 2, fraud_lure: 1 },
      criticalFindings: 2,
      questions: 3,
      answered: 2,
      responseLatencyMs: 6000,
    });
    expect(
      attemptOf({ sessionId: 's', scenarioId: 'x', startedAt: 1, endedAt: 2 }, r, latencyOf({ questions: [] })),
    ).toMatchObject({ ended: true, responseLatencyMs: null });
  });
});

describe('traineeProgress', () => {
  it('orders attempts oldest first; passed means an ended attempt passed; live attempts do not count', () => {
    const later = attempt({ startedAt: 9_000, total: 90, pass: true, ended: false, endedAt: null });
    const first = attempt({ startedAt: 1_000, total: 60, pass: false, findings: { guarantee: 1 } });
    const second = attempt({ startedAt: 5_000, total: 82, pass: true, findings: { guarantee: 1, rumour: 2 } });
    const p = traineeProgress({ traineeId: 't', name: '王芳', cohortId: 'c' }, [later, first, second]);
    expect(p.attempts.map((a) => a.startedAt)).toEqual([1_000, 5_000, 9_000]);
    expect(p.summary).toMatchObject({
      attempts: 3,
      endedAttempts: 2,
      passedAttempts: 1,
      passed: true,
      best: 82,
      latest: 82,
      findings: { guarantee: 2, rumour: 2 },
    });
    const live = traineeProgress({ traineeId: 't', name: 'x', cohortId: 'c' }, [later]);
    expect(live.summary).toMatchObject({ passed: false, best: null, latest: null, endedAttempts: 0 });
  });

  it('averages latency over every answered question, not over attempts', () => {
    const p = traineeProgress({ traineeId: 't', name: 'x', cohortId: 'c' }, [
      attempt({ answered: 1, responseLatencyMs: 10_000 }),
      attempt({ answered: 3, responseLatencyMs: 2_000 }),
      attempt({ answered: 0, responseLatencyMs: null }),
    ]);
    expect(p.summary.avgResponseLatencyMs).toBe(4_000);
  });
});

describe('cohortProgress', () => {
  const t = (id: string, attempts: Attempt[]) => traineeProgress({ traineeId: id, name: id, cohortId: 'c' }, attempts);

  it('practical pass rate = passed trainees / assessed trainees, against the 90 % target', () => {
    const trainees = [
      t('a', [attempt({ pass: false, total: 50 }), attempt({ pass: true, total: 88 })]),
      t('b', [attempt({ pass: true, findings: { guarantee: 1 } })]),
      t('c', [attempt({ pass: false, total: 40, findings: { guarantee: 2, rumour: 1 } })]),
      t('d', []),
      t('e', [attempt({ ended: false, endedAt: null, pass: false })]),
    ];
    const c = cohortProgress({ cohortId: 'c', name: '一期' }, trainees);
    expect(c.target).toBe(PRACTICAL_PASS_TARGET);
    expect(c.summary).toMatchObject({
      trainees: 5,
      assessed: 3,
      passedTrainees: 2,
      targetMet: false,
      attempts: 5,
      endedAttempts: 4,
      passedAttempts: 2,
      attemptPassRate: 0.5,
      topFindings: [
        { category: 'guarantee', count: 3 },
        { category: 'rumour', count: 1 },
      ],
    });
    expect(c.summary.practicalPassRate).toBeCloseTo(2 / 3);
  });

  it('meets the target at exactly 90 % and has no rate before anyone is assessed', () => {
    const ten = Array.from({ length: 10 }, (_, i) => t(`t${i}`, [attempt({ pass: i < 9 })]));
    expect(cohortProgress({ cohortId: 'c', name: 'x' }, ten).summary).toMatchObject({
      practicalPassRate: 0.9,
      targetMet: true,
    });
    const none = cohortProgress({ cohortId: 'c', name: 'x' }, [t('a', [])]);
    expect(none.summary).toMatchObject({ practicalPassRate: null, targetMet: false, avgResponseLatencyMs: null });
  });
});

describe('results CSV', () => {
  it('quotes per RFC 4180 and neutralises spreadsheet formulas', () => {
    expect(csvCell('王芳')).toBe('王芳');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const bad of ['+1', '-2', '@SUM(A1)', '\tx']) expect(csvCell(bad).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  // A fixed formatter: the server passes its local time (server/workshop/local-time.ts).
  const opts = {
    localTime: (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
    zone: 'UTC+08:00',
  };

  it('has a BOM, a Chinese header, and one CRLF row per attempt with local times', () => {
    const c = cohortProgress({ cohortId: 'c', name: '2026 第四季度' }, [
      traineeProgress({ traineeId: 'a', name: '=王芳', cohortId: 'c' }, [
        attempt({
          startedAt: Date.UTC(2026, 11, 1, 8, 55),
          streamStartedAt: Date.UTC(2026, 11, 1, 9),
          endedAt: Date.UTC(2026, 11, 1, 9, 30),
          durationMs: 30 * 60_000,
          findings: { guarantee_of_principal: 1, fraud_lure: 2 },
          satisfaction: { content: 5, instructor: 4, tool: 3, comment: null },
        }),
        attempt({
          startedAt: Date.UTC(2026, 11, 2, 9),
          streamStartedAt: null,
          durationMs: null,
          endedAt: null,
          ended: false,
          started: false,
        }),
      ]),
      traineeProgress({ traineeId: 'b', name: 'Li, Lei', cohortId: 'c' }, [
        attempt({ total: 70, pass: false, voided: true, voidReason: '网络中断' }),
      ]),
    ]);
    const csv = resultsCsv(c, opts);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(RESULTS_COLUMNS.map((x) => x[1].replace('{zone}', 'UTC+08:00')).join(','));
    expect(
      lines[0]!.startsWith('班级,学员,场景,状态,开播时间（UTC+08:00）,结束时间（UTC+08:00）,直播时长,得分,结果,'),
    ).toBe(true);
    expect(lines).toHaveLength(4);
    expect(
      lines[1]!.startsWith(
        "2026 第四季度,'=王芳,危机演练,已结束,2026-12-01 17:00:00,2026-12-01 17:30:00,30:00,85,合格,80,合格,0,3,",
      ),
    ).toBe(true);
    // Categories by name, never the internal id; no UTC Z anywhere.
    expect(lines[1]).toContain(',诈骗诱导话术×2；保本或无风险表述×1,');
    expect(csv).not.toMatch(/fraud_lure|guarantee_of|\dZ/);
    expect(lines[1]).toContain(',5,4,3,4,');
    // Never started: marked, no score, no result, no band.
    expect(lines[2]!.startsWith("2026 第四季度,'=王芳,危机演练,未开播,,,,,未开播,80,,")).toBe(true);
    expect(lines[3]!.startsWith('2026 第四季度,"Li, Lei",')).toBe(true);
    expect(lines[3]).toContain(',不合格,');
    expect(lines[3]).toContain(',是,网络中断,');
    const en = resultsCsv(c, { ...opts, lang: 'en' });
    expect(en).toContain('Cohort,Trainee,Scenario,Status,Stream start (UTC+08:00)');
    expect(en).toContain(',Crisis drill,Ended,');
    expect(en).toContain(',Not started,');
  });
});

describe('a gradebook that can be trusted (issue 12 pt 8, 10)', () => {
  const who = (id: string) => ({ traineeId: id, name: id, cohortId: 'c' });

  it('a voided attempt is kept but leaves the pass rate, the findings and the latency', () => {
    const pass = traineeProgress(who('a'), [attempt({ total: 90, pass: true })]);
    const failOnly = attempt({ total: 40, pass: false, findings: { guarantee: 3 } });
    const b = (voided: boolean) =>
      traineeProgress(who('b'), [{ ...failOnly, voided, voidReason: voided ? '网络中断' : null }]);
    const before = cohortProgress({ cohortId: 'c', name: 'c' }, [pass, b(false)]);
    const after = cohortProgress({ cohortId: 'c', name: 'c' }, [pass, b(true)]);
    expect(before.summary.practicalPassRate).toBe(0.5);
    expect(after.summary.practicalPassRate).toBe(1);
    expect(after.summary.assessed).toBe(1);
    expect(after.summary.voided).toBe(1);
    expect(after.summary.topFindings).toEqual([]);
    // Kept: still listed with its reason.
    expect(after.trainees[1]!.attempts[0]).toMatchObject({ voided: true, voidReason: '网络中断', total: 40 });
  });

  it('a never-started attempt is 未开始: in no denominator, best score or chart', () => {
    const never = attempt({ total: 0, pass: false, started: false });
    const t = traineeProgress(who('a'), [attempt({ total: 85 }), never]);
    expect(t.summary).toMatchObject({ endedAttempts: 1, notStarted: 1, latest: 85, best: 85 });
    const c = cohortProgress({ cohortId: 'c', name: 'c' }, [t, traineeProgress(who('b'), [never])]);
    expect(c.summary.assessed).toBe(1);
    expect(c.summary.practicalPassRate).toBe(1);
    expect(c.summary.attemptPassRate).toBe(1);
  });

  it('satisfaction averages rated sessions against the 4.5 target', () => {
    const rated = (content: number, instructor: number, tool: number) =>
      attempt({ satisfaction: { content, instructor, tool, comment: null } });
    const c = cohortProgress({ cohortId: 'c', name: 'c' }, [
      traineeProgress(who('a'), [rated(5, 5, 4), attempt()]),
      traineeProgress(who('b'), [rated(4, 5, 4)]),
    ]);
    expect(c.summary.satisfaction).toMatchObject({ ratings: 2, content: 4.5, instructor: 5, tool: 4, target: 4.5 });
    expect(c.summary.satisfaction.overall).toBe(4.5);
    expect(c.summary.satisfaction.targetMet).toBe(true);
  });
});
