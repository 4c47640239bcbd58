/** Labels of the report, shared by the HTML export (server) and the report page (client). */
import { formatDuration } from '../stream-time.js';

export const REPORT_TEXT = {
  zh: {
    title: '演练评估报告',
    total: '总分',
    pass: '通过',
    fail: '未通过',
    passMark: (n: number) => `及格线 ${n} 分`,
    capped: (raw: number) => `出现严重违规，总分封顶（未封顶前 ${raw} 分）`,
    grade: (g: number) => `等级 ${g}/5`,
    rubric: '评分标准',
    criteria: '评分项',
    criterion: '评分项',
    weight: '权重',
    score: '得分',
    notApplicable: '不适用',
    findings: '合规问题',
    noFindings: '没有发现合规问题。',
    quote: '原话',
    why: '为什么',
    rule: '规则',
    better: '更好的说法',
    replay: '在回放中查看',
    audience: '观众人数',
    sentiment: '观众情绪',
    pace: '语速（音节/分钟）',
    pauseSec: '停顿（秒）',
    timelines: '时间线',
    evidence: '依据',
    critical: '严重',
    major: '重要',
    minor: '轻微',
    host: '口播',
    chat: '评论回复',
    duration: '时长',
    questions: '提问',
    answered: '已回复',
    lures: '诈骗引流',
    peak: '观众峰值',
    minutes: '分钟',
    reviewTitle: '开播前脚本审查',
    reviewOk: '脚本审查通过',
    reviewFailed: '脚本中有严重问题',
    skipped: '反例（跳过）',
    departures: '离开的观众',
    correctedAt: (at: string) => `更正于 ${at}`,
    marksNote: '图中竖虚线为合规问题出现的时刻，数字对应上方问题编号（红色为严重）。',
    close: '关闭',
    print: '打印',
    leave: { ignored: '提问被忽视', bored: '冷场无聊', curve: '自然流失', offended: '被不当言论冒犯' },
  },
  en: {
    title: 'Rehearsal report',
    total: 'Total',
    pass: 'Pass',
    fail: 'Fail',
    passMark: (n: number) => `pass mark ${n}`,
    capped: (raw: number) => `Critical finding: total capped (${raw} before the cap)`,
    grade: (g: number) => `grade ${g}/5`,
    rubric: 'Rubric',
    criteria: 'Criteria',
    criterion: 'Criterion',
    weight: 'Weight',
    score: 'Score',
    notApplicable: 'n/a',
    findings: 'Findings',
    noFindings: 'No compliance findings.',
    quote: 'Words',
    why: 'Why',
    rule: 'Rule',
    better: 'Better phrasing',
    replay: 'See it in the replay',
    audience: 'Audience',
    sentiment: 'Sentiment',
    pace: 'Pace (syllables/min)',
    pauseSec: 'Pauses (s)',
    timelines: 'Timelines',
    evidence: 'Evidence',
    critical: 'critical',
    major: 'major',
    minor: 'minor',
    host: 'spoken',
    chat: 'chat reply',
    duration: 'Duration',
    questions: 'Questions',
    answered: 'answered',
    lures: 'Lures',
    peak: 'Peak audience',
    minutes: 'min',
    reviewTitle: 'Pre-broadcast script review',
    reviewOk: 'Script review passed',
    reviewFailed: 'Critical issues in the script',
    skipped: 'counter-example (skipped)',
    departures: 'Viewers who left',
    correctedAt: (at: string) => `corrected at ${at}`,
    marksNote: 'Dashed lines mark when each finding happened; the number is the finding above (red: critical).',
    close: 'Close',
    print: 'Print',
    leave: { ignored: 'ignored', bored: 'bored', curve: 'scenario curve', offended: 'offended by a claim' },
  },
} as const;

export type ReportLang = keyof typeof REPORT_TEXT;

/** "提问被忽视 2 · 自然流失 5" from departure counts by reason (empty when nobody left). */
export function departuresText(d: Readonly<Record<string, number>>, lang: ReportLang): string {
  const names = REPORT_TEXT[lang].leave as Record<string, string>;
  return Object.entries(d)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${names[k] ?? k} ${n}`)
    .join(' · ');
}

/**
 * The report's one line of counts, the same words in the app and in the HTML export (CT1):
 * duration, questions and replies, lures, peak audience and who left why.
 */
export function statsLine(
  s: {
    durationMs: number;
    questions: number;
    answered: number;
    lures: number;
    peakAudience: number;
    departures: Readonly<Record<string, number>>;
  },
  lang: ReportLang,
): string {
  const t = REPORT_TEXT[lang];
  const left = departuresText(s.departures, lang);
  return (
    `${t.duration} ${formatDuration(s.durationMs)} · ${t.questions} ${s.questions} (${t.answered} ${s.answered}) · ` +
    `${t.lures} ${s.lures} · ${t.peak} ${s.peakAudience}${left ? ` · ${t.departures}: ${left}` : ''}`
  );
}
