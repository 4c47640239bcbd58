/**
 * Elapsed times that tick every second between the console's 2 s polls. One shared 1 s timer for
 * the whole page (started by the first component that reads it, stopped when the last one
 * unmounts), never one per row; rows add the time since their poll answered to the server's
 * figure, so the clock moves smoothly and snaps back to the server's value on each answer.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;

let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = () => now;

/** Date.now(), updated once a second by the page's one shared timer. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * A session's elapsed time now: the server's `elapsedMs` as of the poll answer received at `at`
 * (Date.now()), plus the time since, while the session runs (the server counts a paused stream's
 * time too). Sessions not started or ended keep the server's figure.
 */
export function elapsedNow(
  s: { status: string; startedAt: number | null; elapsedMs: number },
  at: number | null,
  nowMs: number,
): number {
  if (s.status !== 'live' || s.startedAt === null || at === null) return s.elapsedMs;
  return s.elapsedMs + Math.max(0, nowMs - at);
}
