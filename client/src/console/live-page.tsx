/**
 * The live overview: every running session (GET /api/live, every 2 s) with its scenario, trainee,
 * segment, elapsed time (ticking each second between polls), audience, live score (pass/fail colour) and latest finding. A row opens
 * the session's panel beside the table (controls, director mode, its chat).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkClick } from '../router.js';
import { useUi } from '../stores/ui-store.js';
import { clock, useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import { fetchLive } from './console-api.js';
import { EndedPanel, EndedSection } from './ended-panel.js';
import { ScoreBadge, StatusPill } from './live-badges.js';
import { SessionPanel } from './session-panel.js';
import { elapsedNow, useNow } from './ticking-clock.js';
import { usePoll } from './use-poll.js';

export const LIVE_POLL_MS = 2000;

export function LivePage() {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const f = useFormats();
  const poll = usePoll(() => fetchLive(), LIVE_POLL_MS, 'live');
  // The page's one 1 s timer: elapsed times tick between polls (rows and the panel read `now`).
  const now = useNow();
  const [selected, setSelected] = useState<string | null>(null);
  const sessions = poll.data?.sessions;
  const ended = poll.data?.ended ?? [];
  const current = sessions?.find((s) => s.sessionId === selected) ?? null;
  const endedCurrent = current ? null : (ended.find((s) => s.sessionId === selected) ?? null);
  const running = sessions?.filter((s) => s.status === 'live').length ?? 0;
  const waiting = sessions?.filter((s) => s.status === 'created').length ?? 0;

  return (
    <div className={`live-page${selected ? ' with-panel' : ''}`} data-testid="live-page">
      <section className="live-list">
        <header className="page-head">
          <div>
            <h1>{t('live.title')}</h1>
            <p className="hint">{t('live.lead')}</p>
          </div>
          {sessions && (
            <div className="page-head-meta">
              <strong data-testid="live-count">{t('live.running', { count: running })}</strong>
              {waiting > 0 && <span data-testid="waiting-count">{t('live.waiting', { count: waiting })}</span>}
              {poll.at && <small className="hint">{t('live.updated', { time: f.time(poll.at) })}</small>}
            </div>
          )}
        </header>
        {poll.error && (
          <p className="error banner" role="alert" data-testid="live-error">
            {t('live.pollError', { message: poll.error })}
          </p>
        )}
        {!sessions && !poll.error && (
          <div className="skeleton-table" aria-busy="true">
            <span />
            <span />
            <span />
          </div>
        )}
        {sessions?.length === 0 && (
          <div className="empty-state" data-testid="live-empty">
            <div className="empty-icon" aria-hidden="true" />
            <p>{t('live.empty')}</p>
            <p className="hint">{t('live.emptyHint')}</p>
            <a className="button primary" href="/console/cohorts" onClick={linkClick('/console/cohorts')}>
              {t('live.goCohorts')}
            </a>
          </div>
        )}
        {sessions && sessions.length > 0 && (
          <div className="table-wrap">
            <table className="data-table live-table">
              <thead>
                <tr>
                  <th>{t('live.col.trainee')}</th>
                  <th>{t('live.col.scenario')}</th>
                  <th>{t('live.col.status')}</th>
                  <th>{t('live.col.segment')}</th>
                  <th className="num">{t('live.col.elapsed')}</th>
                  <th className="num">{t('live.col.audience')}</th>
                  <th className="num">{t('live.col.score')}</th>
                  <th>{t('live.col.finding')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr
                    key={s.sessionId}
                    className={s.sessionId === selected ? 'selected' : undefined}
                    onClick={() => setSelected(s.sessionId === selected ? null : s.sessionId)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setSelected(s.sessionId);
                      }
                    }}
                    tabIndex={0}
                    aria-selected={s.sessionId === selected}
                    data-testid="live-row"
                    data-session-id={s.sessionId}
                  >
                    <td className="strong" data-testid="live-trainee">
                      {s.trainee ?? <span className="hint">{t('live.noTrainee')}</span>}
                    </td>
                    <td>{pick(s.scenarioTitle, lang)}</td>
                    <td>
                      <StatusPill s={s} />
                    </td>
                    <td>
                      <span className="seg-count">
                        {Math.min(s.segment.index + 1, s.segment.count)}/{s.segment.count}
                      </span>{' '}
                      <span className="muted">{pick(s.segment.title, lang)}</span>
                    </td>
                    <td className="num mono" data-testid="live-elapsed">
                      {clock(elapsedNow(s, poll.at, now))}
                    </td>
                    <td className="num" data-testid="live-audience">
                      {f.number(s.audience)}
                    </td>
                    <td className="num">
                      <ScoreBadge score={s.score} started={s.status !== 'created'} />
                    </td>
                    <td className="finding-cell">
                      {s.latestFinding ? (
                        <>
                          <span className="tag warn">{pick(s.latestFinding.name, lang)}</span>{' '}
                          <span className="quote">“{s.latestFinding.quote}”</span>
                        </>
                      ) : (
                        <span className="hint">{t('live.noFinding')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {poll.data && <EndedSection ended={ended} selected={selected} onSelect={setSelected} />}
      </section>
      {selected && endedCurrent && <EndedPanel key={selected} s={endedCurrent} onClose={() => setSelected(null)} />}
      {selected && !endedCurrent && (
        <SessionPanel
          key={selected}
          session={current}
          elapsedMs={current ? elapsedNow(current, poll.at, now) : 0}
          onChanged={poll.reload}
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  );
}
