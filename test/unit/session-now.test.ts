/**
 * Replay is a mode of the session store, not a sentinel: the session clock in replay is the
 * playhead, so what depends on time passing (the audience leaning away from a question ignored for
 * 45 s, the elapsed clock) happens in replay as it did live, and stands still when paused.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../../core/session.js';
import { initialSessionStore, sessionNow } from '../../client/src/stores/session-store.js';

const live = { ...initialState(), status: 'live' as const, t: 10_000 };

describe('sessionNow', () => {
  it('live: the last event t plus the wall time since it was folded', () => {
    const s = { ...initialSessionStore(), state: live, lastEventAt: 1_000 };
    expect(sessionNow(s, 3_500)).toBe(12_500);
    expect(sessionNow({ ...s, state: { ...live, status: 'ended' } }, 3_500)).toBe(10_000);
  });

  it('replay: the playhead, whatever the wall clock says', () => {
    const s = { ...initialSessionStore(), state: live, mode: 'replay' as const, replayT: 56_000 };
    expect(sessionNow(s, 1e9)).toBe(56_000);
    // A question asked at t=10 s has waited 46 s at this playhead: past the 45 s lean-away.
    expect(sessionNow(s, 0) - 10_000).toBeGreaterThanOrEqual(45_000);
  });
});
