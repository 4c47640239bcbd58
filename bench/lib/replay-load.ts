/**
 * Opening a recording in the player, measured in Node for the pure part (parsing the event pages,
 * building the index, the first seek, the build slices and seeks served while it builds), with the
 * client's own constants (EVENTS_PAGE, the 8 ms slice budget). Fetch, React and WebGL are not in
 * it: this is the main-thread work the replay adds on top of them.
 *
 * `eager` is the player before issue 16: pages of 20,000 events, then the whole index built in one
 * task. `progressive` is the player now: pages of 2,000 (EVENTS_PAGE), a lazy index, the first seek, then the
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
  /** The process CPU time of the same stretch (what an unloaded machine would take, about). */
  loadToInteractiveCpuMs: number;
  /** The longest single main-thread task of the whole opening, build included (wall clock). */
  longestTaskMs: number;
  /** The same task's process CPU time (on a loaded machine wall time includes waiting for a core). */
  longestTaskCpuMs: number;
  /** From the first page to the index complete. */
  indexCompleteMs: number;
  /** The slowest of the seeks asked for while the index was still building (request to state). */
  seekDuringBuildMaxMs: number | null;
  tasks: number;
  /** The three longest tasks and what they were. */
  top: string[];
}

interface Task {
  ms: number;
  /** CPU time of the process during the task: on a shared machine, wall time includes waiting. */
  cpu: number;
  what: string;
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Starts a task; the returned function records it. */
function task(tasks: Task[], what: string): () => void {
  const w = performance.now();
  const c = cpuMs();
  return () => tasks.push({ ms: performance.now() - w, cpu: cpuMs() - c, what });
}
const longest = (tasks: readonly Task[]) => Math.max(...tasks.map((t) => t.ms));
const longestCpu = (tasks: readonly Task[]) => Math.max(...tasks.map((t) => t.cpu));
const top = (tasks: readonly Task[]) =>
  [...tasks]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((t) => `${t.ms.toFixed(1)} ms (cpu ${t.cpu.toFixed(1)}) ${t.what}`);

const BUDGET_MS = 8;
const SLICE = 100;
const BUILD_SLICE = 50;

/** The page bodies the server sends (JSON text), so parsing them is part of the measure. */
function pages(events: readonly SessionEvent[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < events.length; i += size) {
    const page = events.slice(i, i + size);
    out.push(JSON.stringify({ events: page, lastSeq: events.length, more: i + size < events.length }));
  }
  return out;
}

/** The player constructor's list of events that are activity (for stepping and idle skipping). */
function activity(index: ReplayIndex): number[] {
  const active: number[] = [];
  index.events.forEach((e, i) => {
    if (e.type !== 'market.ticked' && e.type !== 'viewer.sentiment') active.push(i);
  });
  return active;
}

/** What the player's constructor and openReplay do besides the index (activity list, markers). */
function playerSetup(index: ReplayIndex): void {
  activity(index);
  markers(index.events);
}

function parseAll(bodies: readonly string[], tasks: Task[]): SessionEvent[] {
  const all: SessionEvent[] = [];
  for (const b of bodies) {
    const done = task(tasks, 'parse page');
    for (const e of (JSON.parse(b) as { events: SessionEvent[] }).events) all.push(e);
    done();
  }
  return all;
}

function figures(
  pageEvents: number,
  pages: number,
  tasks: Task[],
  interactive: number,
  interactiveCpu: number,
  complete: number,
  seekMs: number[],
): LoadFigures {
  return {
    pageEvents,
    pages,
    loadToInteractiveMs: Math.round(interactive),
    loadToInteractiveCpuMs: Math.round(interactiveCpu),
    longestTaskMs: Number(longest(tasks).toFixed(1)),
    longestTaskCpuMs: Number(longestCpu(tasks).toFixed(1)),
    indexCompleteMs: Math.round(complete),
    seekDuringBuildMaxMs: seekMs.length ? Math.round(Math.max(...seekMs)) : null,
    tasks: tasks.length,
    top: top(tasks),
  };
}

export function measureEager(events: readonly SessionEvent[]): LoadFigures {
  const bodies = pages(events, 20_000);
  const tasks: Task[] = [];
  const t0 = performance.now();
  const c0 = cpuMs();
  const all = parseAll(bodies, tasks);
  const done = task(tasks, 'index + first seek');
  const index = new ReplayIndex(all);
  playerSetup(index);
  index.stateAtIndex(all.findIndex((e) => e.type === 'session.started'));
  done();
  const at = performance.now() - t0;
  return figures(20_000, bodies.length, tasks, at, cpuMs() - c0, at, []);
}

export function measureProgressive(events: readonly SessionEvent[], pageEvents: number): LoadFigures {
  const bodies = pages(events, pageEvents);
  const tasks: Task[] = [];
  const t0 = performance.now();
  const c0 = cpuMs();
  const all = parseAll(bodies, tasks);
  // As openReplay does: the index, the player's activity list and the markers, each its own task.
  let done = task(tasks, 'lazy index');
  const index = new ReplayIndex(all, undefined, { lazy: true });
  done();
  done = task(tasks, 'activity list');
  activity(index);
  done();
  done = task(tasks, 'markers');
  markers(index.events);
  done();
  // The first seek, through the player's sliced path (it is near the start: no slices needed).
  runSeek(
    index,
    all.findIndex((e) => e.type === 'session.started'),
    tasks,
  );
  const interactive = performance.now() - t0;
  const interactiveCpu = cpuMs() - c0;
  // The build between frames, with a seek to a random moment every 20 slices (a trainer scrubbing).
  const rng = new Rng(11);
  const seekMs: number[] = [];
  let slices = 0;
  while (!index.complete) {
    const done = task(tasks, 'build slice');
    const until = performance.now() + BUDGET_MS;
    while (!index.build(BUILD_SLICE) && performance.now() < until);
    done();
    if (++slices % 20 === 0 && !index.complete) {
      const asked = performance.now();
      runSeek(index, rng.int(all.length), tasks);
      seekMs.push(performance.now() - asked);
    }
  }
  return figures(pageEvents, bodies.length, tasks, interactive, interactiveCpu, performance.now() - t0, seekMs);
}

/** A seek as the player pumps it: generator slices within the time budget, each one a task. */
function runSeek(index: ReplayIndex, target: number, tasks: Task[]): void {
  const gen = index.seekSteps(target, SLICE);
  for (;;) {
    const done = task(tasks, 'seek slice');
    const until = performance.now() + BUDGET_MS;
    let finished = false;
    for (;;) {
      const r = gen.next();
      if (r.done) {
        finished = true;
        break;
      }
      if (performance.now() >= until) break;
    }
    done();
    if (finished) return;
  }
}
