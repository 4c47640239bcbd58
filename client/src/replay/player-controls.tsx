/** Transport: play/pause, speed, idle skipping, event and finding steps, viewpoint, shortcuts. */
import { useEffect } from 'react';
import { currentPlayer } from './replay-player.js';
import { replayStore, SPEEDS, useReplay, type Viewpoint } from './replay-store.js';
import { useTranslation } from 'react-i18next';
import { useAllMarkers } from './timeline.js';
import { Icon } from '../ui/icons.js';

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
      <button type="button" onClick={() => p()?.step(-1)} title={`${tx('prevEvent')} (←)`} data-testid="step-prev">
        <Icon name="first" />
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => p()?.toggle()}
        title={`${playing ? tx('pause') : tx('play')} (Space)`}
        data-testid="play-toggle"
        data-playing={playing ? '1' : '0'}
      >
        <Icon name={playing ? 'pause' : 'play'} />
        {playing ? tx('pause') : tx('play')}
      </button>
      <button type="button" onClick={() => p()?.step(1)} title={`${tx('nextEvent')} (→)`} data-testid="step-next">
        <Icon name="last" />
      </button>
      <button
        type="button"
        disabled={!hasFindings}
        onClick={() => p()?.jump(['finding'], -1, all)}
        title={hasFindings ? `${tx('prevFinding')} ([)` : tx('noFindings')}
        data-testid="finding-prev"
      >
        <Icon name="prev" />
        {tx('prevFinding')}
      </button>
      <button
        type="button"
        disabled={!hasFindings}
        onClick={() => p()?.jump(['finding'], 1, all)}
        title={hasFindings ? `${tx('nextFinding')} (])` : tx('noFindings')}
        data-testid="finding-next"
      >
        {tx('nextFinding')}
        <Icon name="next" />
      </button>
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
