/**
 * The timeline: a bar spanning the session, the playhead, and coloured markers (segments,
 * incidents, findings by severity, annotations). Click or drag to seek; click a marker to jump.
 */
import { useMemo, useRef, type PointerEvent } from 'react';
import { currentPlayer } from './replay-player.js';
import { findingMarkers, useReplay, useReplayStartedT, type TimelineMarker } from './replay-store.js';
import { useTranslation } from 'react-i18next';
import { formatDuration, streamClock } from '../../../core/stream-time.js';
import { useUi } from '../stores/ui-store.js';
import { markerText } from './marker-labels.js';

export function useAllMarkers(): TimelineMarker[] {
  const markers = useReplay((s) => s.markers);
  const report = useReplay((s) => s.report);
  const annotations = useReplay((s) => s.annotations);
  return useMemo(
    () => [
      ...markers,
      ...findingMarkers(report),
      ...annotations.map((a) => ({
        seq: a.seq,
        t: a.t,
        kind: 'annotation' as const,
        label: a.text.slice(0, 40),
        severity: a.severity,
      })),
    ],
    [markers, report, annotations],
  );
}

export function Timeline() {
  const { t: tx } = useTranslation('replay');
  const duration = useReplay((s) => s.index?.duration ?? 0);
  const t = useReplay((s) => s.t);
  // What a person reads is stream time (ST1); the bar itself spans the recording's t.
  const startedT = useReplayStartedT();
  const lang = useUi((s) => s.lang);
  const all = useAllMarkers();
  const bar = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const pct = (ms: number) => (duration > 0 ? Math.min(100, (ms / duration) * 100) : 0);

  function seekAt(clientX: number) {
    const el = bar.current;
    const player = currentPlayer();
    if (!el || !player || duration <= 0) return;
    const r = el.getBoundingClientRect();
    player.seekTime(((clientX - r.left) / r.width) * duration);
  }
  const down = (e: PointerEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).dataset.marker) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekAt(e.clientX);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    // Every move starts a seek; a newer one cancels the older, so dragging never queues work.
    if (dragging.current) seekAt(e.clientX);
  };
  const up = () => {
    dragging.current = false;
  };

  return (
    <div className="timeline" data-testid="timeline">
      <span className="time" data-testid="replay-time">
        {streamClock(startedT, t, lang)}
      </span>
      <div
        className="track"
        ref={bar}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        data-testid="timeline-track"
      >
        <div className="played" style={{ width: `${pct(t)}%` }} />
        {all.map((m, i) => (
          <button
            type="button"
            key={`${m.kind}-${m.seq}-${i}`}
            className={`marker kind-${m.kind}${m.severity ? ` sev-${m.severity}` : ''}`}
            style={{ left: `${pct(m.t)}%` }}
            title={`${tx(`kinds.${m.kind}`)} · ${streamClock(startedT, m.t, lang)} · ${markerText(m, lang, tx)}`}
            onClick={() => currentPlayer()?.seekSeq(m.seq)}
            data-marker="1"
            data-testid="timeline-marker"
            data-kind={m.kind}
            data-seq={m.seq}
          />
        ))}
        <div className="playhead" style={{ left: `${pct(t)}%` }} />
      </div>
      <span className="time">{formatDuration(duration - (startedT ?? duration))}</span>
    </div>
  );
}
