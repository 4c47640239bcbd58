/** One simulated viewer's mind: traits from its persona plus the mood that the stream moves. */
import type { Rng } from '../random.js';
import type { PersonaId } from './phrases.js';
import { PERSONAS, type PersonaSpec, type RiskClass } from './personas.js';

import type { ViewerLeaveReason } from '../events.js';

export type LeaveReason = ViewerLeaveReason;

export interface Viewer {
  index: number;
  name: string;
  persona: PersonaId;
  spec: PersonaSpec;
  riskClass: RiskClass;
  /** Participant id once connected (set by the driver through Audience.bind). */
  participantId: string | null;
  state: 'waiting' | 'present' | 'gone';
  arrivedT: number | null;
  leftT: number | null;
  leaveReason: LeaveReason | null;
  trust: number;
  sentiment: number;
  /** Own questions still waiting for the host: seq and time asked. */
  pending: Array<{ seq: number; t: number }>;
  complaints: number;
  /** Times this viewer took a lure's bait (asked to join the group). */
  bites: number;
  /** Baiters push harder after a promise. */
  heat: number;
  intents: Set<string>;
  lastSignal: { sentiment: number; trust: number };
  /** Indices of recently used bank lines, to avoid visible repeats. */
  recent: number[];
  watchUntilT: number;
  /** Session t until which the host muted this viewer (0: not muted); a muted viewer says nothing. */
  mutedUntilT: number;
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

const START_SENTIMENT: Record<PersonaId, number> = {
  genz_newcomer: 0.1,
  retiree: 0,
  growth_investor: 0,
  compliance_baiter: -0.1,
  fraud_lurer: 0,
  troll: -0.3,
  lurker: 0,
};

export function createViewer(index: number, name: string, persona: PersonaId, rng: Rng): Viewer {
  const spec = PERSONAS[persona];
  return {
    index,
    name,
    persona,
    spec,
    riskClass: rng.pick(spec.riskClasses),
    participantId: null,
    state: 'waiting',
    arrivedT: null,
    leftT: null,
    leaveReason: null,
    trust: spec.trust,
    sentiment: START_SENTIMENT[persona],
    pending: [],
    complaints: 0,
    bites: 0,
    heat: 0,
    intents: new Set(),
    lastSignal: { sentiment: START_SENTIMENT[persona], trust: spec.trust },
    recent: [],
    watchUntilT: 0,
    mutedUntilT: 0,
  };
}

export function nudge(v: Viewer, dSentiment: number, dTrust: number): void {
  v.sentiment = clamp(v.sentiment + dSentiment, -1, 1);
  v.trust = clamp(v.trust + dTrust, 0, 1);
}

/** Risk class as a number 1–5, for comparisons with product levels. */
export function riskLevel(c: RiskClass): number {
  return Number(c.slice(1));
}
