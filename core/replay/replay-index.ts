/**
 * Seeking in a recording: the folded state is checkpointed every `every` events while the
 * recording loads, and seeking to a moment folds forward from the nearest checkpoint at or before
 * it. States share structure (reduce never mutates), so checkpoints cost little memory. The
 * default interval was chosen with bench/replay.ts (docs/SPEC.md RP1–RP3).
 */
import type { SessionEvent } from '../events.js';
import { initialState, reduce, type SessionState } from '../session.js';

export const DEFAULT_CHECKPOINT_EVERY = 250;

export interface Checkpoint {
  /** Index into the events array of the last event folded into `state` (-1: none). */
  index: number;
  state: SessionState;
}

export class ReplayIndex {
  readonly checkpoints: Checkpoint[] = [];
  /** `t` of each event, for binary search by time. */
  private times: Float64Array;

  constructor(
    readonly events: readonly SessionEvent[],
    readonly every = DEFAULT_CHECKPOINT_EVERY,
  ) {
    if (every < 1) throw new RangeError('checkpoint interval must be at least 1');
    this.times = new Float64Array(events.length);
    let s = initialState();
    this.checkpoints.push({ index: -1, state: s });
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      this.times[i] = e.t;
      s = reduce(s, e);
      if ((i + 1) % every === 0) this.checkpoints.push({ index: i, state: s });
    }
    this.final = s;
  }

  /** The state after the last event. */
  readonly final: SessionState;

  get length(): number {
    return this.events.length;
  }

  /** Duration: `t` of the last event. */
  get duration(): number {
    return this.events.length ? this.times[this.events.length - 1]! : 0;
  }

  /** Index of the last event with t <= `t` (-1 if none). */
  indexAtTime(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  /** Index of the event with this seq (-1 if absent). Events are in seq order. */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.events.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.events[mid]!.seq;
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private checkpointFor(index: number): Checkpoint {
    const k = Math.min(this.checkpoints.length - 1, Math.floor((index + 1) / this.every));
    return this.checkpoints[k]!;
  }

  /** State after folding events[0..index] (index -1: the initial state). */
  stateAtIndex(index: number): SessionState {
    const i = Math.max(-1, Math.min(index, this.events.length - 1));
    const cp = this.checkpointFor(i);
    let s = cp.state;
    for (let j = cp.index + 1; j <= i; j++) s = reduce(s, this.events[j]!);
    return s;
  }

  /** State at session time t (after every event with e.t <= t). */
  stateAtTime(t: number): SessionState {
    return this.stateAtIndex(this.indexAtTime(t));
  }

  /**
   * The same seek in slices of at most `slice` events, yielding between slices, so a UI can fold
   * a long stretch without freezing and drop the generator when a newer seek arrives.
   */
  *seekSteps(index: number, slice = 2000): Generator<undefined, SessionState, void> {
    const i = Math.max(-1, Math.min(index, this.events.length - 1));
    const cp = this.checkpointFor(i);
    let s = cp.state;
    let n = 0;
    for (let j = cp.index + 1; j <= i; j++) {
      s = reduce(s, this.events[j]!);
      if (++n % slice === 0) yield undefined;
    }
    return s;
  }
}

/** Seqs worth jumping between in the timeline (incidents, segments), in order. */
export function markers(
  events: readonly SessionEvent[],
): Array<{ seq: number; t: number; kind: string; label: string }> {
  const out: Array<{ seq: number; t: number; kind: string; label: string }> = [];
  for (const e of events) {
    if (e.type === 'segment.advanced' || e.type === 'session.started')
      out.push({ seq: e.seq, t: e.t, kind: 'segment', label: e.type === 'session.started' ? '0' : String(e.index) });
    else if (e.type === 'incident.fired') out.push({ seq: e.seq, t: e.t, kind: 'incident', label: e.incidentId });
    else if (e.type === 'session.ended') out.push({ seq: e.seq, t: e.t, kind: 'end', label: e.reason });
  }
  return out;
}
