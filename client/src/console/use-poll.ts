/**
 * Fetch now and again every `intervalMs` (0: once), one request at a time (the next waits for the
 * last answer, so a slow server never piles requests up). Keeps the last good data when a poll
 * fails, with the error beside it, so a blip shows a banner instead of emptying the page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshMe } from '../auth/auth-store.js';
import { ApiError, describeError } from '../net/api.js';

export interface Poll<T> {
  data: T | undefined;
  /** The last failure, for people: a sentence in the interface language by code, then the server's detail. */
  error: string | null;
  /** The status of the last failure (404 shows "not found" pages). */
  status: number | null;
  /** When the last good answer arrived (Date.now()). */
  at: number | null;
  reload: () => void;
}

export function usePoll<T>(load: () => Promise<T>, intervalMs: number, key: string): Poll<T> {
  // Answers are kept with the key they were for: a new key shows nothing stale meanwhile.
  const [state, setState] = useState<Omit<Poll<T>, 'reload'> & { key: string }>({
    key,
    data: undefined,
    error: null,
    status: null,
    at: null,
  });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  const { t } = useTranslation('common');
  const tRef = useRef(t);
  useEffect(() => {
    loadRef.current = load;
    tRef.current = t;
  });

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const data = await loadRef.current();
        if (live) setState({ key, data, error: null, status: null, at: Date.now() });
      } catch (err) {
        if (!live) return;
        // A lapsed web session: the console's guard sends the user to sign in again.
        if (err instanceof ApiError && err.status === 401) void refreshMe();
        setState((s) => ({
          ...(s.key === key ? s : { data: undefined, at: null }),
          key,
          error: describeError(tRef.current, err),
          status: err instanceof ApiError ? err.status : null,
        }));
      }
      if (live && intervalMs > 0) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [intervalMs, key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  if (state.key !== key) return { data: undefined, error: null, status: null, at: null, reload };
  return { data: state.data, error: state.error, status: state.status, at: state.at, reload };
}
