/**
 * The status line: session status (已暂停 while paused), segment n/N, elapsed time (stopped while
 * paused), audience, connection; Report and Leave.
 */
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../stores/session-store.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { sessionClient } from '../net/session-client.js';
import { navigate } from '../router.js';
import { useTranslation } from 'react-i18next';
import { pick } from './i18n.js';
import { Icon } from './icons.js';
import { ReportLauncher } from './report-launcher.js';
import { streamClock } from '../../../core/stream-time.js';
import { departuresText, REPORT_TEXT } from '../../../core/rubric/report-text.js';

export function StatusBar() {
  const { t } = useTranslation('rehearsal');
  const { t: ts } = useTranslation('studio');
  const lang = useUi((s) => s.lang);
  const codes = useUi((s) => s.createdCodes);
  const scenario = useSession((s) => s.state.scenario);
  const status = useSession((s) => s.state.status);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const now = useSession((s) => s.state.endedT ?? s.state.t);
  const startedT = useSession((s) => s.state.startedT);
  const paused = useSession((s) => s.state.paused);
  const audience = useSession((s) => s.state.audience);
  const departures = useSession((s) => s.state.departures);
  const left = departuresText(departures ?? {}, lang);
  const connection = useSession((s) => s.connection);
  const role = useSession((s) => s.role);

  const lastEventAt = useSession((s) => s.lastEventAt);
  // state.t only moves with events; while live, run the clock on locally between them.
  const [tick, setTick] = useState(() => performance.now());
  const pausedLive = paused && status === 'live';
  useEffect(() => {
    if (status !== 'live' || paused) return;
    const id = setInterval(() => setTick(performance.now()), 1000);
    return () => clearInterval(id);
  }, [status, paused]);
  const mode = useSession((s) => s.mode);
  const replayT = useSession((s) => s.replayT);
  // Replay: the playhead is the clock; live: run on from the last event.
  const sinceEvent =
    mode === 'replay' ? Math.max(0, replayT - now) : status === 'live' ? Math.max(0, tick - lastEventAt) : 0;

  // Paused, the clock stops where the pause began (it is the stream time of the pause). On resume it
  // shows stream time again, pause included, so the HUD and the report keep one clock (ST1).
  const clock = now + sinceEvent;
  const frozen = useRef<number | null>(null);
  if (!pausedLive) frozen.current = null;
  else frozen.current ??= clock;
  const shownClock = frozen.current ?? clock;

  const statusText = pausedLive ? ts('paused') : t(`status.${status}`);
  const total = scenario?.segments.length ?? 0;

  function leave() {
    sessionClient.leave();
    const back = uiStore.getState().returnTo;
    uiStore.setState({ view: 'lobby', replyTo: null, createdCodes: null, returnTo: null });
    if (back) navigate(back);
  }

  return (
    <header className="status-bar" data-testid="status-bar">
      <span
        className={`pill status-${pausedLive ? 'paused' : status}`}
        data-testid="status-session"
        data-paused={pausedLive ? '1' : '0'}
      >
        {pausedLive ? <Icon name="pause" /> : status === 'live' && <i className="dot" />}
        {statusText}
      </span>
      <strong className="status-title" title={scenario ? pick(scenario.title, lang) : undefined}>
        {scenario ? pick(scenario.title, lang) : ''}
      </strong>
      <span className="status-segment" data-testid="status-segment">
        {t('segmentOf', { i: Math.min(segmentIndex + 1, total), n: total })}
      </span>
      <span
        className={pausedLive ? 'status-elapsed stopped' : 'status-elapsed'}
        data-testid="status-elapsed"
        data-stopped={pausedLive ? '1' : '0'}
      >
        {t('elapsed')} {streamClock(startedT, shownClock, lang)}
        {pausedLive ? ` · ${t('pausedMark')}` : ''}
      </span>
      <span className="status-audience" data-testid="status-audience">
        {t('audience')} {audience}
        {left && (
          <small className="hint" data-testid="status-departures">
            {' '}
            ({REPORT_TEXT[lang].departures}: {left})
          </small>
        )}
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
      {/* In the bar's flow (not fixed over it), so nothing is drawn over it; live only (the replay
          page has its own report export, and a replay reaching its end must not pop the report). */}
      {mode !== 'replay' && <ReportLauncher />}
      <button type="button" className="ghost" onClick={leave} data-testid="leave">
        {t('leave')}
      </button>
    </header>
  );
}
