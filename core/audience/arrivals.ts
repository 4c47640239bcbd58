/**
 * Scheduling: who arrives when, how long they watch, when they speak (docs/RUBRICS.md AW1–AW3).
 * The arrival curve runs on stream time: a few viewers come early and wait (a waiting room where
 * they chat lightly), the rest arrive on the ramp after `session.started`, and the watching time
 * that ends in a viewer drifting away (the scenario's curve) starts with the stream, not before.
 */
import { PERSONA_IDS, PHRASES, type PersonaId } from './phrases.js';
import { REACTIONS } from './reactions.js';
import {
  addViewer,
  leave,
  react,
  round2,
  sayNow,
  type AudienceAction,
  type AudienceConfig,
  type Job,
  type Memory,
} from './memory.js';
import { nudge, type Viewer } from './viewer.js';

/** The stream feels dull after this long without the host saying anything. */
const DULL_AFTER_MS = 90_000;
/** Before the start, viewers chat at this share of their usual rate. */
const WAITING_RATE = 0.25;
/** Personas that stay quiet in the waiting room: lures, provocations and bait start with the stream. */
const SILENT_BEFORE_START: ReadonlySet<PersonaId> = new Set(['fraud_lurer', 'troll', 'compliance_baiter']);

/** Plan the audience: early arrivals (waiting room), the ramp after the start, the reserve. */
export function planArrivals(m: Memory, cfg: AudienceConfig): void {
  const personas = cfg.scenario.bots.personas.filter((p) => (PERSONA_IDS as readonly string[]).includes(p.persona));
  const weights = personas.map((p) => p.weight);
  const count = cfg.count ?? cfg.scenario.bots.count;
  const rampMs = (cfg.rampSec ?? 120) * 1000;
  const waiting = cfg.waitingShare ?? 0.1;
  const reserveShare = cfg.reserveShare ?? 0.2;
  for (let i = 0; i < count; i++) {
    const persona = (personas.length ? personas[m.room.weighted(weights)]!.persona : 'lurker') as PersonaId;
    const v = addViewer(m, persona);
    const draw = m.room.next();
    const at = Math.floor(m.room.next() * rampMs);
    if (i === 0 && cfg.firstAtStart) m.queue.push(0, { type: 'arrive', viewer: v.index });
    else if (draw < reserveShare) m.reserve.push(v.index);
    else if (draw > 1 - waiting && !SILENT_BEFORE_START.has(persona))
      m.queue.push(at, { type: 'arrive', viewer: v.index });
    else m.ramp.push({ viewer: v.index, afterMs: at });
  }
}

/** The stream started at `startedT`: the ramp arrives on stream time, early viewers start watching. */
export function startStream(m: Memory, startedT: number): void {
  if (m.startedT !== null) return;
  m.startedT = startedT;
  m.live = true;
  m.lastHostT = Math.max(m.lastHostT, startedT);
  for (const r of m.ramp.splice(0))
    m.queue.push(Math.max(m.t, startedT + r.afterMs), { type: 'arrive', viewer: r.viewer });
  for (const v of m.viewers) if (v.state === 'present') startWatching(m, v, Math.max(m.t, startedT));
  releaseReserve(m);
}

export function releaseReserve(m: Memory): void {
  if (m.reserve.length === 0) return;
  const n = Math.ceil(m.reserve.length / m.segmentsLeft);
  for (const i of m.reserve.splice(0, n))
    m.queue.push(m.t + Math.floor(m.room.next() * 20_000), { type: 'arrive', viewer: i });
}

/** How long this viewer will watch, counted from `from` (stream time: never before the start). */
function startWatching(m: Memory, v: Viewer, from: number): void {
  const rng = m.rngs[v.index]!;
  const [lo, hi] = v.spec.watchMinutes;
  v.watchUntilT = from + Math.round((lo + rng.next() * (hi - lo)) * 60_000);
  m.queue.push(v.watchUntilT, { type: 'watch-end', viewer: v.index });
}

