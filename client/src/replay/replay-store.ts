/**
 * The player's own state (what is loaded, where the playhead is, how it plays). The replayed
 * SessionState itself goes into the ordinary session store, so the live HUD and 3D scene draw it.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ReplayIndex } from '../../../core/replay/replay-index.js';
import type { Report } from '../../../core/rubric/report-model.js';
import type { Bilingual } from '../../../core/scenario.js';
import type { Annotation, VerifyResult } from './replay-api.js';

export type Viewpoint = 'audience' | 'host' | 'free';

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

export interface TimelineMarker {
  seq: number;
  t: number;
  kind: 'segment' | 'incident' | 'end' | 'finding' | 'annotation' | 'branch' | 'directed';
  /** Free text (an annotation, a director line) or a number; `text`/`labelKey` win when set. */
  label: string;
  /** Words in both languages (a segment's or incident's title, a finding's name). */
  text?: Bilingual;
  /** An interface string (replay namespace) and its values, e.g. why the stream ended. */
  labelKey?: string;
  vars?: Record<string, string | number>;
  /** Findings and annotations: their severity (colours the marker). */
  severity?: string | null;
}

export interface ReplayStoreState {
  sessionId: string | null;
  loading: { loaded: number; total: number } | null;
  error: string | null;
  index: ReplayIndex | null;
  /** Index into index.events of the last event folded into the shown state (-1: none). */
  cursor: number;
  /** Playhead in session ms. */
  t: number;
  playing: boolean;
  speed: number;
  skipIdle: boolean;
  /** A stretch with no events (other than market ticks) longer than this is skipped while playing. */
  idleSec: number;
  viewpoint: Viewpoint;
  /** Events folded into the index so far while it builds in slices (null once complete). */
  indexing: { done: number; total: number } | null;
  /** A sliced seek is still folding. */
  seeking: boolean;
  /** How long the last seek took, request to state shown (ms), and the slowest so far. */
  lastSeekMs: number | null;
  maxSeekMs: number;
  seeks: number;
  /** Segments, incidents, the end (from the events). */
  markers: TimelineMarker[];
  report: Report | null;
  annotations: Annotation[];
  verify: VerifyResult | null;
  /** The facilitator code typed for this session (annotation writes send it). */
  facilitatorCode: string | null;
}

export const initialReplayState = (): ReplayStoreState => ({
  sessionId: null,
  loading: null,
  error: null,
  index: null,
  cursor: -1,
  t: 0,
  playing: false,
  speed: 1,
  skipIdle: true,
  idleSec: 5,
  viewpoint: 'audience',
  indexing: null,
  seeking: false,
  lastSeekMs: null,
  maxSeekMs: 0,
  seeks: 0,
  markers: [],
  report: null,
  annotations: [],
  verify: null,
  facilitatorCode: null,
});

export const replayStore = createStore<ReplayStoreState>()(() => initialReplayState());

/** When the replayed stream started (recording t), for the stream clock (core/stream-time.ts). */
export function useReplayStartedT(): number | null {
  return useStore(replayStore, (s) => s.index?.startedT ?? null);
}

export function useReplay<T>(selector: (s: ReplayStoreState) => T): T {
  return useStore(replayStore, selector);
}

/** Findings from the report as markers, in seq order. */
export function findingMarkers(report: Report | null): TimelineMarker[] {
  if (!report) return [];
  return report.findings
    .map((f) => ({ seq: f.seq, t: f.t, kind: 'finding' as const, label: '', text: f.name, severity: f.severity }))
    .sort((a, b) => a.seq - b.seq);
}

const FAC_KEY = (id: string) => `branchcast.facilitator.${id}`;

export function rememberFacilitatorCode(sessionId: string, code: string | null): void {
  try {
    if (code) sessionStorage.setItem(FAC_KEY(sessionId), code);
    else sessionStorage.removeItem(FAC_KEY(sessionId));
  } catch {
    // storage unavailable: the code lasts for this page only
  }
}

export function recalledFacilitatorCode(sessionId: string): string | null {
  try {
    return sessionStorage.getItem(FAC_KEY(sessionId));
  } catch {
    return null;
  }
}
