/** The status line: session status, segment n/N, elapsed time, audience, connection; Leave. */
import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../stores/session-store.js';
import { useSession } from '../stores/session-store.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { sessionClient } from '../net/session-client.js';
import { pick, useT } from './i18n.js';
import { roleLabel } from './lobby.js';
import type { Messages } from './messages/zh.js';

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = Math.floor(s / 60);
  const ss = s % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

function connectionLabel(t: Messages, c: ConnectionStatus): string {
  return {
    idle: t.connIdle,
    connecting: t.connConnecting,
    connected: t.connConnected,
    reconnecting: t.connReconnecting,
    disconnected: t.connDisconnected,
  }[c];
}

export function StatusBar() {
  const t = useT();
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

  const statusText = { created: t.statusCreated, live: t.statusLive, ended: t.statusEnded }[status];
  const total = scenario?.segments.length ?? 0;

  function leave() {
    sessionClient.leave();
    uiStore.setState({ view: 'lobby', replyTo: null, createdCodes: null });
  }

  return (
    <header className="status-bar" data-testid="status-bar">
      <span className={`pill status-${status}`} data-testid="status-session">
        {status === 'live' && <i className="dot" />}
        {statusText}
      </span>
      <strong className="status-title">{scenario ? pick(scenario.title, lang) : ''}</strong>
      <span data-testid="status-segment">{t.segmentOf(Math.min(segmentIndex + 1, total), total)}</span>
      <span data-testid="status-elapsed">
        {t.elapsed} {formatElapsed(startedT === null ? 0 : now - startedT + sinceEvent)}
      </span>
      <span data-testid="status-audience">
        {t.audience} {audience}
      </span>
      <span className={`conn conn-${connection}`} data-testid="status-connection">
        {connectionLabel(t, connection)}
      </span>
      {role && <span className="role-tag">{roleLabel(t, role)}</span>}
      {codes && (
        <span className="codes" data-testid="room-codes">
          {t.roomCodes}: {t.roleFacilitator} <code>{codes.facilitator}</code> · {t.roleObserver}{' '}
          <code>{codes.observer}</code>
        </span>
      )}
      <button type="button" className="ghost" onClick={leave} data-testid="leave">
        {t.leave}
      </button>
    </header>
  );
}
