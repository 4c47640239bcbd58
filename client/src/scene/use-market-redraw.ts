/**
 * Redraw a canvas texture when the market or the trade feed changes, at most four times a second
 * (a 2,000-viewer room can fill many orders a second), never per frame. Shared by the back-wall
 * trade board and the LED wall's trade mode.
 */
import { useEffect } from 'react';
import type { SessionState } from '../../../core/session.js';
import { sessionStore } from '../stores/session-store.js';

const MIN_REDRAW_MS = 250;

/** Calls `draw(state)` now and after relevant changes while `enabled`; `draw` should set needsUpdate. */
export function useMarketRedraw(draw: (state: SessionState) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastDraw = 0;
    const run = () => {
      timer = null;
      lastDraw = performance.now();
      draw(sessionStore.getState().state);
    };
    run();
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      const p = prev.state;
      if (s.state.exchange === p.exchange && s.state.trades === p.trades && s.state.disclosureOn === p.disclosureOn)
        return;
      if (timer === null) timer = setTimeout(run, Math.max(0, MIN_REDRAW_MS - (performance.now() - lastDraw)));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [draw, enabled]);
}
