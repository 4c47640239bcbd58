/**
 * The session as this client sees it: the folded SessionState (same `reduce` as the server),
 * who I am in it, and how the connection is doing. Written by net/ (live) and by the replay player
 * (`mode: 'replay'`, the socket closed); read by UI through `useSession` and by per-frame 3D code
 * through `sessionStore.getState()`.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Role } from '../../../core/events.js';
import { initialState, type SessionState } from '../../../core/session.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface SessionStoreState {
  state: SessionState;
  role: Role | null;
  participantId: string | null;
  /** The code and name this client joined with (a reconnect re-joins with them). */
  code: string | null;
  name: string | null;
  connection: ConnectionStatus;
  /** performance.now() when the last event was folded: lets the UI run the clock between events. */
  lastEventAt: number;
  /** live: fed by the socket, the clock runs on between events; replay: the playhead is the clock. */
  mode: 'live' | 'replay';
  /** Replay: the playhead's session t (moves between events while playing, stands still when paused). */
  replayT: number;
}

/**
 * Session time now, on the session's own clock: in replay the playhead; live, the last event's t
 * plus the wall time since it was folded (while the session is live).
 */
export function sessionNow(s: SessionStoreState, perfNow: number): number {
  if (s.mode === 'replay') return s.replayT;
  return s.state.status === 'live' ? s.state.t + Math.max(0, perfNow - s.lastEventAt) : s.state.t;
}

export const initialSessionStore = (): SessionStoreState => ({
  state: initialState(),
  role: null,
  participantId: null,
  code: null,
  name: null,
  connection: 'idle',
  lastEventAt: 0,
  mode: 'live',
  replayT: 0,
});

export const sessionStore = createStore<SessionStoreState>()(() => initialSessionStore());

export type SessionStore = typeof sessionStore;

/** Subscribe a component to a slice. Select primitives or stable references, never new objects. */
export function useSession<T>(selector: (s: SessionStoreState) => T): T {
  return useStore(sessionStore, selector);
}
