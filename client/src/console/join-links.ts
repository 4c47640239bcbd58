/**
 * The origin of every join link the console shows (issue 17 pt 1): the server's --public-url when
 * it has one, else the address this page was opened on — the one the facilitator chose, so the
 * links, the login cookie and the QR codes all name one host. Fetched once per console load.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { json } from '../net/api.js';

export interface PublicLinks {
  origin: string;
  publicUrl: string | null;
  lan: string[];
}

const linksStore = createStore<{ links: PublicLinks | null; asked: boolean }>()(() => ({ links: null, asked: false }));

function load(): void {
  if (linksStore.getState().asked) return;
  linksStore.setState({ asked: true });
  fetch('/api/workshop/links', { credentials: 'same-origin' })
    .then((r) => json<PublicLinks>(r))
    .then(
      (links) => linksStore.setState({ links }),
      // Not answered (an older server, signed out): links use this page's origin.
      () => linksStore.setState({ asked: false }),
    );
}

export function useLinks(): PublicLinks | null {
  useEffect(load, []);
  return useStore(linksStore, (s) => s.links);
}

/** The origin join links name: the public URL, else this page's own. */
export function useJoinOrigin(): string {
  const links = useLinks();
  return links?.publicUrl ?? location.origin;
}

export const joinUrlAt = (origin: string, code: string) => `${origin}/join/${encodeURIComponent(code)}`;
