/**
 * One running session in the console: its live figures, a way in as an observer (the 3D studio),
 * and the controls of docs/WORKSHOP.md — fire any incident now or at a session time, the simulated
 * audience's size and rate, pause/resume, end (confirmed) — plus director mode and the room's chat.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BOT_RATE, MAX_BOTS } from '../../../core/audience/limits.js';
import { errorMessage } from '../net/api.js';
import { useAuth } from '../auth/auth-store.js';
import { sessionClient } from '../net/session-client.js';
import { navigate } from '../router.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { clock, useFormats } from '../ui/format.js';
import { pick } from '../ui/i18n.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { formatStreamTime } from '../../../core/stream-time.js';
import { departuresText, REPORT_TEXT } from '../../../core/rubric/report-text.js';
import { endSession, fireIncident, setBots, setPaused, type LiveSession } from './console-api.js';
import { DirectorPanel } from './director-panel.js';
import { ErrorNote } from './error-note.js';
import { AudienceNow, HelpAndNotice } from './panel-room.js';
import { parseClock } from './parse.js';
import { ScoreBadge, StatusPill } from './live-badges.js';
import { SessionChat } from './session-chat.js';

/** Run a control call: busy flag, the error text, a short "done". */
function useAction(onChanged: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run(key: string, call: () => Promise<unknown>): Promise<boolean> {
    setBusy(key);
    setError(null);
    setDone(null);
    try {
      await call();
      setDone(key);
      onChanged();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(null);
    }
  }
  return { busy, error, done, run };
}

