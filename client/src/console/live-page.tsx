/**
 * The live overview (GET /api/live, every 2 s): the wall of running rooms (issue 17 pt 2) or the
 * same rooms as a table, the alert feed, actions on all rooms, and today's ended sessions below.
 * A card or row opens the session's panel beside it (controls, director mode, its chat); elapsed
 * times tick each second between polls.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkClick } from '../router.js';
import { useUi } from '../stores/ui-store.js';
import { useFormats } from '../ui/format.js';
import { AlertFeed, type FeedEntry } from './alert-feed.js';
import { fetchLive, type LiveSession } from './console-api.js';
import { EndedPanel, EndedSection } from './ended-panel.js';
import { LiveTable } from './live-table.js';
import { WallCard } from './live-wall.js';
import { SessionPanel } from './session-panel.js';
import { elapsedNow, useNow } from './ticking-clock.js';
import { usePoll } from './use-poll.js';
import { sortWall, WALL_SORTS, type WallSort } from './wall-sort.js';
import { WallToolbar, type WallView } from './wall-toolbar.js';

export const LIVE_POLL_MS = 2000;
const FEED_MAX = 50;

const alertKey = (sessionId: string, id: string) => `${sessionId}:${id}`;

/** The facilitator's choice of view, kept in this browser (a console reopened keeps its layout). */
const VIEW_KEY = 'branchcast.console.wall';
function readView(): WallView {
  const fallback: WallView = { cohortId: '', sort: 'alerts', mode: 'wall' };
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(VIEW_KEY) ?? 'null') as Partial<WallView> | null;
    return {
      cohortId: typeof v?.cohortId === 'string' ? v.cohortId : '',
      sort: WALL_SORTS.includes(v?.sort as WallSort) ? (v!.sort as WallSort) : fallback.sort,
      mode: v?.mode === 'table' ? 'table' : 'wall',
    };
  } catch {
    return fallback;
  }
}
function saveView(v: WallView): void {
  try {
    globalThis.localStorage?.setItem(VIEW_KEY, JSON.stringify(v));
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

export function LivePage() {
  const { t } = useTranslation('console');
  const lang = useUi((s) => s.lang);
  const f = useFormats();
  const [view, setViewState] = useState<WallView>(readView);
  const setView = (v: WallView) => {
    setViewState(v);
    saveView(v);
  };
  const poll = usePoll(() => fetchLive(view.cohortId || undefined), LIVE_POLL_MS, `live:${view.cohortId}`);
  // The page's one 1 s timer: elapsed times tick between polls (cards and the panel read `now`).
  const now = useNow();
  const [selected, setSelected] = useState<string | null>(null);
  // Alerts the facilitator has looked at (opened the room): their card no longer lights.
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const [feed, setFeed] = useState<FeedEntry[]>([]);
  const sessions = poll.data?.sessions;
  const ended = poll.data?.ended ?? [];
  const current = sessions?.find((s) => s.sessionId === selected) ?? null;
  const endedCurrent = current ? null : (ended.find((s) => s.sessionId === selected) ?? null);
  const running = sessions?.filter((s) => s.status === 'live').length ?? 0;
  const waiting = sessions?.filter((s) => s.status === 'created').length ?? 0;

  // New alerts enter the feed once, newest first.
  useEffect(() => {
    if (!sessions) return;
    setFeed((old) => {
      const have = new Set(old.map((e) => alertKey(e.sessionId, e.alert.id)));
      const fresh: FeedEntry[] = [];
      for (const s of sessions)
        for (const a of s.alerts)
          if (!have.has(alertKey(s.sessionId, a.id)))
            fresh.push({ alert: a, sessionId: s.sessionId, trainee: s.trainee ?? '', seenAt: Date.now() });
      return fresh.length === 0 ? old : [...fresh, ...old].slice(0, FEED_MAX);
    });
  }, [sessions]);

  const open = (id: string | null) => {
    setSelected(id);
    const s = sessions?.find((x) => x.sessionId === id);
    if (s && s.alerts.length > 0)
      setSeen((old) => new Set([...old, ...s.alerts.map((a) => alertKey(s.sessionId, a.id))]));
  };
  const unseenOf = (s: LiveSession) => s.alerts.filter((a) => !seen.has(alertKey(s.sessionId, a.id)));
  const collator = useMemo(() => new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en'), [lang]);
  const ordered = sessions ? sortWall(sessions, view.sort, (s) => unseenOf(s).length, collator) : [];

  return (
    <div className={`live-page${selected ? ' with-panel' : ''}`} data-testid="live-page">
      <section className="live-list">
        <header className="page-head">
          <div>
            <h1>{t('live.title')}</h1>
            <p className="hint">{t('wall.lead')}</p>
          </div>
          {sessions && (
            <div className="page-head-meta">
              <strong data-testid="live-count">{t('live.running', { count: running })}</strong>
              {waiting > 0 && <span data-testid="waiting-count">{t('live.waiting', { count: waiting })}</span>}
              {poll.at && <small className="hint">{t('live.updated', { time: f.time(poll.at) })}</small>}
            </div>
          )}
        </header>
        <WallToolbar view={view} onView={setView} live={running} onChanged={poll.reload} />
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
          <div className="wall-layout">
            {view.mode === 'wall' ? (
              <div className="wall-grid" data-testid="wall-grid">
                {ordered.map((s) => (
                  <WallCard
                    key={s.sessionId}
                    s={s}
                    elapsedMs={elapsedNow(s, poll.at, now)}
                    unseen={unseenOf(s)}
                    selected={s.sessionId === selected}
                    onOpen={() => open(s.sessionId === selected ? null : s.sessionId)}
                  />
                ))}
              </div>
            ) : (
              <LiveTable sessions={ordered} selected={selected} setSelected={open} at={poll.at} now={now} />
            )}
            <AlertFeed entries={feed} seen={seen} onOpen={open} />
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
