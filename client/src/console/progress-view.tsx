/**
 * A cohort's progress (GET /api/cohorts/:id/progress), a lazy chunk with ECharts (only the parts
 * used, as the report page does): the practical pass rate against the programme's 90 % target
 * (seed/ 6.2–6.3), attempt pass rate, average response time, the most frequent findings, scores
 * over attempts per trainee, findings by category over time, and every trainee's attempts.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CATEGORY_INFO, type Category } from '../../../core/rubric/categories.js';
import { linkClick } from '../router.js';
import { useUi, type Lang } from '../stores/ui-store.js';
import { formatsFor, useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import { Chart, registerChartParts } from '../ui/echarts-chart.js';
import { counted } from '../../../core/workshop/progress.js';
import { AttemptActions, AttemptResult, AttemptScore } from './attempt-verdict.js';
import type { Attempt, CohortProgress } from './console-api.js';

registerChartParts([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent]);

const TEXT = '#e8ecf4';
const MUTED = '#95a0b8';
const LINE = 'rgba(255,255,255,0.09)';
const PALETTE = [
  '#4da3ff',
  '#ffd166',
  '#4fc48a',
  '#ff7a90',
  '#b48cff',
  '#5ee0e0',
  '#ff9f43',
  '#c8d6e5',
  '#f368e0',
  '#10ac84',
];

export function categoryName(id: string, lang: Lang): string {
  return CATEGORY_INFO[id as Category]?.name[lang] ?? id;
}

const axis = {
  axisLine: { lineStyle: { color: LINE } },
  axisLabel: { color: MUTED },
  splitLine: { lineStyle: { color: LINE } },
};

/** Scores by attempt number, one line per trainee, with the pass mark. */
function scoreOption(p: CohortProgress, t: TFunction<'console'>): Record<string, unknown> {
  const most = Math.max(1, ...p.trainees.map((tr) => tr.attempts.length));
  const passMark = p.trainees.flatMap((tr) => tr.attempts)[0]?.passMark ?? 80;
  return {
    color: PALETTE,
    textStyle: { color: TEXT },
    tooltip: { trigger: 'axis' },
    legend: { textStyle: { color: MUTED }, top: 0, type: 'scroll' },
    grid: { left: 40, right: 24, top: 36, bottom: 28 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: most }, (_, i) => t('cohort.attempt', { n: i + 1 })),
      ...axis,
    },
    yAxis: { type: 'value', min: 0, max: 100, ...axis },
    series: p.trainees.map((tr, i) => ({
      type: 'line',
      name: tr.name,
      // 未开始 and voided attempts are in no chart.
      data: tr.attempts.filter(counted).map((a) => a.total),
      symbolSize: 8,
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: '#d0203a', type: 'dashed' },
              label: {
                color: '#ff9aa9',
                position: 'insideEndTop',
                formatter: `${t('cohort.passMarkLine')} ${passMark}`,
              },
              data: [{ yAxis: passMark }],
            },
          }
        : {}),
    })),
  };
}

/** Findings by category per attempt, in the order the attempts started (stacked bars). */
function findingsOption(attempts: Array<Attempt & { who: string }>, lang: Lang): Record<string, unknown> {
  const f = formatsFor(lang);
  const cats = [...new Set(attempts.flatMap((a) => Object.keys(a.findings)))];
  return {
    color: PALETTE,
    textStyle: { color: TEXT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { textStyle: { color: MUTED }, top: 0, type: 'scroll' },
    grid: { left: 40, right: 24, top: 36, bottom: 44 },
    xAxis: {
      type: 'category',
      data: attempts.map((a) => `${a.who}\n${f.time(a.startedAt)}`),
      ...axis,
    },
    yAxis: { type: 'value', minInterval: 1, ...axis },
    series: cats.map((c) => ({
      type: 'bar',
      stack: 'findings',
      name: categoryName(c, lang),
      data: attempts.map((a) => a.findings[c] ?? 0),
    })),
  };
}

function Findings({ findings }: { findings: Record<string, number> }) {
  const lang = useUi((s) => s.lang);
  const entries = Object.entries(findings).filter(([, n]) => n > 0);
  if (entries.length === 0) return <span className="hint">—</span>;
  return (
    <span className="chips">
      {entries
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => (
          <span key={c} className="chip">
            {categoryName(c, lang)} × {n}
          </span>
        ))}
    </span>
  );
}

