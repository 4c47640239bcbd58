/**
 * Opening a recording in the player, measured in Node for the pure part (parsing the event pages,
 * building the index, the first seek, the build slices and seeks served while it builds), with the
 * client's own constants (EVENTS_PAGE, the 8 ms slice budget). Fetch, React and WebGL are not in
 * it: this is the main-thread work the replay adds on top of them.
 *
 * `eager` is the player before issue 16: pages of 20,000 events, then the whole index built in one
 * task. `progressive` is the player now: pages of 5,000, a lazy index, the first seek, then the
 * build in slices of at most 8 ms, and seeks answered while it builds.
 */
import type { SessionEvent } from '../../core/events.js';
import { markers, ReplayIndex } from '../../core/replay/replay-index.js';
import { Rng } from '../../core/random.js';

export interface LoadFigures {
  pageEvents: number;
  pages: number;
  /** From the first page arriving to the first seek shown (the player answers input). */
  loadToInteractiveMs: number;
  /** The longest single main-thread task of the whole opening, build included. */
  longestTaskMs: number;
  /** From the first page to the index complete. */
  indexCompleteMs: number;
  /** The slowest of the seeks asked for while the index was still building (request to state). */
  seekDuringBuildMaxMs: number | null;
  tasks: number;
}

const BUDGET_MS = 8;
const SLICE = 250;

/** The page bodies the server sends (JSON text), so parsing them is part of the measure. */
function pages(events: readonly SessionEvent[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < events.length; i += size) {
    const page = events.slice(i, i + size);
    out.push(JSON.stringify({ events: page, lastSeq: events.length, more: i + size < events.length }));
  }
  return out;
}

/** What the player's constructor and openReplay do besides the index (activity list, markers). */
function playerSetup(index: ReplayIndex): void {
  const active: number[] = [];
  index.events.forEach((e, i) => {
    if (e.type !== 'market.ticked' && e.type !== 'viewer.sentiment') active.push(i);
  });
  markers(index.events);
}

export function measureEager(events: readonly SessionEvent[]): LoadFigures {
  const bodies = pages(events, 20_000);
  const tasks: number[] = [];
  const t0 = performance.now();
  const all: SessionEvent[] = [];
  for (const b of bodies) {
    const s = performance.now();
    for (const e of (JSON.parse(b) as { events: SessionEvent[] }).events) all.push(e);
    tasks.push(performance.now() - s);
  }
  const s = performance.now();
  const index = new ReplayIndex(all);
  playerSetup(index);
  const start = all.findIndex((e) => e.type === 'session.started');
  index.stateAtIndex(start);
  tasks.push(performance.now() - s);
  const done = performance.now() - t0;
  return {
    pageEvents: 20_000,
    pages: bodies.length,
    loadToInteractiveMs: Math.round(done),
    longestTaskMs: Math.round(Math.max(...tasks)),
    indexCompleteMs: Math.round(done),
    seekDuringBuildMaxMs: null,
    tasks: tasks.length,
  };
}

export function measureProgressive(events: readonly SessionEvent[], pageEvents: number): LoadFigures {
  const bodies = pages(events, pageEvents);
  const tasks: number[] = [];
  const t0 = performance.now();
  const all: SessionEvent[] = [];
  for (const b of bodies) {
    const s = performance.now();
    for (const e of (JSON.parse(b) as { events: SessionEvent[] }).events) all.push(e);
    tasks.push(performance.now() - s);
  }
  let s = performance.now();
  const index = new ReplayIndex(all, undefined, { lazy: true });
  playerSetup(index);
  const start = all.findIndex((e) => e.type === 'session.started');
  // The first seek, through the player's sliced path (it is near the start: no slices needed).
  runSeek(index, start, tasks);
  tasks.push(performance.now() - s);
  const interactive = performance.now() - t0;
  // The build between frames, with a seek to a random moment every 20 slices (a trainer scrubbing).
  const rng = new Rng(11);
  const seekMs: number[] = [];
  let slices = 0;
  while (!index.complete) {
    s = performance.now();
    const until = s + BUDGET_MS;
    while (!index.build(SLICE) && performance.now() < until);
    tasks.push(performance.now() - s);
    if (++slices % 20 === 0 && !index.complete) {
      const asked = performance.now();
      runSeek(index, rng.int(all.length), tasks);
      seekMs.push(performance.now() - asked);
    }
  }
  const complete = performance.now() - t0;
  return {
    pageEvents,
    pages: bodies.length,
    loadToInteractiveMs: Math.round(interactive),
    longestTaskMs: Number(Math.max(...tasks).toFixed(1)),
    indexCompleteMs: Math.round(complete),
    seekDuringBuildMaxMs: seekMs.length ? Math.round(Math.max(...seekMs)) : null,
    tasks: tasks.length,
  };
}

/** A seek as the player pumps it: generator slices within the time budget, each one a task. */
function runSeek(index: ReplayIndex, target: number, tasks: number[]): void {
  const gen = index.seekSteps(target, SLICE);
  for (;;) {
    const s = performance.now();
    const until = s + BUDGET_MS;
    let done = false;
    for (;;) {
      const r = gen.next();
      if (r.done) {
        done = true;
        break;
      }
      if (performance.now() >= until) break;
    }
    tasks.push(performance.now() - s);
    if (done) return;
  }
}
