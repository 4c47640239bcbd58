/**
 * The session as this client sees it: the folded SessionState (same `reduce` as the server),
 * who I am in it, and how the connection is doing. Written only by net/; read by UI through
 * `useSession` and by per-frame 3D code through `sessionStore.getState()`.
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
}

export const initialSessionStore = (): SessionStoreState => ({
  state: initialState(),
  role: null,
  participantId: null,
  code: null,
  name: null,
  connection: 'idle',
  lastEventAt: 0,
});

export const sessionStore = createStore<SessionStoreState>()(() => initialSessionStore());

export type SessionStore = typeof sessionStore;

/** Subscribe a component to a slice. Select primitives or stable references, never new objects. */
export function useSession<T>(selector: (s: SessionStoreState) => T): T {
  return useStore(sessionStore, selector);
}
