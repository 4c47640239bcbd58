/**
 * A live session's status pill and score badge, shared by the live overview's rows and the session
 * panel (their own file, so the panel does not import the page that renders it).
 */
import { useTranslation } from 'react-i18next';
import type { LiveSession } from './console-api.js';

export function StatusPill({ s }: { s: LiveSession }) {
  const { t } = useTranslation('console');
  if (s.paused && s.status === 'live') return <span className="pill paused">{t('live.paused')}</span>;
  return (
    <span className={`pill status-${s.status}`}>
      {s.status === 'live' && <i className="dot" />}
      {t(`status.${s.status}`)}
    </span>
  );
}

export function ScoreBadge({ score, started = true }: { score: LiveSession['score']; started?: boolean }) {
  const { t } = useTranslation('console');
  // Waiting for 开始直播: no score yet, not a failing 0.
  if (!started)
    return (
      <span className="hint" data-testid="live-score" data-started="false">
        {t('live.notStarted')}
      </span>
    );
  // No score while the scenario's rubric is not loaded (GET /api/live answers null).
  if (!score)
    return (
      <span className="hint" data-testid="live-score">
        —
      </span>
    );
  return (
    <span
      className={`score-badge ${score.pass ? 'pass' : 'fail'}`}
      title={`${score.pass ? t('panel.pass') : t('panel.fail')} · ${t('panel.passMark', { n: score.passMark })}`}
      data-testid="live-score"
      data-pass={score.pass}
    >
      {score.total}
    </span>
  );
}