export function runJob(m: Memory, job: Job, out: AudienceAction[], think: (v: Viewer) => void): void {
  const v = m.viewers[job.viewer]!;
  if (m.ended) return;
  if (job.type === 'arrive') {
    if (v.state !== 'waiting') return;
    v.state = 'present';
    v.arrivedT = m.t;
    out.push({ kind: 'arrive', viewer: v.index, name: v.name, persona: v.persona });
    if (m.live) startWatching(m, v, m.t);
    if (m.live && m.rngs[v.index]!.chance(0.3)) react(m, v, 'greeting', 1);
    scheduleThink(m, v);
    return;
  }
  if (job.type === 'return') {
    // Back in a retry (restore.ts): no greeting, the same arrival. How much longer it meant to
    // watch is not recorded, so its watching time runs again from the branch point.
    if (v.state !== 'waiting') return;
    v.state = 'present';
    v.arrivedT = v.arrivedT ?? m.t;
    out.push({ kind: 'arrive', viewer: v.index, name: v.name, persona: v.persona });
    if (m.live) startWatching(m, v, m.t);
    scheduleThink(m, v);
    return;
  }
  if (v.state !== 'present') return;
  switch (job.type) {
    case 'think':
      think(v);
      return;
    case 'say': {
      // Lures, provocations and questions begin with the stream (AW1).
      if (!m.live && job.phrase.kind !== 'chat') return;
      sayNow(m, v, job.phrase, out, job.replyTo, job.verbatim);
      return;
    }
    case 'signal':
      v.lastSignal = { sentiment: v.sentiment, trust: v.trust };
      out.push({
        kind: 'signal',
        viewer: v.index,
        sentiment: round2(v.sentiment),
        trust: round2(v.trust),
        intent: job.intent,
      });
      return;
    case 'order':
      out.push({ kind: 'order', viewer: v.index, order: job.order });
      return;
    case 'leave':
      leave(m, v, job.reason, out);
      return;
    case 'blocked':
      // Removed by the host: no farewell signal (the room already recorded the removal).
      v.state = 'gone';
      v.leftT = m.t;
      out.push({ kind: 'leave', viewer: v.index, reason: 'curve' });
      return;
    case 'watch-end':
      // Engaged viewers stay longer; the rest drift away (the scenario's retention curve).
      if (v.watchUntilT > m.t) return;
      if (v.trust > 0.65 && v.sentiment > 0.2) {
        v.watchUntilT = m.t + 10 * 60_000;
        m.queue.push(v.watchUntilT, { type: 'watch-end', viewer: v.index });
      } else leave(m, v, 'curve', out);
      return;
  }
}

export function scheduleThink(m: Memory, v: Viewer): void {
  const perMin = m.rate * v.spec.chattiness * (1 + v.heat) * (m.live ? 1 : WAITING_RATE);
  if (perMin <= 0) return;
  const meanMs = 60_000 / perMin;
  const wait = Math.min(meanMs * 4, -Math.log(1 - m.rngs[v.index]!.next()) * meanMs);
  m.queue.push(m.t + Math.max(1000, Math.round(wait)), { type: 'think', viewer: v.index });
}

export function think(m: Memory, v: Viewer, out: AudienceAction[]): void {
  const rng = m.rngs[v.index]!;
  const oldest = v.pending[0];
  if (oldest) {
    const waited = m.t - oldest.t;
    const patience = v.spec.patienceSec * 1000;
    if (waited > 2 * patience && v.complaints > 0) {
      if (rng.chance(0.6)) sayNow(m, v, rng.pick(REACTIONS.leaving), out);
      nudge(v, -0.3, -0.15);
      leave(m, v, 'ignored', out);
      return;
    }
    if (waited > patience && v.complaints === 0) {
      v.complaints++;
      nudge(v, -0.3, -0.1);
      sayNow(m, v, rng.pick(REACTIONS.ignored), out);
      signalNow(m, v);
      scheduleThink(m, v);
      return;
    }
  }
  if (m.live && m.t - m.lastHostT > DULL_AFTER_MS) {
    nudge(v, -0.05, 0);
    if (rng.chance(v.persona === 'lurker' ? 0.3 : 0.12)) {
      leave(m, v, 'bored', out);
      return;
    }
  }
  everyday(m, v, out);
  scheduleThink(m, v);
}

function signalNow(m: Memory, v: Viewer): void {
  const moved = Math.abs(v.sentiment - v.lastSignal.sentiment) >= 0.2 || Math.abs(v.trust - v.lastSignal.trust) >= 0.15;
  if (moved) m.queue.push(m.t + 500, { type: 'signal', viewer: v.index, intent: null });
}

function everyday(m: Memory, v: Viewer, out: AudienceAction[]): void {
  // The waiting room: light chat only, and not from those whose lines are lures or provocations.
  if (!m.live && SILENT_BEFORE_START.has(v.persona)) return;
  const rng = m.rngs[v.index]!;
  const bank = PHRASES[v.persona];
  const wantQuestion = m.live && v.pending.length === 0 && rng.chance(v.spec.questionShare);
  let idx = -1;
  for (let tries = 0; tries < 8; tries++) {
    const i = rng.int(bank.length);
    const p = bank[i]!;
    if ((p.kind === 'question') !== wantQuestion && tries < 6) continue;
    if (!m.live && p.kind !== 'chat') continue;
    if (v.recent.includes(i) && tries < 7) continue;
    idx = i;
    break;
  }
  if (idx < 0) return;
  v.recent.push(idx);
  if (v.recent.length > Math.min(6, bank.length - 2)) v.recent.shift();
  const verbatim = v.persona === 'fraud_lurer' || v.persona === 'troll';
  sayNow(m, v, bank[idx]!, out, null, verbatim);
}
