/**
 * Seeking in a recording: the folded state is checkpointed every `every` events while the
 * recording loads, and seeking to a moment folds forward from the nearest checkpoint at or before
 * it. States share structure (reduce never mutates), so checkpoints cost little memory. The
 * default interval was chosen with bench/replay.ts (docs/SPEC.md RP1–RP3). A lazy index is built
 * in slices while the player is already answering seeks (RP12).
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
  /** Index of the last event folded into `frontier` (the build goes forward from there). */
  private built = -1;
  private frontier: SessionState;
  /** t of the stream's start (the last `session.started`), or null: the clock people read. */
  readonly startedT: number | null = null;

  /**
   * `lazy`: build nothing yet; checkpoints are made by build() in slices (a player calls it
   * between frames) or by the seeks that need them, so a two-hour recording opens at once
   * (docs/SPEC.md RP12). Otherwise the whole index is built now.
   */
  constructor(
    readonly events: readonly SessionEvent[],
    readonly every = DEFAULT_CHECKPOINT_EVERY,
    opts: { lazy?: boolean } = {},
  ) {
    if (every < 1) throw new RangeError('checkpoint interval must be at least 1');
    this.times = new Float64Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      this.times[i] = e.t;
      if (e.type === 'session.started') this.startedT = e.t;
    }
    this.frontier = initialState();
    this.checkpoints.push({ index: -1, state: this.frontier });
    if (!opts.lazy) this.build(events.length);
  }

  /** Fold up to `n` more events into the index; true once every event is in it. */
  build(n: number): boolean {
    const last = Math.min(this.events.length - 1, this.built + Math.max(0, n));
    let s = this.frontier;
    for (let i = this.built + 1; i <= last; i++) {
      s = reduce(s, this.events[i]!);
      if ((i + 1) % this.every === 0) this.checkpoints.push({ index: i, state: s });
    }
    this.frontier = s;
    this.built = last;
    return this.complete;
  }

  /** Every event is folded into the index. */
  get complete(): boolean {
    return this.built >= this.events.length - 1;
  }

  /** How many events the index covers so far. */
  get indexed(): number {
    return this.built + 1;
  }

  /** The state after the last event (finishes the build first). */
  get final(): SessionState {
    this.build(this.events.length);
    return this.frontier;
  }

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

  /** The nearest built checkpoint at or before `index` (the frontier counts as one). */
  private checkpointFor(index: number): Checkpoint {
    if (index >= this.built) return { index: this.built, state: this.frontier };
    const k = Math.min(this.checkpoints.length - 1, Math.floor((index + 1) / this.every));
    return this.checkpoints[k]!;
  }

  /** State after folding events[0..index] (index -1: the initial state). */
  stateAtIndex(index: number): SessionState {
    const i = Math.max(-1, Math.min(index, this.events.length - 1));
    // Beyond what is built, the build itself goes there (the same fold, kept as checkpoints).
    if (i > this.built) this.build(i - this.built);
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
    // Beyond what is built, the seek drives the build in slices (nothing is folded twice).
    while (i > this.built) {
      this.build(Math.min(slice, i - this.built));
      yield undefined;
    }
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
