/**
 * Sparse live nudges (issue 5: dense live dashboards hurt learning; the report teaches): at most
 * one short, dismissible cue, chosen by core/live-nudge.ts — a critical finding in what the
 * trainee just said, dead air, a viewer's question waiting longer than the rubric allows, or
 * speaking too fast or too quietly (the microphone's figures against the rubric's delivery
 * thresholds). Nothing else is shown live.
 */
import { useEffect, useState } from 'react';
import { CATEGORY_INFO, type Category } from '../../../core/rubric/categories.js';
import { useSession } from '../stores/session-store.js';
import { liveWaitStartT } from '../../../core/rubric/questions.js';
import { resetScoreFeed, scoreFeed, startScoreFeed, useScoreFeed } from '../stores/score-feed.js';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import { DEFAULT_VOICE_THRESHOLDS, pickNudge, type VoiceThresholds } from '../../../core/live-nudge.js';
import { useMic } from '../host/mic-analysis.js';

interface RubricLimits {
  /** Seconds a question may wait before the cue: twice the rubric's latency limit, or 60. */
  waitSec: number;
  /** The delivery criterion's voice thresholds, or the defaults. */
  voice: VoiceThresholds;
}

type RubricCriterion = { kind: string; limitSec?: number } & Partial<VoiceThresholds>;

function useRubricLimits(rubricId: string | undefined): RubricLimits {
  const [limits, setLimits] = useState<RubricLimits>({ waitSec: 60, voice: DEFAULT_VOICE_THRESHOLDS });
  useEffect(() => {
    if (!rubricId) return;
    let live = true;
    fetch(`/api/rubrics/${encodeURIComponent(rubricId)}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ criteria: RubricCriterion[] }>) : null))
      .then((r) => {
        if (!live || !r) return;
        const latency = r.criteria.find((x) => x.kind === 'response_latency');
        const d = r.criteria.find((x) => x.kind === 'delivery');
        setLimits({
          waitSec: latency?.limitSec ? latency.limitSec * 2 : 60,
          voice: {
            deadAirSec: d?.deadAirSec ?? DEFAULT_VOICE_THRESHOLDS.deadAirSec,
            voicePaceMax: d?.voicePaceMax ?? DEFAULT_VOICE_THRESHOLDS.voicePaceMax,
            quietDbfs: d?.quietDbfs ?? DEFAULT_VOICE_THRESHOLDS.quietDbfs,
          },
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [rubricId]);
  return limits;
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
  const limits = useRubricLimits(rubricId);
  const voice = useMic((s) => s.voice);
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
  const dismiss = (key: string) => scoreFeed.setState((s) => ({ dismissed: [...s.dismissed, key] }));

  const now = stateT + Math.max(0, tick - lastEventAt);
  // The question's own clock (QL1): from the start, or from the answering segment; none while
  // the current segment takes questions later.
  let oldest: { seq: number; from: number } | null = null;
  for (const q of Object.values(questions)) {
    const from = liveWaitStartT(scenario, clockState, q);
    if (from !== null && (!oldest || from < oldest.from)) oldest = { seq: q.seq, from };
  }
  const nudge = pickNudge({
    critical,
    oldestQuestion: oldest,
    now,
    waitLimitSec: limits.waitSec,
    voice,
    thresholds: limits.voice,
    dismissed: new Set(dismissed.map(String)),
  });
  let cue: { key: string; text: string; kind: string } | null = null;
  if (nudge) {
    const category = nudge.category ? (CATEGORY_INFO[nudge.category as Category]?.name[lang] ?? nudge.category) : '';
    const text =
      nudge.kind === 'critical'
        ? t('nudgeCritical', { category, quote: nudge.quote })
        : nudge.kind === 'waiting'
          ? t('nudgeWaiting', { sec: nudge.sec })
          : nudge.kind === 'deadAir'
            ? t('nudgeDeadAir', { sec: nudge.sec })
            : nudge.kind === 'tooFast'
              ? t('nudgeTooFast', { value: nudge.value })
              : t('nudgeTooQuiet', { value: nudge.value });
    cue = { key: nudge.key, text, kind: nudge.kind };
  }
  if (!cue) return null;
  const shown = cue;
  return (
    <div className={`score-nudge nudge-${shown.kind}`} role="status" data-testid="score-nudge" data-kind={shown.kind}>
      <span>{shown.text}</span>
      <button type="button" className="ghost" onClick={() => dismiss(shown.key)} aria-label={t('nudgeDismiss')}>
        ×
      </button>
    </div>
  );
}
