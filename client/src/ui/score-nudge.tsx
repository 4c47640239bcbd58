/**
 * Sparse live nudges (issue 5: dense live dashboards hurt learning; the report teaches): at most
 * one short, dismissible cue — a critical finding in what the trainee just said, or a viewer's
 * question waiting longer than the rubric allows. Nothing else is shown live.
 */
import { useEffect, useState } from 'react';
import { CATEGORY_INFO, type Category } from '../../../core/rubric/categories.js';
import { useSession } from '../stores/session-store.js';
import { liveWaitStartT } from '../../../core/rubric/questions.js';
import { resetScoreFeed, scoreFeed, startScoreFeed, useScoreFeed } from '../stores/score-feed.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';

/** Seconds a question may wait before the cue; from the rubric (twice its latency limit) or 60. */
function useWaitLimit(rubricId: string | undefined): number {
  const [limit, setLimit] = useState(60);
  useEffect(() => {
    if (!rubricId) return;
    let live = true;
    fetch(`/api/rubrics/${encodeURIComponent(rubricId)}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ criteria: Array<{ kind: string; limitSec?: number }> }>) : null))
      .then((r) => {
        const c = r?.criteria.find((x) => x.kind === 'response_latency');
        if (live && c?.limitSec) setLimit(c.limitSec * 2);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [rubricId]);
  return limit;
}

export function ScoreNudge() {
  const { t } = useTranslation('rehearsal');
  const lang = useUi((s) => s.lang);
  const role = useSession((s) => s.role);
  const sessionId = useSession((s) => s.state.sessionId);
  const status = useSession((s) => s.state.status);
  const rubricId = useSession((s) => s.state.scenario?.rubric);
  const questions = useSession((s) => s.state.questions);
  const scenario = useSession((s) => s.state.scenario);
  const startedT = useSession((s) => s.state.startedT);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const segmentStartedT = useSession((s) => s.state.segmentStartedT);
  const clockState = { startedT, segmentIndex, segmentStartedT };
  const stateT = useSession((s) => s.state.t);
  const lastEventAt = useSession((s) => s.lastEventAt);
  const critical = useScoreFeed((s) => s.critical);
  const dismissed = useScoreFeed((s) => s.dismissed);
  const limit = useWaitLimit(rubricId);
  const [tick, setTick] = useState(() => performance.now());

  useEffect(() => {
    startScoreFeed();
  }, []);
  useEffect(() => {
    if (sessionId) resetScoreFeed(sessionId);
  }, [sessionId]);
  useEffect(() => {
    if (status !== 'live') return;
    const id = setInterval(() => setTick(performance.now()), 1000);
    return () => clearInterval(id);
  }, [status]);

  if (role !== 'trainee' || status !== 'live') return null;
  const dismiss = (seq: number) => scoreFeed.setState((s) => ({ dismissed: [...s.dismissed, seq] }));

  let cue: { seq: number; text: string; kind: 'critical' | 'waiting' } | null = null;
  if (critical && !dismissed.includes(critical.seq)) {
    const name = CATEGORY_INFO[critical.category as Category]?.name[lang] ?? critical.category;
    cue = { seq: critical.seq, text: t('nudgeCritical', { category: name, quote: critical.quote }), kind: 'critical' };
  } else {
    const now = stateT + Math.max(0, tick - lastEventAt);
    // The question's own clock (QL1): from the start, or from the answering segment; none while
    // the current segment takes questions later.
    let oldest: { seq: number; from: number } | null = null;
    for (const q of Object.values(questions)) {
      const from = liveWaitStartT(scenario, clockState, q);
      if (from !== null && (!oldest || from < oldest.from)) oldest = { seq: q.seq, from };
    }
    if (oldest && !dismissed.includes(oldest.seq) && now - oldest.from > limit * 1000)
      cue = {
        seq: oldest.seq,
        text: t('nudgeWaiting', { sec: Math.round((now - oldest.from) / 1000) }),
        kind: 'waiting',
      };
  }
  if (!cue) return null;
  const shown = cue;
  return (
    <div className={`score-nudge nudge-${shown.kind}`} role="status" data-testid="score-nudge">
      <span>{shown.text}</span>
      <button type="button" className="ghost" onClick={() => dismiss(shown.seq)} aria-label={t('nudgeDismiss')}>
        ×
      </button>
    </div>
  );
}
