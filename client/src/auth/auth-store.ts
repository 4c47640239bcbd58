/**
 * Who this browser is to the server (docs/ACCESS.md): a logged-in facilitator or anonymous, from
 * `GET /api/auth/me`. The web session itself is the HttpOnly cookie `bc_session`; the client only
 * mirrors the answer so the lobby and the header know what to show. Small and eager (the lobby
 * reads it); the login and setup pages are a lazy chunk.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { ApiError, json } from '../net/api.js';

export type Me = { role: 'facilitator'; id: string; username: string } | { role: 'anonymous'; setupRequired: boolean };

export interface AuthState {
  /** undefined until the first answer; null when the server could not be asked. */
  me: Me | null | undefined;
}

export const authStore = createStore<AuthState>()(() => ({ me: undefined }));

export function useAuth<T>(selector: (s: AuthState) => T): T {
  return useStore(authStore, selector);
}

export const isFacilitator = (me: Me | null | undefined): me is Extract<Me, { role: 'facilitator' }> =>
  me?.role === 'facilitator';

let asking: Promise<void> | null = null;

/** Ask the server again (after login, logout, or a 401 from a facilitator route). */
export function refreshMe(): Promise<void> {
  asking ??= fetch('/api/auth/me', { credentials: 'same-origin' })
    .then((r) => json<Me>(r))
    .then(
      (me) => authStore.setState({ me }),
      () => authStore.setState({ me: null }),
    )
    .finally(() => {
      asking = null;
    });
  return asking;
}

async function post<T>(path: string, body?: unknown): Promise<T> {
  return json<T>(
    await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  );
}

export async function login(username: string, password: string): Promise<void> {
  const me = await post<Me>('/api/auth/login', { username, password });
  authStore.setState({ me });
}

export async function setupFirst(token: string, username: string, password: string): Promise<void> {
  const me = await post<Me>('/api/auth/setup', { token, username, password });
  authStore.setState({ me });
}

export async function logout(): Promise<void> {
  try {
    await post('/api/auth/logout');
  } finally {
    authStore.setState({ me: { role: 'anonymous', setupRequired: false } });
  }
}

export { ApiError };
