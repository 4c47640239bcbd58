/**
 * The player: the live HUD (status bar, teleprompter, chat) drawn from the replayed state, a
 * header with verification, score, exports and "retry from here", and the dock with the
 * timeline, transport and annotations. The 3D branch behind it reads the same session store.
 */
import { useEffect, useState } from 'react';
import { sessionClient } from '../net/session-client.js';
import { sessionStore, useSession } from '../stores/session-store.js';
import { uiStore, useUi } from '../stores/ui-store.js';
import { ChatPanel } from '../ui/chat-panel.js';
import { StatusBar } from '../ui/status-bar.js';
import { Teleprompter } from '../ui/teleprompter.js';
import { AnnotationsPanel } from './annotations-panel.js';
import { PlayerControls } from './player-controls.js';
import { branchSession } from './replay-api.js';
import { downloadWithCode } from '../report/use-export-link.js';
import { closeReplay, openReplay } from './replay-player.js';
import { useReplay } from './replay-store.js';
import { useTranslation } from 'react-i18next';
import { navigate } from './route.js';
import { Timeline } from './timeline.js';
import { ReplayVoice } from './replay-voice.js';

function VerifyBadge() {
  const { t: tx } = useTranslation('replay');
  const v = useReplay((s) => s.verify);
  if (!v)
    return (
      <span className="pill" data-testid="verify" data-ok="">
        {tx('verifying')}
      </span>
    );
  return (
    <span
      className={`pill ${v.ok ? 'verify-ok' : 'verify-bad'}`}
      title={v.message}
      data-testid="verify"
      data-ok={v.ok ? '1' : '0'}
    >
      {v.ok
        ? `✓ ${tx('verified')}`
        : `✗ ${v.brokenSeq === null ? tx('notVerified') : tx('notVerifiedAt', { seq: v.brokenSeq })}`}
    </span>
  );
}

function ReplayHead({ sessionId }: { sessionId: string }) {
  const { t: tx } = useTranslation('replay');
  const lang = useUi((s) => s.lang);
  const scenarioId = useSession((s) => s.state.scenario?.id ?? null);
  const report = useReplay((s) => s.report);
  const cursorSeq = useReplay((s) => (s.index && s.cursor >= 0 ? s.index.events[s.cursor]!.seq : 0));
  const endedHere = useSession((s) => s.state.status === 'ended');
  const origin = useSession((s) => s.state.parent);
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function retry() {
    setRetrying(true);
    setError(null);
    try {
      const st = sessionStore.getState().state;
      const name = Object.values(st.participants).find((p) => p.role === 'trainee')?.name ?? tx('lobby:defaultName');
      const made = await branchSession(sessionId, cursorSeq);
      closeReplay();
      navigate('/');
      const ack = await sessionClient.join({ code: made.codes.trainee, role: 'trainee', name });
      if (ack.ok) uiStore.setState({ view: 'rehearsal', replyTo: null, createdCodes: made.codes });
      else uiStore.setState({ view: 'lobby' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setRetrying(false);
    }
  }

  return (
    <div className="replay-head" data-testid="replay-head">
      <button type="button" className="ghost" onClick={() => navigate('/sessions')} data-testid="replay-exit">
        ← {tx('exit')}
      </button>
      <VerifyBadge />
      {report && (
        <span className={`pill ${report.pass ? 'verify-ok' : 'verify-bad'}`} data-testid="replay-score">
          {tx('score', { n: report.total })} · {report.pass ? tx('passed') : tx('failed')}
        </span>
      )}
      {origin && (
        <button
          type="button"
          className="ghost"
          onClick={() => navigate(`/replay/${encodeURIComponent(origin.sessionId)}?seq=${origin.atSeq}`)}
          title={tx('parentLink', { seq: origin.atSeq })}
          data-testid="replay-parent"
        >
          ↰ {tx('openParent')}
        </button>
      )}
      {/* Fetched on the click, with the code in a header: a join code never sits in a URL, and
          the critique has the annotations added since the page opened. */}
      <button
        type="button"
        onClick={() =>
          void downloadWithCode(
            `/api/sessions/${encodeURIComponent(sessionId)}/report.html?lang=${lang}`,
            sessionId,
            `critique-${sessionId.slice(0, 8)}.html`,
          ).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
        }
        data-testid="export-report"
      >
        {tx('exportReport')}
      </button>
      <button
        type="button"
        onClick={() =>
          void downloadWithCode(
            `/api/sessions/${encodeURIComponent(sessionId)}/recording`,
            sessionId,
            `branchcast-${scenarioId ?? 'session'}-${sessionId.slice(0, 8)}.jsonl.gz`,
          ).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
        }
        data-testid="download-recording"
      >
        {tx('downloadRecording')}
      </button>
      <button
        type="button"
        className="primary"
        disabled={retrying || cursorSeq < 1 || endedHere}
        onClick={() => void retry()}
        data-testid="retry-here"
      >
        {retrying ? tx('retrying') : tx('retryHere')}
      </button>
      {error && (
        <span className="error" role="alert" data-testid="retry-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function PlayerPage({ sessionId, seq }: { sessionId: string; seq: number | null }) {
  const { t: tx } = useTranslation('replay');
  const loading = useReplay((s) => s.loading);
  const error = useReplay((s) => s.error);
  const ready = useReplay((s) => s.index !== null && s.sessionId === sessionId);

  useEffect(() => {
    const ctl = new AbortController();
    void openReplay(sessionId, seq, ctl.signal);
    return () => {
      ctl.abort();
      closeReplay();
    };
    // A new ?seq on the same session (a report link) re-opens at that moment.
  }, [sessionId, seq]);

  return (
    <div className="hud replay-hud" data-testid="replay">
      <StatusBar />
      <ReplayHead sessionId={sessionId} />
      {ready && (
        <>
          <div className="hud-left">
            <Teleprompter />
          </div>
          <div className="hud-right">
            <ChatPanel />
          </div>
        </>
      )}
      <div className="replay-dock">
        <div className="panel transport">
          {loading && (
            <p className="hint" data-testid="replay-loading">
              {tx('loadingEvents', { a: loading.loaded, b: loading.total })}
            </p>
          )}
          {error && (
            <p className="error" role="alert" data-testid="replay-error">
              {error}
            </p>
          )}
          {ready && (
            <>
              <Timeline />
              <PlayerControls />
              <ReplayVoice sessionId={sessionId} />
              <p className="hint shortcuts">{tx('shortcuts')}</p>
            </>
          )}
        </div>
        {ready && <AnnotationsPanel />}
      </div>
    </div>
  );
}
