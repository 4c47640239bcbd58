/**
 * A cohort's results as CSV for a trainer who opens it in Excel (issue 17 pt 7), one row per
 * attempt (docs/WORKSHOP.md): headers, statuses and finding categories in the interface language
 * (Chinese by default), times in the server's local time zone as `yyyy-mm-dd hh:mm:ss` (Excel reads
 * them as dates; the zone is named in the header), the stream's own start and end (开始直播 to the
 * end), its duration, pass/fail, void and satisfaction. An attempt never started says 未开播 and
 * has no score, result or band.
 *
 * RFC 4180 quoting with CRLF line ends, and a UTF-8 byte-order mark so Excel reads Chinese as
 * UTF-8 rather than the system code page. Names are typed by people: a cell starting with
 * = + - @ (or a tab/CR) would run as a formula in a spreadsheet, so it gets a leading ' (OWASP
 * "CSV injection"). Pure: the server passes the local-time formatter and the zone's name.
 */
import { CATEGORY_INFO, type Category } from '../rubric/categories.js';
import { formatDuration } from '../stream-time.js';
import type { Attempt, CohortProgress } from './progress.js';

export const CSV_BOM = '\uFEFF';

type Lang = 'zh' | 'en';

/** Column ids (stable, for code) with their header per language; `{zone}` names the time zone. */
export const RESULTS_COLUMNS = [
  ['cohort', '班级', 'Cohort'],
  ['trainee', '学员', 'Trainee'],
  ['scenario', '场景', 'Scenario'],
  ['status', '状态', 'Status'],
  ['stream_start', '开播时间（{zone}）', 'Stream start ({zone})'],
  ['stream_end', '结束时间（{zone}）', 'Stream end ({zone})'],
  ['duration', '直播时长', 'Duration'],
  ['score', '得分', 'Score'],
  ['result', '结果', 'Result'],
  ['pass_mark', '及格线', 'Pass mark'],
  ['band', '等级', 'Band'],
  ['critical_findings', '严重问题数', 'Critical findings'],
  ['findings_total', '问题总数', 'Findings'],
  ['findings', '问题明细', 'Findings by category'],
  ['questions', '观众提问数', 'Viewer questions'],
  ['answered', '已回答', 'Answered'],
  ['avg_response_s', '平均回复用时（秒）', 'Mean reply time (s)'],
  ['voided', '是否作废', 'Voided'],
  ['void_reason', '作废原因', 'Void reason'],
  ['comment', '讲师评语', 'Facilitator comment'],
  ['satisfaction_content', '满意度：内容实用性', 'Satisfaction: content'],
  ['satisfaction_instructor', '满意度：讲师专业性', 'Satisfaction: instructor'],
  ['satisfaction_tool', '满意度：工具实操性', 'Satisfaction: tool'],
  ['satisfaction_avg', '满意度平均分', 'Satisfaction: mean'],
  ['satisfaction_comment', '学员留言', 'Trainee comment'],
  ['assigned_at', '布置时间（{zone}）', 'Assigned ({zone})'],
  ['session_id', '场次编号', 'Session id'],
] as const;

const WORDS = {
  zh: { notStarted: '未开播', running: '进行中', ended: '已结束', pass: '合格', fail: '不合格', yes: '是', no: '否' },
  en: {
    notStarted: 'Not started',
    running: 'Running',
    ended: 'Ended',
    pass: 'Pass',
    fail: 'Fail',
    yes: 'Yes',
    no: 'No',
  },
} as const;

/** Neutralise a would-be formula, then quote when the cell holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  lang?: Lang;
  /** Wall-clock ms → local time text (the server's zone), e.g. "2026-12-03 14:05:09". */
  localTime: (ms: number) => string;
  /** The zone's name for the headers, e.g. "Asia/Shanghai, UTC+08:00". */
  zone: string;
}

/** A category's name in the language (an id the catalogue does not know is shown as itself). */
export const categoryLabel = (id: string, lang: Lang): string => CATEGORY_INFO[id as Category]?.name[lang] ?? id;

function findingsText(a: Attempt, lang: Lang): string {
  return Object.entries(a.findings)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([c, n]) => `${categoryLabel(c, lang)}×${n}`)
    .join(lang === 'zh' ? '；' : '; ');
}

function row(p: CohortProgress, name: string, a: Attempt, o: Required<CsvOptions>): Array<string | number | null> {
  const w = WORDS[o.lang];
  const time = (ms: number | null) => (ms === null ? null : o.localTime(ms));
  const s = a.satisfaction;
  const status = !a.started ? w.notStarted : a.ended ? w.ended : w.running;
  const scored = a.started && a.ended;
  return [
    p.name,
    name,
    a.scenarioTitle[o.lang],
    status,
    time(a.streamStartedAt),
    a.started ? time(a.endedAt) : null,
    a.durationMs === null ? null : formatDuration(a.durationMs),
    // A never-started attempt has no score (未开播), not a 0; a running one shows its live figure.
    a.started ? a.total : null,
    scored ? (a.pass ? w.pass : w.fail) : a.started ? null : w.notStarted,
    a.passMark,
    a.started ? a.band[o.lang] : null,
    a.started ? a.criticalFindings : null,
    a.started ? Object.values(a.findings).reduce((x, y) => x + y, 0) : null,
    a.started ? findingsText(a, o.lang) : null,
    a.questions,
    a.answered,
    a.responseLatencyMs === null ? null : Math.round(a.responseLatencyMs / 100) / 10,
    a.voided ? w.yes : w.no,
    a.voidReason,
    a.comment,
    s?.content ?? null,
    s?.instructor ?? null,
    s?.tool ?? null,
    s ? Math.round(((s.content + s.instructor + s.tool) / 3) * 100) / 100 : null,
    s?.comment ?? null,
    time(a.startedAt),
    a.sessionId,
  ];
}

export function resultsCsv(p: CohortProgress, opts: CsvOptions): string {
  const o: Required<CsvOptions> = { lang: 'zh', ...opts };
  const header = RESULTS_COLUMNS.map((c) => (o.lang === 'zh' ? c[1] : c[2]).replace('{zone}', o.zone));
  const rows: string[] = [header.map(csvCell).join(',')];
  for (const t of p.trainees) for (const a of t.attempts) rows.push(row(p, t.name, a, o).map(csvCell).join(','));
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}
