/**
 * The player's engine: seeks, playback and stepping over a ReplayIndex. The state it lands on is
 * written into the session store (the live connection is off), so the HUD and the 3D branch draw
 * the replay with the same components as a live rehearsal.
 *
 * A seek folds from the nearest checkpoint in slices (ReplayIndex.seekSteps) within a time budget,
 * yielding to the event loop between slices; a newer seek drops the older generator, so the UI
 * never waits for a seek it no longer wants (docs/SPEC.md RP2).
 */
import type { SessionEvent } from '../../../core/events.js';
import { ReplayIndex } from '../../../core/replay/replay-index.js';
import { reduce, type SessionState } from '../../../core/session.js';
import { sessionStore } from '../stores/session-store.js';
import { fetchReport, fetchVerify, listAnnotations, loadEvents } from './replay-api.js';
import { recordingMarkers } from './marker-labels.js';
import {
  findingMarkers,
  initialReplayState,
  recalledFacilitatorCode,
  replayStore,
  type TimelineMarker,
} from './replay-store.js';

/** Events folded between time checks of a sliced seek. */
const SLICE = 100;
/** Events folded into the index between time checks while it builds (a few ms at most). */
const BUILD_SLICE = 50;
/** Fold at most this long before yielding (keeps a frame for input and drawing). */
const BUDGET_MS = 8;
/** A target this close ahead is folded forward from the shown state instead of a checkpoint. */
const FORWARD_FOLD = 2000;

/** Events that do not count as activity when skipping idle stretches or stepping. */
const QUIET = new Set<SessionEvent['type']>(['market.ticked', 'viewer.sentiment']);

interface SeekJob {
  gen: Generator<undefined, SessionState, void>;
  target: number;
  startedAt: number;
  measured: boolean;
}

export class ReplayPlayer {
  private state: SessionState;
  private cur = -1;
  private job: SeekJob | null = null;
  private raf = 0;
  private disposed = false;
  /** t of the events that are activity (not QUIET), for idle skipping. */
  private readonly activeT: number[] = [];
  private readonly activeIdx: number[] = [];

  constructor(readonly index: ReplayIndex) {
    this.state = index.stateAtIndex(-1);
    index.events.forEach((e, i) => {
      if (QUIET.has(e.type)) return;
      this.activeT.push(e.t);
      this.activeIdx.push(i);
    });
  }

  get cursor(): number {
    return this.cur;
  }

  get shown(): SessionState {
    return this.state;
  }

  private tOf(i: number): number {
    return i < 0 ? 0 : this.index.events[i]!.t;
  }

  /** Show the state after events[0..i]; `t` moves the playhead (default: that event's t). */
  seekIndex(i: number, t?: number): void {
    const target = Math.max(-1, Math.min(i, this.index.length - 1));
    const at = t ?? this.tOf(target);
    replayStore.setState({ t: at });
    // Playing on from a seek: the wall clock starts again from the new moment.
    if (this.anchor) this.anchor = { wall: performance.now(), t: at, speed: replayStore.getState().speed };
    this.goTo(target, true);
  }

  seekSeq(seq: number): void {
    const i = this.index.indexOfSeq(seq);
    if (i >= 0) this.seekIndex(i);
  }

  seekTime(t: number): void {
    const clamped = Math.max(0, Math.min(t, this.index.duration));
    this.seekIndex(this.index.indexAtTime(clamped), clamped);
  }

  private goTo(target: number, measured: boolean): void {
    const startedAt = performance.now();
    this.job = null; // a newer seek cancels the one still folding
    if (target >= this.cur && target - this.cur <= FORWARD_FOLD) {
      let s = this.state;
      for (let j = this.cur + 1; j <= target; j++) s = reduce(s, this.index.events[j]!);
      this.land(s, target, startedAt, measured);
      return;
    }
    const job: SeekJob = { gen: this.index.seekSteps(target, SLICE), target, startedAt, measured };
    this.job = job;
    replayStore.setState({ seeking: true });
    this.pump(job);
  }

