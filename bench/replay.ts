/**
 * Replay on a generated 2-hour recording of about 200,000 events: load time (read + parse +
 * index), random seek latency p50/p99, and the ratio against folding from the start for the same
 * seeks, for several checkpoint intervals (which is how DEFAULT_CHECKPOINT_EVERY was chosen).
 * Then opening it in the player (bench/lib/replay-load.ts, measured in Node for the pure part):
 * loadToInteractiveMs and longestTaskMs, before (eager index) and now (lazy index in slices).
 * Run: npm run bench -- replay [--events N]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CHECKPOINT_EVERY, ReplayIndex } from '../core/replay/replay-index.js';
import { Rng } from '../core/random.js';
import { initialState, reduce } from '../core/session.js';
import type { Scenario } from '../core/scenario.js';
import { readRecording, writeRecordingFile } from '../server/recordings/recording-file.js';
import { loadScenes } from '../server/content/scenes.js';
import { simulate } from '../server/sim/simulate.js';
import { measureEager, measureProgressive } from './lib/replay-load.js';

/** The player's page size (client/src/replay/replay-api.ts EVENTS_PAGE). */
const EVENTS_PAGE = 2000;
const here = dirname(fileURLToPath(import.meta.url));

/** A full garbage collection between measurements (V8's gc(), exposed at run time). */
function gcNow(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const i = process.argv.indexOf('--events');
const TARGET = i > 0 ? Number(process.argv[i + 1]) : 200_000;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// A 2-hour version of the anti-fraud stream: the same script with every budget ×5.
const base = loadScenes(join(here, '..', 'scenes')).scenarios.get('anti-fraud-live')!;
const long: Scenario = { ...base, segments: base.segments.map((s) => ({ ...s, budgetSec: s.budgetSec * 5 })) };
const bots = Math.round(TARGET / 420); // about 420 events per viewer over two hours, measured
const t0 = performance.now();
const sim = await simulate({ scenario: long, seed: 2026, bots, minutes: 150 });
const genS = (performance.now() - t0) / 1000;
const dir = mkdtempSync(join(tmpdir(), 'branchcast-replay-'));
const file = join(dir, 'long.jsonl.gz');
writeRecordingFile(file, sim.record, sim.events, 'bench');
console.log(
  `generated ${sim.events.length} events over ${(sim.state.t / 3_600_000).toFixed(2)} h with ${bots} viewers in ${genS.toFixed(1)} s`,
);

const tl = performance.now();
const rec = readRecording(file);
const parseMs = performance.now() - tl;
rmSync(dir, { recursive: true, force: true });

const rows: Array<Record<string, number>> = [];
let chosen: Record<string, number> | null = null;
// --open-only: just the opening figures (the interval table takes minutes).
const openOnly = process.argv.includes('--open-only');
for (const every of openOnly ? [DEFAULT_CHECKPOINT_EVERY] : [250, 1000, 4000]) {
  const ti = performance.now();
  const index = new ReplayIndex(rec.events, every);
  const indexMs = performance.now() - ti;
  const rng = new Rng(7);
  const seeks: number[] = [];
  for (let k = 0; k < 500; k++) {
    const at = rng.int(rec.events.length);
    const s = performance.now();
    index.stateAtIndex(at);
    seeks.push(performance.now() - s);
  }
  // Folding from the start for a sample of the same kind of seeks.
  const rng2 = new Rng(8);
  const folds: number[] = [];
  const indexed: number[] = [];
  for (let k = 0; k < 15; k++) {
    const at = rng2.int(rec.events.length);
    let s = performance.now();
    let st = initialState();
    for (let j = 0; j <= at; j++) st = reduce(st, rec.events[j]!);
    folds.push(performance.now() - s);
    s = performance.now();
    index.stateAtIndex(at);
    indexed.push(performance.now() - s);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const row = {
    every,
    checkpoints: index.checkpoints.length,
    indexMs: Math.round(indexMs),
    seekP50Ms: Number(pct(seeks, 50).toFixed(2)),
    seekP99Ms: Number(pct(seeks, 99).toFixed(2)),
    foldMeanMs: Math.round(mean(folds)),
    speedupVsFold: Math.round(mean(folds) / Math.max(0.001, mean(indexed))),
  };
  rows.push(row);
  if (every === DEFAULT_CHECKPOINT_EVERY) chosen = row;
}
console.table(rows);
// Opening in the player: the progressive path (twice: the first warms V8), then the old eager one,
// each after a full GC so one's garbage is not collected during the other's tasks.
const gc = gcNow();
measureProgressive(rec.events, EVENTS_PAGE);
gc();
const progressive = measureProgressive(rec.events, EVENTS_PAGE);
gc();
const eager = measureEager(rec.events);
console.table({ eager, progressive });
console.log({ eagerTop: eager.top, progressiveTop: progressive.top });
const result = {
  events: rec.events.length,
  hours: Number((sim.state.t / 3_600_000).toFixed(2)),
  loadMs: Math.round(parseMs + (chosen?.indexMs ?? 0)),
  parseMs: Math.round(parseMs),
  checkpointEvery: DEFAULT_CHECKPOINT_EVERY,
  seekP50Ms: chosen!.seekP50Ms,
  seekP99Ms: chosen!.seekP99Ms,
  speedupVsFold: chosen!.speedupVsFold,
  intervals: rows,
  measuredIn: 'node (pure part: page parse, index, seeks; no fetch, React or WebGL)',
  loadToInteractiveMs: progressive.loadToInteractiveMs,
  loadToInteractiveCpuMs: progressive.loadToInteractiveCpuMs,
  longestTaskMs: progressive.longestTaskMs,
  longestTaskCpuMs: progressive.longestTaskCpuMs,
  open: { eager, progressive },
  node: process.version,
  date: new Date().toISOString(),
};
console.table({
  events: result.events,
  loadMs: result.loadMs,
  seekP50Ms: result.seekP50Ms,
  seekP99Ms: result.seekP99Ms,
  speedupVsFold: result.speedupVsFold,
  loadToInteractiveMs: result.loadToInteractiveMs,
  loadToInteractiveCpuMs: result.loadToInteractiveCpuMs,
  longestTaskMs: result.longestTaskMs,
  longestTaskCpuMs: result.longestTaskCpuMs,
});
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'replay.json'), JSON.stringify(result, null, 2) + '\n');
