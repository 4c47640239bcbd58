/**
 * The live overview as a table (the wall's other view): one row per running session with its
 * scenario, trainee, segment, elapsed time, audience, live score and latest finding.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../stores/ui-store.js';
import { clock, useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import type { LiveSession } from './console-api.js';
import { ScoreBadge, StatusPill } from './live-badges.js';
import { elapsedNow } from './ticking-clock.js';

export function LiveTable({
  sessions,
  selected,
  setSelected,
  at,
  now,
}: {
  sessions: LiveSession[];
  selected: string | null;
  setSelected: (id: string | null) => void;
  at: number | null;
  now: number;
}) {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const f = useFormats();
  return (
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
                {clock(elapsedNow(s, at, now))}
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
  );
}