  private pump(job: SeekJob): void {
    if (this.job !== job || this.disposed) return;
    const until = performance.now() + BUDGET_MS;
    for (;;) {
      const r = job.gen.next();
      if (r.done) {
        this.job = null;
        this.land(r.value, job.target, job.startedAt, job.measured);
        return;
      }
      if (performance.now() >= until) break;
    }
    setTimeout(() => this.pump(job), 0);
  }

  private land(s: SessionState, target: number, startedAt: number, measured: boolean): void {
    this.state = s;
    this.cur = target;
    // Replay mode: the playhead is the clock (the status bar and the audience's patience read it).
    sessionStore.setState({ state: s, mode: 'replay', replayT: Math.max(s.t, replayStore.getState().t) });
    if (!measured) {
      replayStore.setState({ cursor: target, seeking: false });
      return;
    }
    const ms = performance.now() - startedAt;
    const rs = replayStore.getState();
    replayStore.setState({
      cursor: target,
      seeking: false,
      lastSeekMs: ms,
      maxSeekMs: Math.max(rs.maxSeekMs, ms),
      seeks: rs.seeks + 1,
    });
  }

  /** The next (dir 1) or previous (dir -1) event that is activity, not a market tick. */
  step(dir: 1 | -1): void {
    const a = this.activeIdx;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! <= this.cur) lo = mid + 1;
      else hi = mid;
    }
    // lo: first active index after cur.
    const k = dir === 1 ? lo : lo - 1 - (a[lo - 1] === this.cur ? 1 : 0);
    if (k < 0) this.seekIndex(-1);
    else if (k < a.length) this.seekIndex(a[k]!);
  }

  /** Jump to the next or previous marker of these kinds, by seq. */
  jump(kinds: readonly TimelineMarker['kind'][], dir: 1 | -1, list: readonly TimelineMarker[]): boolean {
    const seq = this.state.lastSeq;
    const hits = list.filter((m) => kinds.includes(m.kind)).sort((x, y) => x.seq - y.seq);
    const m = dir === 1 ? hits.find((x) => x.seq > seq) : hits.reverse().find((x) => x.seq < seq);
    if (!m) return false;
    this.seekSeq(m.seq);
    return true;
  }

  private nextActiveT(t: number): number | null {
    const a = this.activeT;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo < a.length ? a[lo]! : null;
  }

  /**
   * Playback follows the wall clock, not the frame rate: the playhead is where it was when play
   * (or a seek, or a speed change) anchored it plus the wall time since, times the speed. A slow
   * frame (software GL, a loaded machine) draws later, never slower (docs/SPEC.md RP11).
   */
  private anchor: { wall: number; t: number; speed: number } | null = null;

  private playheadNow(now: number): number {
    const a = this.anchor;
    return a ? a.t + (now - a.wall) * a.speed : replayStore.getState().t;
  }

  play(): void {
    if (this.disposed) return;
    const s = replayStore.getState();
    if (s.t >= this.index.duration) this.seekIndex(-1);
    const now = performance.now();
    this.anchor = { wall: now, t: replayStore.getState().t, speed: s.speed };
    replayStore.setState({ playing: true });
    cancelAnimationFrame(this.raf);
    this.raf = requestAnimationFrame(this.frame);
  }

  pause(): void {
    cancelAnimationFrame(this.raf);
    this.anchor = null;
    replayStore.setState({ playing: false });
  }

  toggle(): void {
    if (replayStore.getState().playing) this.pause();
    else this.play();
  }

  private frame = (): void => {
    const s = replayStore.getState();
    if (!s.playing || this.disposed) return;
    const now = performance.now();
    let t = this.playheadNow(now);
    // A speed change keeps the playhead where it is and runs on from there at the new speed.
    if (this.anchor && this.anchor.speed !== s.speed) this.anchor = { wall: now, t, speed: s.speed };
    if (s.skipIdle) {
      const next = this.nextActiveT(t);
      // Land a second before the next activity, so it is seen coming.
      if (next !== null && next - t > s.idleSec * 1000) {
        t = next - 1000;
        this.anchor = { wall: now, t, speed: s.speed };
      }
    }
    const end = t >= this.index.duration;
    if (end) t = this.index.duration;
    replayStore.setState({ t, playing: !end });
    if (end) this.anchor = null;
    // The status bar's clock reads the playhead; once a second is enough for it.
    if (Math.floor(t / 1000) !== Math.floor(sessionStore.getState().replayT / 1000))
      sessionStore.setState({ replayT: Math.max(t, this.state.t) });
    const i = this.index.indexAtTime(t);
    if (i !== this.cur && !this.job) this.goTo(i, false);
    if (!end) this.raf = requestAnimationFrame(this.frame);
  };

  dispose(): void {
    this.disposed = true;
    this.job = null;
    cancelAnimationFrame(this.raf);
  }
}

