/**
 * The audience's memory: every viewer, their PRNGs, the job queue and what the room has shown so
 * far (live or not, when the host last spoke or warned). The policy's parts (arrivals.ts,
 * responses.ts) read and write it; the helpers here are the small moves they share.
 */
import type { ChatKind, SessionEvent, ViewerIntent, ViewerLeaveReason } from '../events.js';
import { Rng } from '../random.js';
import type { Incident, Scenario } from '../scenario.js';
import { botName } from './names.js';
import type { Phrase, PersonaId } from './phrases.js';
import { LEAD_INS, REACTIONS, TAILS, type ReactionKind } from './reactions.js';
import { Schedule } from './schedule.js';
import type { OrderIntent } from './trading.js';
import { createViewer, type Viewer } from './viewer.js';

export type AudienceAction =
  | { kind: 'arrive'; viewer: number; name: string; persona: PersonaId }
  | { kind: 'say'; viewer: number; text: string; chatKind: ChatKind; replyTo: number | null }
  | {
      kind: 'signal';
      viewer: number;
      sentiment: number;
      trust: number;
      intent: ViewerIntent | null;
      /** Set on the last signal before a viewer leaves: why it goes. */
      leaving?: ViewerLeaveReason;
    }
  | { kind: 'leave'; viewer: number; reason: ViewerLeaveReason }
  /** Place a mock-exchange order (`trade.place`); report the ack with `orderOutcome`. */
  | { kind: 'order'; viewer: number; order: OrderIntent };

export interface AudienceConfig {
  scenario: Scenario;
  seed: number;
  /** Viewers to simulate (default: the scenario's bots.count). */
  count?: number;
  /** Everyday lines per viewer per minute (default: the scenario's ratePerMinute). */
  ratePerMinute?: number;
  /** Most viewers arrive within this many seconds of the stream's start (stream time). */
  rampSec?: number;
  language?: 'zh' | 'en';
  /** Share of viewers held back to arrive when a segment is announced (default 0.2). */
  reserveShare?: number;
  /** Share of viewers who come early and wait in the waiting room before the start (default 0.1). */
  waitingShare?: number;
  /** Viewer 0 arrives at t = 0 (a live driver connects it first, to read the room). */
  firstAtStart?: boolean;
  /**
   * A retry's audience: continue the viewers of this recording (core/audience/restore.ts) instead
   * of a new room. `count` must then be the original audience's planned size.
   */
  continueFrom?: ContinueFrom;
}

/** The recording a retry's audience continues from (docs/RUBRICS.md RY1). */
export interface ContinueFrom {
  /** The recording up to the branch point (a branch's copied events 1..atSeq). */
  events: readonly SessionEvent[];
}

export type Job =
  | { type: 'arrive'; viewer: number }
  /** A viewer of the original room comes back into its retry, as it was (restore.ts). */
  | { type: 'return'; viewer: number }
  | { type: 'think'; viewer: number }
  | { type: 'say'; viewer: number; phrase: Phrase; replyTo: number | null; verbatim: boolean }
  | { type: 'signal'; viewer: number; intent: ViewerIntent | null }
  | { type: 'watch-end'; viewer: number }
  | { type: 'leave'; viewer: number; reason: ViewerLeaveReason }
  | { type: 'order'; viewer: number; order: OrderIntent }
  /** The host blocked the viewer (viewer.blocked): it is gone, the driver closes its connection. */
  | { type: 'blocked'; viewer: number };

/** Seconds a viewer takes to type a reaction. */
const TYPING_SEC: [number, number] = [2, 8];

export interface Memory {
  readonly cfg: AudienceConfig;
  readonly viewers: Viewer[];
  readonly rngs: Rng[];
  readonly room: Rng;
  readonly queue: Schedule<Job>;
  readonly byParticipant: Map<string, number>;
  readonly questionOwner: Map<number, number>;
  readonly incidents: Map<string, Incident>;
  /** Viewers who come when a segment is announced. */
  reserve: number[];
  /** Viewers who come with the stream: ms after the start (the arrival curve runs on stream time). */
  ramp: Array<{ viewer: number; afterMs: number }>;
  rate: number;
  lang: 'zh' | 'en';
  t: number;
  live: boolean;
  ended: boolean;
  /** Recording t of session.started (null before). */
  startedT: number | null;
  lastHostT: number;
  warnedT: number;
  wrongDataOnScreen: boolean;
  /** A scam warning is pinned over the chat (场控): lures pull less (host-tools.ts). */
  pinnedWarning: boolean;
  segmentsLeft: number;
}