export default function ProgressView({ progress: p }: { progress: CohortProgress }) {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const f = useFormats();
  const [who, setWho] = useState('');
  const s = p.summary;

  const scoreOpt = useMemo(() => scoreOption(p, t), [p, t]);
  const timeline = useMemo(
    () =>
      p.trainees
        .filter((tr) => !who || tr.traineeId === who)
        .flatMap((tr) => tr.attempts.filter((a) => a.started && !a.voided).map((a) => ({ ...a, who: tr.name })))
        .sort((a, b) => a.startedAt - b.startedAt),
    [p, who],
  );
  const findingsOpt = useMemo(() => findingsOption(timeline, lang), [timeline, lang]);
  const latency = (ms: number | null) =>
    ms === null ? t('cohort.latencyNone') : t('cohort.latencyValue', { sec: f.seconds(ms) });
  const rate = s.practicalPassRate;

  if (s.attempts === 0)
    return (
      <div className="empty-state" data-testid="progress-empty">
        <div className="empty-icon" aria-hidden="true" />
        <p>{t('cohort.progressEmpty')}</p>
      </div>
    );

  return (
    <div className="progress-view" data-testid="progress-view">
      <div className="kpi-cards">
        <div
          className={`card kpi-card ${rate === null ? '' : s.targetMet ? 'good' : 'bad'}`}
          data-testid="pass-rate-card"
        >
          <span className="kpi-label">{t('cohort.passRate')}</span>
          <strong className="kpi-big" data-testid="pass-rate" data-rate={rate ?? ''}>
            {rate === null ? '—' : f.percent(rate)}
          </strong>
          <div className="rate-bar" aria-hidden="true">
            <span className="fill" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
            <span className="target" style={{ left: `${Math.round(p.target * 100)}%` }} />
          </div>
          <small>
            {t('cohort.target', { pct: f.percent(p.target) })} ·{' '}
            {rate === null ? t('cohort.passRateNone') : s.targetMet ? t('cohort.targetMet') : t('cohort.targetMissed')}
          </small>
          <small className="hint">{t('cohort.assessed', { passed: s.passedTrainees, assessed: s.assessed })}</small>
        </div>
        <div className="card kpi-card">
          <span className="kpi-label">{t('cohort.attemptRate')}</span>
          <strong className="kpi-big">{s.attemptPassRate === null ? '—' : f.percent(s.attemptPassRate)}</strong>
          <small className="hint">{t('cohort.attempts', { passed: s.passedAttempts, ended: s.endedAttempts })}</small>
        </div>
        <div
          className={`card kpi-card ${s.satisfaction.overall === null ? '' : s.satisfaction.targetMet ? 'good' : 'bad'}`}
          data-testid="satisfaction-card"
        >
          <span className="kpi-label">{t('cohort.satisfaction')}</span>
          <strong className="kpi-big" data-testid="satisfaction">
            {s.satisfaction.overall === null ? '—' : f.number(s.satisfaction.overall)}
          </strong>
          <small>{t('cohort.satisfactionTarget', { n: f.number(s.satisfaction.target) })}</small>
          <small className="hint">
            {t('cohort.satisfactionItems', {
              content: s.satisfaction.content === null ? '—' : f.number(s.satisfaction.content),
              instructor: s.satisfaction.instructor === null ? '—' : f.number(s.satisfaction.instructor),
              tool: s.satisfaction.tool === null ? '—' : f.number(s.satisfaction.tool),
              count: s.satisfaction.ratings,
            })}
          </small>
        </div>
        <div className="card kpi-card">
          <span className="kpi-label">{t('cohort.latency')}</span>
          <strong className="kpi-big" data-testid="avg-latency">
            {latency(s.avgResponseLatencyMs)}
          </strong>
        </div>
        <div className="card kpi-card top-findings" data-testid="top-findings">
          <span className="kpi-label">{t('cohort.topFindings')}</span>
          {s.topFindings.length === 0 ? (
            <small className="hint">{t('cohort.noFindings')}</small>
          ) : (
            <ol>
              {s.topFindings.slice(0, 5).map((x) => (
                <li key={x.category}>
                  <span>{categoryName(x.category, lang)}</span>
                  <strong>{f.number(x.count)}</strong>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>

      <div className="chart-grid">
        <section className="card">
          <h3>{t('cohort.scoreChart')}</h3>
          <Chart option={scoreOpt} height={260} testId="chart-scores" />
        </section>
        <section className="card">
          <div className="card-head">
            <h3>{t('cohort.findingsChart')}</h3>
            <select value={who} onChange={(e) => setWho(e.target.value)} aria-label={t('cohort.colTrainee')}>
              <option value="">{t('cohort.allTrainees')}</option>
              {p.trainees.map((tr) => (
                <option key={tr.traineeId} value={tr.traineeId}>
                  {tr.name}
                </option>
              ))}
            </select>
          </div>
          <Chart option={findingsOpt} height={260} testId="chart-findings" />
        </section>
      </div>

      <h3 className="section-title">{t('cohort.perTrainee')}</h3>
      <div className="trainee-results">
        {p.trainees.map((tr) => (
          <section
            key={tr.traineeId}
            className="card trainee-result"
            data-testid="trainee-result"
            data-trainee={tr.name}
          >
            <header className="card-head">
              <strong>{tr.name}</strong>
              {tr.summary.endedAttempts > 0 && (
                <span className={`badge ${tr.summary.passed ? 'pass' : 'fail'}`} data-testid="trainee-verdict">
                  {tr.summary.passed ? t('cohort.passedBadge') : t('cohort.notYet')}
                </span>
              )}
              {tr.summary.best !== null && <span className="hint">{t('cohort.best', { n: tr.summary.best })}</span>}
            </header>
            {tr.attempts.length === 0 ? (
              <p className="hint">{t('cohort.noAttempts')}</p>
            ) : (
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th>{t('cohort.colWhen')}</th>
                    <th>{t('cohort.colScenario')}</th>
                    <th className="num">{t('cohort.colScore')}</th>
                    <th>{t('cohort.colResult')}</th>
                    <th>{t('cohort.colFindings')}</th>
                    <th className="num">{t('cohort.colLatency')}</th>
                    <th />
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {tr.attempts.map((a) => (
                    <tr key={a.sessionId} data-testid="attempt-row" data-session-id={a.sessionId}>
                      <td>{f.dateTime(a.startedAt)}</td>
                      <td>{pick(a.scenarioTitle, lang)}</td>
                      <td className="num strong" data-testid="attempt-score">
                        <AttemptScore a={a} />
                      </td>
                      <td>
                        <AttemptResult a={a} />
                      </td>
                      <td>
                        <Findings findings={a.findings} />
                      </td>
                      <td className="num">{latency(a.responseLatencyMs)}</td>
                      <td>
                        <a
                          href={`/replay/${encodeURIComponent(a.sessionId)}`}
                          onClick={linkClick(`/replay/${encodeURIComponent(a.sessionId)}`)}
                        >
                          {t('cohort.replay')}
                        </a>
                      </td>
                      <td>
                        <AttemptActions a={a} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