function Incidents({ s, onChanged }: { s: LiveSession; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const lang = useUi((st) => st.lang);
  const { busy, error, run } = useAction(onChanged);
  const [at, setAt] = useState<Record<string, string>>({});
  const [timeError, setTimeError] = useState<string | null>(null);
  const live = s.status === 'live';

  function schedule(e: FormEvent, id: string) {
    e.preventDefault();
    const ms = parseClock(at[id] ?? '');
    if (ms === null) return setTimeError(t('panel.badTime'));
    setTimeError(null);
    void run(id, () => fireIncident(s.sessionId, id, ms));
  }

  return (
    <section className="panel-section" data-testid="panel-incidents">
      <h3>{t('panel.incidents')}</h3>
      {s.incidents.length === 0 && <p className="hint">{t('panel.noIncidents')}</p>}
      <ul className="incident-list">
        {s.incidents.map((inc) => (
          <li
            key={inc.id}
            className={inc.fired ? 'fired' : undefined}
            data-testid="panel-incident"
            data-incident-id={inc.id}
          >
            <div className="incident-head">
              <span className={`kind kind-${inc.kind}`}>
                {t(`incidentKind.${inc.kind}`, { defaultValue: inc.kind })}
              </span>
              <strong>{pick(inc.title, lang)}</strong>
              {inc.fired ? (
                <span className="tag ok">{t('panel.fired')}</span>
              ) : inc.scheduledAtMs !== null ? (
                <span className="tag wait">{t('panel.scheduledAt', { time: clock(inc.scheduledAtMs) })}</span>
              ) : null}
            </div>
            {!inc.fired && (
              <form className="incident-actions" onSubmit={(e) => schedule(e, inc.id)}>
                <button
                  type="button"
                  className="primary"
                  disabled={!live || busy !== null}
                  onClick={() => void run(inc.id, () => fireIncident(s.sessionId, inc.id))}
                  data-testid={`fire-${inc.id}`}
                >
                  {t('panel.fireNow')}
                </button>
                <label className="inline">
                  <span>{t('panel.at')}</span>
                  <input
                    className="time-input"
                    value={at[inc.id] ?? ''}
                    placeholder={t('panel.atPlaceholder')}
                    onChange={(e) => setAt({ ...at, [inc.id]: e.target.value })}
                    aria-label={`${pick(inc.title, lang)} ${t('panel.at')}`}
                  />
                </label>
                <button type="submit" disabled={s.ended || busy !== null || !(at[inc.id] ?? '').trim()}>
                  {t('panel.schedule')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote error={timeError ?? error} testId="incident-error" />
    </section>
  );
}

function Bots({ s, onChanged }: { s: LiveSession; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const f = useFormats();
  const { busy, error, done, run } = useAction(onChanged);
  const [count, setCount] = useState(String(s.bots?.count ?? 10));
  const [rate, setRate] = useState(String(s.bots?.ratePerMinute ?? 2));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    void run('bots', () => setBots(s.sessionId, { count: Number(count), ratePerMinute: Number(rate) }));
  };
  return (
    <section className="panel-section" data-testid="panel-bots">
      <h3>{t('panel.bots')}</h3>
      <p className="hint">
        {s.bots
          ? t('panel.botsState', { count: f.number(s.bots.count), rate: f.number(s.bots.ratePerMinute) })
          : t('panel.botsNone')}
      </p>
      <form className="row-form" onSubmit={apply}>
        <label className="inline">
          <span>{t('panel.botCount')}</span>
          <input
            type="number"
            min={0}
            max={MAX_BOTS}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            className="narrow"
            data-testid="bots-count"
          />
        </label>
        <label className="inline">
          <span>{t('panel.botRate')}</span>
          <input
            type="number"
            min={0}
            max={MAX_BOT_RATE}
            step={0.5}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            className="narrow"
            data-testid="bots-rate"
          />
        </label>
        <button type="submit" disabled={s.ended || busy !== null} data-testid="bots-apply">
          {t('panel.apply')}
        </button>
        {done === 'bots' && <span className="tag ok">{t('panel.ok')}</span>}
      </form>
      <ErrorNote error={error} />
    </section>
  );
}

function Stream({ s, onChanged }: { s: LiveSession; onChanged: () => void }) {
  const { t } = useTranslation('console');
  const { busy, error, run } = useAction(onChanged);
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="panel-section" data-testid="panel-stream">
      <h3>{t('panel.stream')}</h3>
      <div className="row-form">
        <button
          type="button"
          className={s.paused ? 'toggle on' : 'toggle'}
          aria-pressed={s.paused}
          disabled={s.status !== 'live' || busy !== null}
          onClick={() => void run('pause', () => setPaused(s.sessionId, !s.paused))}
          data-testid="panel-pause"
        >
          {s.paused ? t('panel.resume') : t('panel.pause')}
        </button>
        {!confirming ? (
          <button
            type="button"
            className="danger"
            disabled={s.ended || busy !== null}
            onClick={() => setConfirming(true)}
            data-testid="panel-end"
          >
            {t('panel.end')}
          </button>
        ) : (
          <ConfirmDialog
            message={t('panel.endConfirm')}
            confirmLabel={t('panel.endYes')}
            cancelLabel={t('panel.endNo')}
            tone="danger"
            busy={busy !== null}
            onConfirm={() => void run('end', () => endSession(s.sessionId)).then(() => setConfirming(false))}
            onCancel={() => setConfirming(false)}
            testId="end"
          />
        )}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}

export function SessionPanel({
  session: s,
  elapsedMs,
  onChanged,
  onClose,
}: {
  session: LiveSession | null;
  /** The session's elapsed time now (ticked by the live page's shared clock between polls). */
  elapsedMs: number;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('console');
  const lang = useUi((st) => st.lang);
  const f = useFormats();
  const me = useAuth((st) => st.me);
  const [watchError, setWatchError] = useState<string | null>(null);

  async function watch3d(code: string) {
    setWatchError(null);
    const name = me?.role === 'facilitator' ? me.username : t('common:role.observer');
    const ack = await sessionClient.join({ code, role: 'observer', name, watch: true });
    if (!ack.ok) return setWatchError(errorMessage(t, ack.code, ack.message));
    uiStore.setState({ view: 'rehearsal', replyTo: null, createdCodes: null, returnTo: '/console' });
    navigate('/');
  }

  return (
    <aside className="session-panel" aria-label={s ? (s.trainee ?? s.sessionId) : ''} data-testid="session-panel">
      <header className="session-panel-head">
        <div>
          <h2 className="panel-title">{s?.trainee ?? t('live.noTrainee')}</h2>
          {s && <p className="hint">{pick(s.scenarioTitle, lang)}</p>}
        </div>
        <button type="button" className="ghost close" onClick={onClose} aria-label={t('panel.close')}>
          ×
        </button>
      </header>
      {!s ? (
        <p className="hint" data-testid="panel-gone">
          {t('panel.gone')}
        </p>
      ) : (
        <>
          <div className="kpis">
            <div className="kpi">
              <span className="kpi-label">{t('panel.score')}</span>
              <ScoreBadge score={s.score} started={s.status !== 'created'} />
              {s.score && s.status !== 'created' && (
                <small className="hint">
                  {s.score.pass ? t('panel.pass') : t('panel.fail')} · {t('panel.passMark', { n: s.score.passMark })}
                </small>
              )}
            </div>
            <div className="kpi">
              <span className="kpi-label">{t('panel.audience')}</span>
              <strong>{f.number(s.audience)}</strong>
              {s.departures && departuresText(s.departures, lang) && (
                <small className="hint" data-testid="panel-departures">
                  {REPORT_TEXT[lang].departures}: {departuresText(s.departures, lang)}
                </small>
              )}
            </div>
            <div className="kpi">
              <span className="kpi-label">{t('panel.elapsed')}</span>
              <strong className="mono" data-testid="panel-elapsed">
                {clock(elapsedMs)}
              </strong>
            </div>
            <div className="kpi">
              <span className="kpi-label">
                {t('panel.segment', { i: Math.min(s.segment.index + 1, s.segment.count), n: s.segment.count })}
              </span>
              <StatusPill s={s} />
            </div>
          </div>
          {s.latestFinding && (
            <p className="latest-finding">
              <span className="kpi-label">{t('panel.latest')}</span>{' '}
              <span className="tag warn">{pick(s.latestFinding.name, lang)}</span> “{s.latestFinding.quote}”{' '}
              <span className="mono hint">{formatStreamTime(s.latestFinding.streamT, lang)}</span>
            </p>
          )}
          <button
            type="button"
            className="watch"
            onClick={() => void watch3d(s.codes.observer)}
            data-testid="panel-watch"
          >
            {t('panel.watch3d')}
          </button>
          {watchError && (
            <p className="error" role="alert">
              {watchError}
            </p>
          )}
          <HelpAndNotice s={s} onChanged={onChanged} />
          <Incidents s={s} onChanged={onChanged} />
          <DirectorPanel s={s} onChanged={onChanged} />
          <SessionChat sessionId={s.sessionId} observerCode={s.codes.observer} />
          <AudienceNow s={s} />
          <Bots s={s} onChanged={onChanged} />
          <Stream s={s} onChanged={onChanged} />
        </>
      )}
    </aside>
  );
}
