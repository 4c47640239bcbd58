/**
 * A cohort's results as CSV, one row per attempt (docs/WORKSHOP.md). RFC 4180 quoting with CRLF
 * line ends, and a UTF-8 byte-order mark so Excel reads Chinese names as UTF-8 rather than the
 * system code page. Names are typed by people: a cell starting with = + - @ (or a tab/CR) would
 * run as a formula in a spreadsheet, so it gets a leading ' (OWASP "CSV injection").
 */
import type { CohortProgress } from './progress.js';

export const CSV_BOM = '\uFEFF';

export const RESULTS_COLUMNS = [
  'cohort',
  'trainee',
  'session_id',
  'scenario_id',
  'scenario_title',
  'started_at',
  'ended_at',
  'ended',
  'score',
  'pass',
  'pass_mark',
  'band',
  'critical_findings',
  'findings',
  'questions',
  'answered',
  'avg_response_latency_ms',
  'started',
  'voided',
  'void_reason',
  'comment',
  'satisfaction_content',
  'satisfaction_instructor',
  'satisfaction_tool',
  'satisfaction_comment',
] as const;

/** Neutralise a would-be formula, then quote when the cell holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function resultsCsv(p: CohortProgress, lang: 'zh' | 'en' = 'zh'): string {
  const rows: string[] = [RESULTS_COLUMNS.join(',')];
  for (const t of p.trainees) {
    for (const a of t.attempts) {
      const findings = Object.entries(a.findings)
        .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
        .map(([c, n]) => `${c}:${n}`)
        .join(';');
      rows.push(
        [
          p.name,
          t.name,
          a.sessionId,
          a.scenarioId,
          a.scenarioTitle[lang],
          iso(a.startedAt),
          iso(a.endedAt),
          a.ended,
          // A never-started attempt has no score (未开始), not a 0.
          a.started ? a.total : null,
          a.started ? a.pass : null,
          a.passMark,
          a.band[lang],
          a.criticalFindings,
          findings,
          a.questions,
          a.answered,
          a.responseLatencyMs,
          a.started,
          a.voided,
          a.voidReason,
          a.comment,
          a.satisfaction?.content ?? null,
          a.satisfaction?.instructor ?? null,
          a.satisfaction?.tool ?? null,
          a.satisfaction?.comment ?? null,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}
