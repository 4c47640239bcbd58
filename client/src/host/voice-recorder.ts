/**
 * Recording the trainee's voice, only when they switch it on (off by default; voice-record.tsx
 * asks first and shows a red badge while it runs). MediaRecorder encodes WebM/Opus in the
 * browser; each 5 s chunk goes to this server only (POST /api/sessions/:id/voice, stored beside
 * the session's recording, server/voice/voice-takes.ts). One take per switch-on: its first chunk
 * carries the stream time it began at, so replay plays it in sync (replay/voice-playback.tsx).
 */
import { create } from 'zustand';
import { sessionNow, sessionStore } from '../stores/session-store.js';

const CHUNK_MS = 5000;
const MIME = 'audio/webm;codecs=opus';

export interface RecorderState {
  on: boolean;
  /** Bytes stored so far in this take. */
  bytes: number;
  error: string | null;
}

export const useRecorder = create<RecorderState>(() => ({ on: false, bytes: 0, error: null }));

export function recordingSupported(): boolean {
  return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(MIME);
}

let stop: (() => void) | null = null;

export async function startRecording(): Promise<void> {
  if (stop) return;
  const { state, code } = sessionStore.getState();
  const sessionId = state.sessionId;
  if (!sessionId || !code) return;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true } });
  } catch (e) {
    useRecorder.setState({ on: false, error: e instanceof Error ? e.name : String(e) });
    return;
  }
  const rec = new MediaRecorder(stream, { mimeType: MIME, audioBitsPerSecond: 32_000 });
  const startT = Math.round(sessionNow(sessionStore.getState(), performance.now()));
  let take: string | null = null;
  // Chunks go up one at a time, in order: a take's file is their concatenation.
  let chain = Promise.resolve();
  rec.ondataavailable = (ev: BlobEvent) => {
    if (ev.data.size === 0) return;
    const blob = ev.data;
    chain = chain.then(async () => {
      const q = take ? `take=${encodeURIComponent(take)}` : `startT=${startT}`;
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/voice?${q}`, {
        method: 'POST',
        headers: { 'content-type': MIME, 'x-branchcast-code': code },
        body: blob,
      }).catch(() => null);
      if (!res || !res.ok) {
        const body = res ? ((await res.json().catch(() => ({}))) as { message?: string }) : {};
        useRecorder.setState({ error: body.message ?? 'network' });
        // A full or closed session: stop rather than keep sending.
        if (res && (res.status === 413 || res.status === 409)) stop?.();
        return;
      }
      const { take: t } = (await res.json()) as { take: { id: string; bytes: number } };
      take = t.id;
      useRecorder.setState({ bytes: t.bytes, error: null });
    });
  };
  stop = () => {
    stop = null;
    if (rec.state !== 'inactive') rec.stop();
    for (const t of stream.getTracks()) t.stop();
    useRecorder.setState({ on: false });
  };
  rec.start(CHUNK_MS);
  useRecorder.setState({ on: true, bytes: 0, error: null });
}

export function stopRecording(): void {
  stop?.();
}
