/**
 * Everything the LED wall draws, as data, from the folded session state: the live wall and the
 * replay's wall call this same function on the state of the same moment, so they cannot differ
 * (docs/SPEC.md RP10). The client's canvas drawing (client/src/scene/led-content.ts) only paints it.
 */
import type { Bilingual } from '../scenario.js';
import type { SessionState, SessionStatus } from '../session.js';
import { wallSlide, type WallSlide, type WallSlideInput } from './wall-slide.js';

/** The state the wall reads (a SessionState will do; the client selects just these fields). */
export type LedInput = WallSlideInput &
  Pick<SessionState, 'paused' | 'disclosureOn'> & { exchange: unknown; invitation: unknown };

export interface LedView {
  /** 'trade': the trade board stands on the wall (a call to action with a virtual exchange). */
  mode: 'segment' | 'trade';
  scenarioTitle: Bilingual | null;
  segmentTitle: Bilingual | null;
  segmentIndex: number;
  segmentCount: number;
  status: SessionStatus | 'idle';
  disclosure: Bilingual | null;
  /** The banner is on screen (state.disclosureOn). */
  disclosureOn: boolean;
  slide: WallSlide;
  paused: boolean;
}

/**
 * `showing`: someone is watching this session (joined live, or replaying it); otherwise the wall
 * shows its idle card whatever the store holds.
 */
export function ledView(s: LedInput, showing: boolean): LedView {
  const scenario = s.scenario;
  const trade =
    s.exchange !== null &&
    s.status === 'live' &&
    (s.invitation !== null || scenario?.segments[s.segmentIndex]?.callToAction === true);
  return {
    mode: trade ? 'trade' : 'segment',
    slide: wallSlide(s),
    paused: s.paused,
    scenarioTitle: scenario?.title ?? null,
    segmentTitle: scenario?.segments[s.segmentIndex]?.title ?? null,
    segmentIndex: s.segmentIndex,
    segmentCount: scenario?.segments.length ?? 0,
    status: showing && scenario ? s.status : 'idle',
    disclosure: scenario?.disclosure ?? null,
    disclosureOn: s.disclosureOn,
  };
}