export interface BranchcastReplayHooks {
  player: ReplayPlayer | null;
  store: typeof replayStore;
}

declare global {
  interface Window {
    __branchcastReplay?: BranchcastReplayHooks;
  }
}

let current: ReplayPlayer | null = null;

export function currentPlayer(): ReplayPlayer | null {
  return current;
}

/** Close the player and give the session store back empty. */
export function closeReplay(): void {
  current?.dispose();
  current = null;
  replayStore.setState(initialReplayState());
}

/**
 * Load a session's events, build the index, show the moment `seq` (or the start of the stream),
 * then fetch its report, verification and annotations alongside.
 */
export async function openReplay(sessionId: string, seq: number | null, signal: AbortSignal): Promise<void> {
  closeReplay();
  const keep = replayStore.getState();
  replayStore.setState({
    ...initialReplayState(),
    speed: keep.speed,
    viewpoint: keep.viewpoint,
    sessionId,
    loading: { loaded: 0, total: 0 },
    facilitatorCode: recalledFacilitatorCode(sessionId),
  });
  let events: SessionEvent[];
  try {
    events = await loadEvents(
      sessionId,
      (loaded, total) => replayStore.setState({ loading: { loaded, total } }),
      signal,
    );
  } catch (err) {
    if (!signal.aborted)
      replayStore.setState({ loading: null, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (signal.aborted) return;
  // A lazy index: the player answers seeks at once while the checkpoints are built between frames.
  // Each scan of the events (times, activity, markers) is a task of its own, so none is long.
  const index = new ReplayIndex(events, undefined, { lazy: true });
  await nextTask();
  if (signal.aborted) return;
  const player = new ReplayPlayer(index);
  await nextTask();
  if (signal.aborted) return;
  const marks = recordingMarkers(events);
  current = player;
  buildInSlices(index, () => current === player);
  window.__branchcastReplay = { player, store: replayStore };
  replayStore.setState({ index, markers: marks, loading: null });
  const start = events.find((e) => e.type === 'session.started');
  if (seq !== null && index.indexOfSeq(seq) >= 0) player.seekSeq(seq);
  else player.seekIndex(start ? index.indexOfSeq(start.seq) : index.length - 1);

  void fetchReport(sessionId).then((report) => {
    if (current === player) replayStore.setState({ report });
  });
  void fetchVerify(sessionId).then(
    (verify) => current === player && replayStore.setState({ verify }),
    () => undefined,
  );
  void listAnnotations(sessionId).then(
    (annotations) => current === player && replayStore.setState({ annotations }),
    () => undefined,
  );
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Build the index in slices of at most BUDGET_MS each, yielding to the event loop between them, so
 * no task of the build holds the main thread (issue 16: a two-hour recording froze the tab ~5 s).
 */
function buildInSlices(index: ReplayIndex, alive: () => boolean): void {
  const total = index.length;
  const step = () => {
    if (!alive()) return;
    const until = performance.now() + BUDGET_MS;
    while (!index.build(BUILD_SLICE) && performance.now() < until);
    replayStore.setState({ indexing: index.complete ? null : { done: index.indexed, total } });
    if (!index.complete) setTimeout(step, 0);
  };
  replayStore.setState({ indexing: index.complete ? null : { done: 0, total } });
  setTimeout(step, 0);
}

export { findingMarkers };
