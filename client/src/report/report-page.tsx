/**
 * The report page (a lazy chunk with ECharts): total and pass/fail, the radar of criteria, each
 * finding with the quoted words, the rule, a better phrasing and a link to the replay moment,
 * and the audience and sentiment timelines. Same model and chart options as the HTML export.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { LineChart, RadarChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TooltipComponent,
} from 'echarts/components';
import { replayLink, type Report } from '../../../core/rubric/report-model.js';
import { formatStreamTime, streamClock } from '../../../core/stream-time.js';
import { REPORT_TEXT, statsLine } from '../../../core/rubric/report-text.js';
import { radarOption, timelineOption, voiceOption } from '../../../core/rubric/report-charts.js';
import { withCode } from '../net/api.js';
import { Chart, registerChartParts } from '../ui/echarts-chart.js';
import { Icon } from '../ui/icons.js';
import { FixFirst } from './fix-first.js';
import { useExportLink } from './use-export-link.js';
import { RetryCompare } from './retry-compare.js';
import { SatisfactionForm } from './satisfaction-form.js';
import './report.css';

registerChartParts([
  RadarChart,
  LineChart,
  RadarComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
]);

export default function ReportPage({
  sessionId,
  lang,
  onClose,
}: {
  sessionId: string;
  lang: 'zh' | 'en';
  onClose: () => void;
}) {
  const { t } = useTranslation('report');
  const { t: ts } = useTranslation('studio');
  const exportLink = useExportLink(sessionId, lang);
  // Escape closes, as the visible button does.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`/api/sessions/${encodeURIComponent(sessionId)}/report`, withCode(sessionId))
      .then(async (r) => {
        if (!r.ok) throw new Error(((await r.json()) as { message?: string }).message ?? r.statusText);
        return (await r.json()) as Report;
      })
      .then(
        (r) => live && setReport(r),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [sessionId]);

  const L = (b: { zh: string; en: string }) => b[lang];
  // In a portal on <body>, over an opaque backdrop: nothing of the scene or the HUD shows through,
  // and the print stylesheet (report.css) can print this alone.
  return createPortal(
    <>
      <div className="report-backdrop" onClick={onClose} data-testid="report-backdrop" />
      <div className="report-page" role="dialog" aria-modal="true" aria-label={t('title')} data-testid="report-page">
        <header className="report-head">
          <h2>{t('title')}</h2>
          {report?.retryOf && (
            <p className="report-retry" data-testid="report-retry">
              {t('retryOf', {
                id: report.retryOf.parentSessionId.slice(0, 8),
                at: streamClock(report.stats.startedT, report.retryOf.atT, lang),
              })}
            </p>
          )}
          {/* A blob: link, fetched with the join code in a header, so no code lands in a URL. */}
          <a
            className="report-action no-print"
            href={exportLink.href ?? undefined}
            download={exportLink.name}
            aria-disabled={exportLink.href === null}
            title={exportLink.href === null ? ts('exportPreparing') : undefined}
            data-testid="report-export"
          >
            {t('exportHtml')}
          </a>
          <button
            type="button"
            className="report-action no-print"
            onClick={() => window.print()}
            data-testid="report-print"
          >
            <Icon name="print" />
            {ts('print')}
          </button>
          <button type="button" className="report-close no-print" onClick={onClose} data-testid="report-close">
            <Icon name="close" />
            {ts('close')}
          </button>
        </header>
        {error && <p className="error">{error}</p>}
        {!report && !error && <p className="hint">…</p>}
        {report && (
          <div className="report-body">
            <p className="report-total">
              <strong data-testid="report-total">{report.total}</strong> {t('outOf')}{' '}
              <span className={`badge ${report.pass ? 'pass' : 'fail'}`} data-testid="report-verdict">
                {report.pass ? t('pass') : t('fail')}
              </span>{' '}
              {t('passMark', { n: report.passMark })} · {t('grade', { g: report.grade })} {L(report.band)}
            </p>
            {report.capped && <p className="badge fail">{t('capped', { raw: report.rawTotal })}</p>}
            <p className="report-note" data-testid="report-stats">
              {statsLine(report.stats, lang)}
            </p>
            <FixFirst report={report} lang={lang} />
            <Chart option={radarOption(report, lang)} height={280} testId="report-radar" />
            <table className="report-criteria">
              <thead>
                <tr>
                  <th>{t('criterion')}</th>
                  <th>{t('weight')}</th>
                  <th>{t('score')}</th>
                </tr>
              </thead>
              <tbody>
                {report.criteria.map((c) => (
                  <tr key={c.kind}>
                    <td>
                      {L(c.label)}
                      <div className="report-note">
                        {L(c.summary)}
                        {c.weightNote ? ` (${L(c.weightNote)})` : ''}
                      </div>
                    </td>
                    <td>{c.weight}</td>
                    <td>{c.applicable ? c.score : t('notApplicable')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>
              {t('findings')} ({report.findings.length})
            </h3>
            {report.findings.length === 0 && <p>{t('noFindings')}</p>}
            {report.findings.map((f, i) => (
              <div key={i} className={`report-finding${f.critical ? ' critical' : ''}`} data-testid="report-finding">
                <div className="report-finding-head">
                  <strong>
                    <span className="report-finding-no">{i + 1}.</span> {L(f.name)} · {t(`severity.${f.severity}`)}
                  </strong>
                  <a href={f.link} data-testid="report-finding-link">
                    {t('replay')} {formatStreamTime(f.streamT, lang)}
                  </a>
                </div>
                <div>
                  {f.text.slice(0, f.start)}
                  <mark>{f.text.slice(f.start, f.end)}</mark>
                  {f.text.slice(f.end)}
                </div>
                <div className="report-note">
                  {t('why')}: {L(f.explanation)}
                </div>
                <div className="report-note">
                  {t('rule')}: {f.rules.join(' · ')} — {f.law}
                </div>
                {f.corrected && (
                  <div className="report-note" data-testid="report-finding-corrected">
                    <a href={replayLink(report.sessionId, f.corrected.seq)}>
                      {REPORT_TEXT[lang].correctedAt(formatStreamTime(f.corrected.streamT, lang))}
                    </a>
                  </div>
                )}
                <div className="report-note">
                  {t('better')}: {L(f.suggestion)}
                </div>
              </div>
            ))}
            <h3>{t('timelines')}</h3>
            <Chart option={timelineOption(report, lang)} height={220} testId="report-timeline" />
            {report.findings.length > 0 && <p className="report-note">{REPORT_TEXT[lang].marksNote}</p>}
            {voiceOption(report, lang) && (
              <Chart option={voiceOption(report, lang)!} height={200} testId="report-voice" />
            )}
            {report.retryOf && <RetryCompare sessionId={sessionId} lang={lang} />}
            {report.stats.endedT !== null && <SatisfactionForm sessionId={sessionId} />}
          </div>
        )}
      </div>
    </>,
    document.body,
  );
}