export function createMemory(cfg: AudienceConfig): Memory {
  const m: Memory = {
    cfg,
    viewers: [],
    rngs: [],
    room: new Rng(cfg.seed),
    queue: new Schedule<Job>(),
    byParticipant: new Map(),
    questionOwner: new Map(),
    incidents: new Map(),
    reserve: [],
    ramp: [],
    rate: cfg.ratePerMinute ?? cfg.scenario.bots.ratePerMinute,
    lang: cfg.language ?? 'zh',
    t: 0,
    live: false,
    ended: false,
    startedT: null,
    lastHostT: 0,
    warnedT: -Infinity,
    wrongDataOnScreen: false,
    pinnedWarning: false,
    segmentsLeft: cfg.scenario.segments.length,
  };
  for (const inc of cfg.scenario.incidents) m.incidents.set(inc.id, inc);
  return m;
}

export function addViewer(m: Memory, persona: PersonaId): Viewer {
  const index = m.viewers.length;
  const rng = new Rng((m.cfg.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const v = createViewer(index, botName(index), persona, rng);
  m.viewers.push(v);
  m.rngs.push(rng);
  return v;
}

export function render(m: Memory, v: Viewer, phrase: Phrase, verbatim: boolean): string {
  const base = m.lang === 'en' ? phrase.en : phrase.zh;
  if (verbatim || m.lang === 'en') return base;
  const rng = m.rngs[v.index]!;
  const lead = rng.pick(LEAD_INS);
  const tail = phrase.kind === 'question' ? '' : rng.pick(TAILS);
  return `${lead}${base}${tail}`;
}

export function sayNow(
  m: Memory,
  v: Viewer,
  phrase: Phrase,
  out: AudienceAction[],
  replyTo: number | null = null,
  verbatim = true,
): void {
  // A viewer the host muted types nothing until the mute ends (core/audience/host-tools.ts).
  if (v.mutedUntilT > m.t) return;
  out.push({ kind: 'say', viewer: v.index, text: render(m, v, phrase, verbatim), chatKind: phrase.kind, replyTo });
}

export function sayLater(m: Memory, v: Viewer, phrase: Phrase, delayMs: number): void {
  m.queue.push(m.t + Math.max(500, delayMs), { type: 'say', viewer: v.index, phrase, replyTo: null, verbatim: true });
}

export function react(m: Memory, v: Viewer, kind: ReactionKind, p: number, replyTo: number | null = null): void {
  const rng = m.rngs[v.index]!;
  if (!rng.chance(p)) return;
  const delay = Math.round((TYPING_SEC[0] + rng.next() * (TYPING_SEC[1] - TYPING_SEC[0])) * 1000);
  m.queue.push(m.t + delay, {
    type: 'say',
    viewer: v.index,
    phrase: rng.pick(REACTIONS[kind]),
    replyTo,
    verbatim: true,
  });
}

export function signal(m: Memory, v: Viewer, intent: ViewerIntent | null): void {
  if (intent) {
    if (v.intents.has(intent)) intent = null;
    else v.intents.add(intent);
  }
  const moved = Math.abs(v.sentiment - v.lastSignal.sentiment) >= 0.2 || Math.abs(v.trust - v.lastSignal.trust) >= 0.15;
  if (!intent && !moved) return;
  m.queue.push(m.t + 500, { type: 'signal', viewer: v.index, intent });
}

export function queueLines(m: Memory, v: Viewer, phrases: readonly Phrase[], n: number, spreadMs: number): void {
  const rng = m.rngs[v.index]!;
  for (let i = 0; i < n; i++) {
    m.queue.push(m.t + 3000 + Math.floor(rng.next() * spreadMs), {
      type: 'say',
      viewer: v.index,
      phrase: rng.pick(phrases),
      replyTo: null,
      verbatim: true,
    });
  }
}

export function presentOf(m: Memory, persona: PersonaId): Viewer[] {
  return m.viewers.filter((v) => v.state === 'present' && v.persona === persona);
}

/** Bring in extra viewers of a persona now (an incident's wave). */
export function spawn(m: Memory, persona: PersonaId, n: number): Viewer[] {
  const out: Viewer[] = [];
  for (let i = 0; i < n; i++) {
    const v = addViewer(m, persona);
    m.queue.push(m.t + Math.floor(m.room.next() * 5000), { type: 'arrive', viewer: v.index });
    out.push(v);
  }
  return out;
}

/** The viewer goes: its last signal says why (the room records it), then it leaves. */
export function leave(m: Memory, v: Viewer, reason: ViewerLeaveReason, out: AudienceAction[]): void {
  if (v.state !== 'present') return;
  v.state = 'gone';
  v.leftT = m.t;
  v.leaveReason = reason;
  out.push({
    kind: 'signal',
    viewer: v.index,
    sentiment: round2(v.sentiment),
    trust: round2(v.trust),
    intent: null,
    leaving: reason,
  });
  out.push({ kind: 'leave', viewer: v.index, reason });
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
