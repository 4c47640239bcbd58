/**
 * The live score: the same fold as the final report (core/rubric/facts.ts) over the events this
 * client receives. The detectors are loaded lazily, on the first event, so the initial bundle
 * stays small; events that arrive meanwhile are queued and folded in order.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SessionEvent } from '../../../core/events.js';
import type { Facts } from '../../../core/rubric/facts.js';
import type * as FactsNs from '../../../core/rubric/facts.js';
import { sessionClient } from '../net/session-client.js';

type FactsModule = typeof FactsNs;

export interface CriticalCue {
  seq: number;
  category: string;
  quote: string;
}

export interface ScoreFeedState {
  /** The newest critical finding in what the trainee said or typed, until dismissed. */
  critical: CriticalCue | null;
  /** Keys of cues the trainee dismissed (core/live-nudge.ts: "c:12", "d:40", …). */
  dismissed: readonly string[];
}

export const scoreFeed = createStore<ScoreFeedState>()(() => ({ critical: null, dismissed: [] }));

export function useScoreFeed<T>(selector: (s: ScoreFeedState) => T): T {
  return useStore(scoreFeed, selector);
}

let mod: FactsModule | null = null;
let loading = false;
let facts: Facts | null = null;
let sessionId = '';
const queue: SessionEvent[] = [];

function fold(e: SessionEvent): void {
  if (!mod) return;
  if (!facts) facts = mod.initialFacts();
  const before = facts.utterances.length;
  facts = mod.foldFacts(facts, e);
  for (let i = before; i < facts.utterances.length; i++) {
    const u = facts.utterances[i]!;
    const f = u.findings.find((x) => x.severity === 'critical');
    if (f) scoreFeed.setState({ critical: { seq: u.seq, category: f.category, quote: u.text.slice(f.start, f.end) } });
  }
}

/** Reset when another session is joined. */
export function resetScoreFeed(id: string): void {
  if (id === sessionId) return;
  sessionId = id;
  facts = null;
  queue.length = 0;
  scoreFeed.setState({ critical: null, dismissed: [] });
}

function onEvent(e: SessionEvent): void {
  if (mod) return fold(e);
  queue.push(e);
  if (loading) return;
  loading = true;
  void import('../../../core/rubric/facts.js').then((m) => {
    mod = m;
    for (const q of queue.splice(0)) fold(q);
  });
}

let started = false;
/** Start listening (idempotent); the HUD calls it when it mounts. */
export function startScoreFeed(): void {
  if (started) return;
  started = true;
  sessionClient.onEvent(onEvent);
}
