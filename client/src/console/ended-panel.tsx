/**
 * The overview's sessions that ended today (issue 17 pt 5): their own section under the running
 * ones, and a panel per session with the final score and links to its report and replay — an
 * ended session is a result to read, not a room that has gone.
 */
import { useTranslation } from 'react-i18next';
import { linkClick } from '../router.js';
import { useUi } from '../stores/ui-store.js';
import { clock, useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import type { EndedSession } from './console-api.js';

export function EndedScore({ s }: { s: EndedSession }) {
  const { t } = useTranslation('console');
  if (!s.score)
    return (
      <span className="hint" data-testid="ended-score">
        {t('live.notStarted')}
      </span>
    );
  return (
    <span
      className={`score-badge ${s.score.pass ? 'pass' : 'fail'}`}
      data-testid="ended-score"
      data-pass={s.score.pass}
    >
      {s.score.total}
    </span>
  );
}

export function EndedSection({
  ended,
  selected,
  onSelect,
}: {
  ended: EndedSession[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const f = useFormats();
  return (
    <section className="ended-section" data-testid="ended-section">
      <h2 className="section-title">{t('live.ended')}</h2>
      {ended.length === 0 ? (
        <p className="hint">{t('live.endedEmpty')}</p>
      ) : (
        <>
          <p className="hint">{t('live.endedHint')}</p>
          <div className="table-wrap">
            <table className="data-table live-table">
              <thead>
                <tr>
                  <th>{t('live.col.trainee')}</th>
                  <th>{t('live.col.scenario')}</th>
                  <th>{t('live.endedCol.ended')}</th>
                  <th className="num">{t('live.endedCol.duration')}</th>
                  <th className="num">{t('live.endedCol.result')}</th>
                </tr>
              </thead>
              <tbody>
                {ended.map((s) => (
                  <tr
                    key={s.sessionId}
                    className={s.sessionId === selected ? 'selected' : undefined}
                    onClick={() => onSelect(s.sessionId === selected ? null : s.sessionId)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onSelect(s.sessionId);
                      }
                    }}
                    tabIndex={0}
                    aria-selected={s.sessionId === selected}
                    data-testid="ended-row"
                    data-session-id={s.sessionId}
                  >
                    <td className="strong">{s.trainee}</td>
                    <td>{pick(s.scenarioTitle, lang)}</td>
                    <td>{s.endedAt === null ? '—' : f.time(s.endedAt)}</td>
                    <td className="num mono">{s.durationMs === null ? '—' : clock(s.durationMs)}</td>
                    <td className="num">
                      <EndedScore s={s} /> {s.voided && <span className="tag">{t('live.voided')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function EndedPanel({ s, onClose }: { s: EndedSession; onClose: () => void }) {
  const { t } = useTranslation('console');
  const lang = useUi((st) => st.lang);
  const f = useFormats();
  const report = `${s.links.report}?lang=${lang}`;
  return (
    <aside className="session-panel" aria-label={s.trainee} data-testid="session-panel" data-ended="true">
      <header className="session-panel-head">
        <div>
          <h2 className="panel-title">{s.trainee}</h2>
          <p className="hint">
            {pick(s.scenarioTitle, lang)} · <span className="pill status-ended">{t('ended.title')}</span>
          </p>
        </div>
        <button type="button" className="ghost close" onClick={onClose} aria-label={t('panel.close')}>
          ×
        </button>
      </header>
      <div className="kpis">
        <div className="kpi">
          <span className="kpi-label">{t('ended.score')}</span>
          <EndedScore s={s} />
          {s.score && (
            <small className="hint">
              {pick(s.score.band, lang)} · {t('panel.passMark', { n: s.score.passMark })}
            </small>
          )}
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('ended.duration')}</span>
          <strong className="mono">{s.durationMs === null ? '—' : clock(s.durationMs)}</strong>
          {s.streamStartedAt !== null && s.endedAt !== null && (
            <small className="hint">
              {t('ended.streamStart')} {f.time(s.streamStartedAt)} · {t('ended.streamEnd')} {f.time(s.endedAt)}
            </small>
          )}
        </div>
      </div>
      {s.score ? (
        <p className="hint">{t('ended.findings', { n: s.score.findings, critical: s.score.critical })}</p>
      ) : (
        <p className="hint" data-testid="ended-not-started">
          {t('ended.notStarted')}
        </p>
      )}
      <div className="row-form ended-links">
        <a className="button primary" href={report} target="_blank" rel="noreferrer" data-testid="ended-report-link">
          {t('ended.report')}
        </a>
        <a className="button" href={s.links.replay} onClick={linkClick(s.links.replay)} data-testid="ended-replay-link">
          {t('ended.replay')}
        </a>
      </div>
    </aside>
  );
}
