/**
 * The live overview's scoring cost: ten sessions running side by side, polled every 2 s of
 * session time as the facilitator console does (GET /api/live). Each session is a seeded
 * 30-minute simulation (new-energy-fund-live, 60 viewers, careless host); between polls each
 * session's next 2 s of events are appended and folded (ScoreCache.observe, as main.ts's
 * broadcast does), then one poll scores all ten (ScoreCache.scoreOf). Reported: CPU ms per poll
 * (median, p95, max over the whole session), fold cost per event, the cold first poll, and for
 * comparison what re-folding every recording from the start would cost at the end.
 * Run: npm run bench -- workshop-live [--sessions N] [--minutes M]   (writes bench/results/workshop-live.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionEvent } from '../core/events.js';
import { scoreEvents } from '../core/rubric/scorer.js';
import { loadRubrics } from '../server/content/rubrics.js';
import { loadScenes } from '../server/content/scenes.js';
import { simulate } from '../server/sim/simulate.js';
import { MemoryStore } from '../server/store/memory-store.js';
import { ScoreCache } from '../server/workshop/score-cache.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SESSIONS = arg('sessions', 10);
const MINUTES = arg('minutes', 30);
const POLL_MS = 2000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scenario = loadScenes(path.join(root, 'scenes')).scenarios.get('new-energy-fund-live')!;
const rubrics = loadRubrics(path.join(root, 'scenes', 'rubrics')).rubrics;

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const store = new MemoryStore();
const cache = new ScoreCache({ store, rubrics });
const sessions: Array<{ id: string; events: SessionEvent[]; next: number }> = [];
for (let i = 0; i < SESSIONS; i++) {
  const sim = await simulate({ scenario, seed: 100 + i, bots: 60, host: 'careless', minutes: MINUTES });
  const id = `bench-${i}`;
  // The session so far: session.created only; the rest arrives poll by poll.
  store.importSession(
    {
      ...sim.record,
      sessionId: id,
      codes: { trainee: `T${i}AAAA`, facilitator: `F${i}AAAA`, observer: `O${i}AAAA`, bot: `B${i}AAAA` },
      status: 'live',
    },
    [sim.events[0]!],
  );
  sessions.push({ id, events: sim.events, next: 1 });
}
const totalEvents = sessions.reduce((s, x) => s + x.events.length, 0);
const endT = Math.max(...sessions.map((s) => s.events[s.events.length - 1]!.t));

const coldMs = cpuMs(() => {
  for (const s of sessions) cache.scoreOf(s.id);
});
const polls: number[] = [];
let foldMs = 0;
let folded = 0;
for (let t = POLL_MS; t <= endT + POLL_MS; t += POLL_MS) {
  for (const s of sessions) {
    let j = s.next;
    while (j < s.events.length && s.events[j]!.t <= t) j++;
    if (j === s.next) continue;
    const chunk = s.events.slice(s.next, j);
    s.next = j;
    store.append(s.id, chunk);
    foldMs += cpuMs(() => cache.observe(s.id, chunk));
    folded += chunk.length;
  }
  polls.push(
    cpuMs(() => {
      for (const s of sessions) cache.scoreOf(s.id);
    }),
  );
}
// What a poll would cost without the incremental fold, at the end (every recording re-folded).
const rubric = rubrics.get(scenario.rubric)!;
const refoldMs = cpuMs(() => {
  for (const s of sessions) scoreEvents(s.events.slice(0, -1), rubric);
});

const result = {
  bench: 'workshop-live',
  sessions: SESSIONS,
  minutes: MINUTES,
  events: totalEvents,
  polls: polls.length,
  pollCpuMs: {
    median: Number(pct(polls, 50).toFixed(2)),
    p95: Number(pct(polls, 95).toFixed(2)),
    max: Number(Math.max(...polls).toFixed(2)),
  },
  foldMicrosecondsPerEvent: Number(((foldMs * 1000) / Math.max(1, folded)).toFixed(2)),
  coldFirstPollMs: Number(coldMs.toFixed(2)),
  refoldEverythingAtEndMs: Math.round(refoldMs),
  loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  node: process.version,
  date: new Date().toISOString(),
};

console.log(`workshop live overview: ${SESSIONS} sessions × ${MINUTES} min, polled every ${POLL_MS / 1000} s`);
console.log(`  events             ${totalEvents.toLocaleString('en')} in all`);
console.log(
  `  per poll (10 rows) median ${result.pollCpuMs.median} ms, p95 ${result.pollCpuMs.p95} ms, max ${result.pollCpuMs.max} ms CPU (${polls.length} polls)`,
);
console.log(`  fold               ${result.foldMicrosecondsPerEvent} µs CPU per event`);
console.log(`  re-fold instead    ${result.refoldEverythingAtEndMs} ms CPU per poll at the end`);
console.log(`  node               ${result.node}, load ${result.loadAverage.join(' ')}`);

const outDir = path.join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'workshop-live.json'), `${JSON.stringify(result, null, 2)}\n`);
