/**
 * Where the app's own static files live. Vite's `base` (import.meta.env.BASE_URL, `/` unless the
 * build says otherwise), resolved against the origin, never against the page's path: a page such
 * as /join/CODE or /replay/ID would otherwise look for `xr-profiles/…` under /join/ and get 404s.
 */
export function appAssetUrl(path: string, origin: string = window.location.origin): string {
  const base = import.meta.env.BASE_URL || '/';
  // A relative base ('./') means "next to index.html", which the server serves at the root.
  const root = base.startsWith('/') ? base : `/${base.replace(/^\.\//, '')}`;
  return new URL(`${root.replace(/\/?$/, '/')}${path.replace(/^\//, '')}`, origin).href;
}
