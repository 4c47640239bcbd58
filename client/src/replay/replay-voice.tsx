/**
 * The trainee's voice in replay (issue 19): the figures at the playhead (pace of the last
 * voice.sample window, pauses so far; core/voice/voice-figures.ts) and, where the trainee turned
 * recording on, the recorded takes played in sync with the playhead (seeking moves them, pausing
 * pauses them, the speed is theirs too). Takes come from this server only
 * (server/voice/voice-routes.ts), loaded whole so seeking works in MediaRecorder's WebM.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventOf } from '../../../core/events.js';
import { voiceFiguresAt } from '../../../core/voice/voice-figures.js';
import { withCode } from '../net/api.js';
import { useReplay } from './replay-store.js';

interface Take {
  id: string;
  startT: number;
  chunks: number;
}

/** MediaRecorder's WebM has no duration: a take lasts about its chunk count × the chunk length. */
const CHUNK_MS = 5000;
/** Re-seek when the audio is this far from the playhead (software GL moves the playhead in frame-sized steps). */
const DRIFT_S = 1;

function useTakes(sessionId: string): Array<Take & { url: string }> {
  const [takes, setTakes] = useState<Array<Take & { url: string }>>([]);
  useEffect(() => {
    const ctl = new AbortController();
    const urls: string[] = [];
    const enc = encodeURIComponent(sessionId);
    void (async () => {
      const res = await fetch(`/api/sessions/${enc}/voice`, withCode(sessionId, { signal: ctl.signal }));
      if (!res.ok) return;
      const list = ((await res.json()) as { takes: Take[] }).takes;
      const loaded: Array<Take & { url: string }> = [];
      for (const t of list) {
        const a = await fetch(
          `/api/sessions/${enc}/voice/${encodeURIComponent(t.id)}`,
          withCode(sessionId, { signal: ctl.signal }),
        );
        if (!a.ok) continue;
        const url = URL.createObjectURL(await a.blob());
        urls.push(url);
        loaded.push({ ...t, url });
      }
      if (!ctl.signal.aborted) setTakes(loaded);
    })().catch(() => undefined);
    return () => {
      ctl.abort();
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [sessionId]);
  return takes;
}

function TakeAudio({ take }: { take: Take & { url: string } }) {
  const ref = useRef<HTMLAudioElement>(null);
  const t = useReplay((s) => s.t);
  const playing = useReplay((s) => s.playing);
  const speed = useReplay((s) => s.speed);
  useEffect(() => {
    const a = ref.current;
    if (!a) return;
    const offset = (t - take.startT) / 1000;
    const inside = offset >= 0 && offset < (take.chunks * CHUNK_MS) / 1000 + 1;
    a.playbackRate = speed;
    if (!inside) {
      if (!a.paused) a.pause();
      return;
    }
    if (Math.abs(a.currentTime - offset) > DRIFT_S * Math.max(1, speed)) a.currentTime = offset;
    if (playing && a.paused && !a.ended) void a.play().catch(() => undefined);
    if (!playing && !a.paused) a.pause();
  }, [t, playing, speed, take]);
  return <audio ref={ref} src={take.url} preload="auto" data-testid="replay-voice-audio" data-take={take.id} />;
}

export function ReplayVoice({ sessionId }: { sessionId: string }) {
  const { t: tx } = useTranslation('replay');
  const index = useReplay((s) => s.index);
  const t = useReplay((s) => s.t);
  const samples = useMemo(
    () => (index?.events ?? []).filter((e): e is EventOf<'voice.sample'> => e.type === 'voice.sample'),
    [index],
  );
  const takes = useTakes(sessionId);
  const fig = voiceFiguresAt(samples, t);
  if (samples.length === 0 && takes.length === 0) return null;
  return (
    <div
      className="replay-voice"
      data-testid="replay-voice"
      data-pace={fig?.pace ?? ''}
      data-pauses={fig?.pauses ?? ''}
    >
      {fig ? (
        <span>
          {fig.pace === null ? tx('voiceNoPace') : tx('voicePace', { n: fig.pace })} ·{' '}
          {tx('voicePauses', { n: fig.pauses, sec: (fig.longestPauseMs / 1000).toFixed(1) })}
        </span>
      ) : (
        <span className="hint">{tx('voiceNone')}</span>
      )}
      {takes.length > 0 && <span className="pill">{tx('voiceRecorded', { n: takes.length })}</span>}
      {takes.map((k) => (
        <TakeAudio key={k.id} take={k} />
      ))}
    </div>
  );
}
