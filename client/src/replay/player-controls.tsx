/** Transport: play/pause, speed, idle skipping, event and finding steps, viewpoint, shortcuts. */
import { useEffect } from 'react';
import { currentPlayer } from './replay-player.js';
import { replayStore, SPEEDS, useReplay, type Viewpoint } from './replay-store.js';
import { useTranslation } from 'react-i18next';
import { useAllMarkers } from './timeline.js';
import { useSession } from '../stores/session-store.js';
import { ReplayIcon } from './replay-icons.js';
import type { TFunction } from 'i18next';
import { findingPlace, type FindingPlace } from './marker-labels.js';

/** "第 3/5 处问题 · 已是最后一处" and the like, in the interface language. */
function findingPlaceText(p: FindingPlace, tx: TFunction): string {
  if (p.at) {
    const edge = p.at === p.n ? ` · ${tx('lastFinding')}` : p.at === 1 ? ` · ${tx('firstFinding')}` : '';
    return `${tx('findingOf', { i: p.at, n: p.n })}${edge}`;
  }
  if (p.after === 0) return tx('findingAfter');
  if (p.before === 0) return tx('findingBefore');
  return '';
}

const VIEWS: readonly Viewpoint[] = ['audience', 'host', 'free'];

export function PlayerControls() {
  const { t: tx } = useTranslation('replay');
  const playing = useReplay((s) => s.playing);
  const speed = useReplay((s) => s.speed);
  const skipIdle = useReplay((s) => s.skipIdle);
  const viewpoint = useReplay((s) => s.viewpoint);
  const seeking = useReplay((s) => s.seeking);
  const lastSeekMs = useReplay((s) => s.lastSeekMs);
  const hasFindings = useReplay((s) => (s.report?.findings.length ?? 0) > 0);
  const all = useAllMarkers();
  const shownSeq = useSession((s) => s.state.lastSeq);
  const place = findingPlace(all, shownSeq);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (
        el &&
        (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
      )
        return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const p = currentPlayer();
      if (!p) return;
      const k = e.key;
      if (k === ' ') p.toggle();
      else if (k === 'ArrowRight') p.step(1);
      else if (k === 'ArrowLeft') p.step(-1);
      else if (k === ']') p.jump(['finding'], 1, all);
      else if (k === '[') p.jump(['finding'], -1, all);
      else if (k >= '1' && k <= '5') replayStore.setState({ speed: SPEEDS[Number(k) - 1]! });
      else if (k === 'v' || k === 'V')
        replayStore.setState((s) => ({ viewpoint: VIEWS[(VIEWS.indexOf(s.viewpoint) + 1) % VIEWS.length]! }));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [all]);

  const p = () => currentPlayer();
  return (
    <div className="player-controls" data-testid="player-controls">
      <button
        type="button"
        onClick={() => p()?.step(-1)}
        title={`${tx('prevEvent')} (←)`}
        aria-label={tx('prevEvent')}
        data-testid="step-prev"
      >
        <ReplayIcon name="stepBack" />
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => p()?.toggle()}
        title={`${playing ? tx('pause') : tx('play')} (Space)`}
        data-testid="play-toggle"
        data-playing={playing ? '1' : '0'}
      >
        <ReplayIcon name={playing ? 'pause' : 'play'} /> {playing ? tx('pause') : tx('play')}
      </button>
      <button
        type="button"
        onClick={() => p()?.step(1)}
        title={`${tx('nextEvent')} (→)`}
        aria-label={tx('nextEvent')}
        data-testid="step-next"
      >
        <ReplayIcon name="stepForward" />
      </button>
      <button
        type="button"
        disabled={!hasFindings || place.before === 0}
        onClick={() => p()?.jump(['finding'], -1, all)}
        title={!hasFindings ? tx('noFindings') : place.before === 0 ? tx('firstFinding') : `${tx('prevFinding')} ([)`}
        data-testid="finding-prev"
      >
        {tx('prevFinding')}
      </button>
      <button
        type="button"
        disabled={!hasFindings || place.after === 0}
        onClick={() => p()?.jump(['finding'], 1, all)}
        title={!hasFindings ? tx('noFindings') : place.after === 0 ? tx('lastFinding') : `${tx('nextFinding')} (])`}
        data-testid="finding-next"
      >
        {tx('nextFinding')}
      </button>
      {hasFindings && (
        <span
          className="finding-place"
          data-testid="finding-place"
          data-first={place.at === 1 ? '1' : '0'}
          data-last={place.at === place.n ? '1' : '0'}
          aria-live="polite"
        >
          {findingPlaceText(place, tx)}
        </span>
      )}
      <label className="inline">
        {tx('speed')}
        <select
          value={speed}
          onChange={(e) => replayStore.setState({ speed: Number(e.target.value) })}
          data-testid="speed"
        >
          {SPEEDS.map((s, i) => (
            <option key={s} value={s}>
              {s}× ({i + 1})
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={skipIdle}
          onChange={(e) => replayStore.setState({ skipIdle: e.target.checked })}
          data-testid="skip-idle"
        />
        {tx('skipIdle')}
      </label>
      <label className="inline">
        {tx('viewpoint')}
        <select
          value={viewpoint}
          onChange={(e) => replayStore.setState({ viewpoint: e.target.value as Viewpoint })}
          data-testid="viewpoint"
        >
          <option value="audience">{tx('viewAudience')}</option>
          <option value="host">{tx('viewHost')}</option>
          <option value="free">{tx('viewFree')}</option>
        </select>
      </label>
      <span className="seek-info" data-testid="seek-info" data-seeking={seeking ? '1' : '0'}>
        {seeking ? tx('seeking') : lastSeekMs !== null ? tx('seekMs', { ms: lastSeekMs }) : ''}
      </span>
    </div>
  );
}
