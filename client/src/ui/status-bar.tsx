/** The status line: session status, segment n/N, elapsed time, audience, connection; Leave. */
import { useEffect, useState } from 'react';
import { useSession } from '../stores/session-store.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { sessionClient } from '../net/session-client.js';
import { navigate } from '../router.js';
import { useTranslation } from 'react-i18next';
import { pick } from './i18n.js';

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = Math.floor(s / 60);
  const ss = s % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

export function StatusBar() {
  const { t } = useTranslation('rehearsal');
  const lang = useUi((s) => s.lang);
  const codes = useUi((s) => s.createdCodes);
  const scenario = useSession((s) => s.state.scenario);
  const status = useSession((s) => s.state.status);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const now = useSession((s) => s.state.endedT ?? s.state.t);
  const startedT = useSession((s) => s.state.startedT);
  const audience = useSession((s) => s.state.audience);
  const connection = useSession((s) => s.connection);
  const role = useSession((s) => s.role);

  const lastEventAt = useSession((s) => s.lastEventAt);
  // state.t only moves with events; while live, run the clock on locally between them.
  const [tick, setTick] = useState(() => performance.now());
  useEffect(() => {
    if (status !== 'live') return;
    const id = setInterval(() => setTick(performance.now()), 1000);
    return () => clearInterval(id);
  }, [status]);
  const sinceEvent = status === 'live' ? Math.max(0, tick - lastEventAt) : 0;

  const statusText = t(`status.${status}`);
  const total = scenario?.segments.length ?? 0;

  function leave() {
    sessionClient.leave();
    const back = uiStore.getState().returnTo;
    uiStore.setState({ view: 'lobby', replyTo: null, createdCodes: null, returnTo: null });
    if (back) navigate(back);
  }

  return (
    <header className="status-bar" data-testid="status-bar">
      <span className={`pill status-${status}`} data-testid="status-session">
        {status === 'live' && <i className="dot" />}
        {statusText}
      </span>
      <strong className="status-title">{scenario ? pick(scenario.title, lang) : ''}</strong>
      <span data-testid="status-segment">{t('segmentOf', { i: Math.min(segmentIndex + 1, total), n: total })}</span>
      <span data-testid="status-elapsed">
        {t('elapsed')} {formatElapsed(startedT === null ? 0 : now - startedT + sinceEvent)}
      </span>
      <span data-testid="status-audience">
        {t('audience')} {audience}
      </span>
      <span className={`conn conn-${connection}`} data-testid="status-connection">
        {t(`conn.${connection}`)}
      </span>
      {role && <span className="role-tag">{t(`common:role.${role}`)}</span>}
      {/* Only whoever created the room holds its other codes; a trainee's retry carries none. */}
      {codes?.facilitator && (
        <span className="codes" data-testid="room-codes">
          {t('roomCodes')}: {t('common:role.facilitator')} <code>{codes.facilitator}</code> ·{' '}
          {t('common:role.observer')} <code>{codes.observer}</code>
        </span>
      )}
      <button type="button" className="ghost" onClick={leave} data-testid="leave">
        {t('leave')}
      </button>
    </header>
  );
}
