/**
 * The replay pages' address: `/sessions` (the list) and `/replay/:id?seq=N` (the player, the form
 * report links use). Kept tiny and outside the lazy replay chunk so app.tsx can pick the page.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type ReplayRoute = { page: 'sessions' } | { page: 'replay'; sessionId: string; seq: number | null } | null;

export function parseRoute(pathname: string, search: string): ReplayRoute {
  if (pathname === '/sessions' || pathname === '/sessions/') return { page: 'sessions' };
  const m = /^\/replay\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  const seq = Number(new URLSearchParams(search).get('seq'));
  return { page: 'replay', sessionId: decodeURIComponent(m[1]!), seq: Number.isInteger(seq) && seq > 0 ? seq : null };
}

const here = (): ReplayRoute =>
  typeof location === 'undefined' ? null : parseRoute(location.pathname, location.search);

export const routeStore = createStore<{ route: ReplayRoute }>()(() => ({ route: here() }));

if (typeof window !== 'undefined') window.addEventListener('popstate', () => routeStore.setState({ route: here() }));

/** Go to a path of this app without reloading (`/` is the lobby). */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  routeStore.setState({ route: here() });
}

export function useReplayRoute(): ReplayRoute {
  return useStore(routeStore, (s) => s.route);
}

/** The lobby's link to the replay pages (the only replay label outside the lazy chunk). */
export const REPLAYS_LINK = { zh: '回放与讲评', en: 'Replays & critique' } as const;
