/**
 * The app's pages by pathname (history API, no library): the lobby and rehearsal at `/`, a
 * trainee's invitation `/join/CODE`, the facilitator's `/login`, `/setup#token=…`, `/console`,
 * `/console/cohorts[/ID]`, `/console/facilitators`, and the replay pages `/sessions`,
 * `/replay/ID?seq=N`. Kept tiny and outside every lazy chunk so app.tsx can choose the page
 * before loading it.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type Route =
  | { page: 'home' }
  | { page: 'join'; code: string }
  | { page: 'login'; next: string | null }
  | { page: 'setup'; token: string }
  /** A colleague's one-time password reset link (`/reset#token=…`). */
  | { page: 'reset'; token: string }
  | { page: 'console' }
  | { page: 'cohorts' }
  | { page: 'cohort'; cohortId: string }
  | { page: 'team' }
  | { page: 'sessions' }
  | { page: 'replay'; sessionId: string; seq: number | null }
  | { page: 'not-found' };

const segment = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a malformed escape: show the not-found page rather than throw
  }
};

export function parseRoute(pathname: string, search: string, hash = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(search);
  if (path === '/') return { page: 'home' };
  if (path === '/sessions') return { page: 'sessions' };
  if (path === '/login') {
    const next = query.get('next');
    // Only a path of this app: never an absolute URL someone slipped into the link, and
    // never back to the sign-in or set-up page itself.
    const safe = next && /^\/(?!\/)/.test(next) && !/^\/(login|setup|reset)\b/.test(next);
    return { page: 'login', next: safe ? next : null };
  }
  if (path === '/setup')
    return { page: 'setup', token: new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '' };
  if (path === '/reset')
    return { page: 'reset', token: new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '' };
  if (path === '/console') return { page: 'console' };
  if (path === '/console/cohorts') return { page: 'cohorts' };
  if (path === '/console/facilitators') return { page: 'team' };
  let m = /^\/console\/cohorts\/([^/]+)$/.exec(path);
  if (m) return { page: 'cohort', cohortId: segment(m[1]!) };
  m = /^\/join\/([^/]+)$/.exec(path);
  if (m) return { page: 'join', code: segment(m[1]!).toUpperCase() };
  m = /^\/replay\/([^/]+)$/.exec(path);
  if (m) {
    const seq = Number(query.get('seq'));
    return { page: 'replay', sessionId: segment(m[1]!), seq: Number.isInteger(seq) && seq > 0 ? seq : null };
  }
  return { page: 'not-found' };
}

const here = (): Route =>
  typeof location === 'undefined' ? { page: 'home' } : parseRoute(location.pathname, location.search, location.hash);

export const routeStore = createStore<{ route: Route }>()(() => ({ route: here() }));

if (typeof window !== 'undefined') window.addEventListener('popstate', () => routeStore.setState({ route: here() }));

/** Go to a path of this app without reloading (`/` is the lobby). */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  routeStore.setState({ route: here() });
}

export function useRoute(): Route {
  return useStore(routeStore, (s) => s.route);
}

/** An in-app link's click: navigate without a reload, but let modified clicks open a new tab. */
export function linkClick(path: string) {
  return (e: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number }) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(path);
  };
}
