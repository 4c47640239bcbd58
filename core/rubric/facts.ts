/**
 * The scorer's fold: what a session's events say about the host, independent of any rubric.
 * `foldFacts(facts, event)` takes one event at a time, so the live HUD folds the same events as
 * the final report (the live score is the fold so far); `evaluate()` (scorer.ts) then applies a
 * rubric to the facts, which is why re-scoring with another rubric never re-reads the recording.
 *
 * For speed (a 200,000-event recording in well under a second) the fold updates its accumulator
 * in place and returns it: the accumulator belongs to the fold, events are never mutated.
 */
import type { EventOf, SessionEvent } from '../events.js';
import type { Scenario } from '../scenario.js';
import type { Finding } from './check.js';
import { cachedCheck } from './check-cache.js';
import type { CheckContext, Turn } from './model/context.js';
import { countFillers } from '../voice/fillers.js';
import { foldHostTools, initialHostToolFacts, type HostToolFacts } from './host-tools.js';

export interface Utterance {
  seq: number;
  t: number;
  /** host.said (spoken) or a trainee chat message (typed). */
  source: 'host' | 'chat';
  text: string;
  /** The viewer's message a chat reply answers: detectors read it as context. */
  context: string | null;
  segmentIndex: number;
  lineIndex: number | null;
  findings: readonly Finding[];
}

export interface Question {
  seq: number;
  t: number;
  text: string;
  askedBy: string;
  answerSeq: number | null;
  answerT: number | null;
}

export interface Lure {
  seq: number;
  t: number;
  text: string;
  by: string;
}

export interface IncidentFact {
  seq: number;
  t: number;
  id: string;
  kind: string;
  /** detail.correct of a wrong_data incident: the figure the host must state. */
  correct: string | null;
}

export interface Toggle {
  seq: number;
  t: number;
  on: boolean;
}

export interface TradeInvite {
  seq: number;
  t: number;
  code: string | null;
  /** The risk wording sent with the invitation, when the event carries one. */
  riskWording: string | null;
}

export interface Facts {
  sessionId: string;
  scenario: Scenario | null;
  lastSeq: number;
  lastT: number;
  events: number;
  startedT: number | null;
  /**
   * The stream clock's zero (session.started's t) where the scored period starts later: a retry's
   * part (retry-part.ts) is scored from the branch point, but its times read on the session's clock.
   */
  clockStartT?: number | null;
  endedT: number | null;
  /** Start t of each segment reached, by index. */
  segmentStarts: number[];
  utterances: Utterance[];
  questions: Question[];
  /** Question seq → index in `questions`, for replies. */
  questionIndex: Map<number, number>;
  /** Viewer chat text by seq, so a reply can be checked with the message it answers. */
  chatText: Map<number, string>;
  lures: Lure[];
  /** Viewer lines posted as rumours, provocations or spam (CK1): never questions. */
  rumours: Lure[];
  trolls: number;
  spam: number;
  incidents: IncidentFact[];
  pauses: Toggle[];
  /** The wall's wrong figure corrected at the host's word (`wall.corrected`). */
  wallCorrections: Array<{ seq: number; t: number; incidentId: string }>;
  disclosure: Toggle[];
  invites: TradeInvite[];
  /** Audience (bots online) change points [t, n] and the peak. */
  audience: Array<[number, number]>;
  botsOnline: Set<string>;
  peakAudience: number;
  /** Mean sentiment change points [t, mean] over the latest report of each viewer. */
  sentiment: Array<[number, number]>;
  mood: Map<string, number>;
  moodSum: number;
  intents: Record<string, number>;
  /** Viewers who left during the stream, by the reason they gave (ignored, bored, curve, offended). */
  departures: Record<string, number>;
  /** Characters and filler words in spoken host lines (delivery). */
  spokenChars: number;
  fillers: number;
  /** The trainee's measured voice, as recorded (voice.sample), with the stream time of each. */
  voice: Array<EventOf<'voice.sample'>>;
  /** What the host did with the console (场控): deletions, blocks, pins, product cards (host-tools.ts). */
  hostTools: HostToolFacts;
}

export function initialFacts(): Facts {
  return {
    sessionId: '',
    scenario: null,
    lastSeq: 0,
    lastT: 0,
    events: 0,
    startedT: null,
    endedT: null,
    segmentStarts: [],
    utterances: [],
    questions: [],
    questionIndex: new Map(),
    chatText: new Map(),
    lures: [],
    rumours: [],
    trolls: 0,
    spam: 0,
    incidents: [],
    pauses: [],
    wallCorrections: [],
    disclosure: [],
    invites: [],
    audience: [],
    botsOnline: new Set(),
    peakAudience: 0,
    sentiment: [],
    mood: new Map(),
    moodSum: 0,
    intents: {},
    departures: {},
    spokenChars: 0,
    fillers: 0,
    voice: [],
    hostTools: initialHostToolFacts(),
  };
}

function nonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0x3000) n++;
  }
  return n;
}

function setAudience(f: Facts, t: number): void {
  const n = f.botsOnline.size;
  if (n > f.peakAudience) f.peakAudience = n;
  const last = f.audience[f.audience.length - 1];
  if (last && last[0] === t) last[1] = n;
  else f.audience.push([t, n]);
}

/** Trade events belong to another part of the system; read them by shape, never by type import. */
function readCode(e: SessionEvent): string | null {
  const r = e as unknown as Record<string, unknown>;
  for (const k of ['code', 'instrumentCode', 'instrument']) {
    const v = r[k];
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && typeof (v as { code?: unknown }).code === 'string')
      return (v as { code: string }).code;
  }
  return null;
}

export function foldFacts(f: Facts, e: SessionEvent): Facts {
  f.events++;
  f.lastSeq = e.seq;
  f.lastT = e.t;
  // A string check rather than the union's switch: event types added later (trade.*) must fold
  // here without a compile-time dependency, and unknown ones are simply ignored.
  const type: string = e.type;
  switch (e.type) {
    case 'session.created':
      f.sessionId = e.sessionId;
      f.scenario = e.scenario;
      return f;
    case 'session.branched':
      // A retry: its report is its own (the events before are the parent's, copied).
      f.sessionId = e.sessionId;
      return f;
    case 'session.started':
      f.startedT = e.t;
      f.segmentStarts[0] = e.t;
      return f;
    case 'segment.advanced':
      f.segmentStarts[e.index] = e.t;
      return f;
    case 'session.ended':
      f.endedT = e.t;
      return f;
    case 'participant.joined':
      if (e.role === 'bot') {
        f.botsOnline.add(e.participantId);
        setAudience(f, e.t);
      }
      return f;
    case 'participant.left':
      // A viewer the host blocked (场控) was removed, not lost: retention does not count it as leaving.
      if (e.reason === 'kicked') return f;
      // Everyone leaves when the session ends; that is not the audience walking out.
      if (f.botsOnline.delete(e.participantId) && e.reason !== 'ended') setAudience(f, e.t);
      return f;
    case 'host.said': {
      f.spokenChars += nonSpace(e.text);
      f.fillers += countFillers(e.text).total;
      f.utterances.push({
        seq: e.seq,
        t: e.t,
        source: 'host',
        text: e.text,
        context: null,
        segmentIndex: e.segmentIndex,
        lineIndex: e.lineIndex,
        findings: cachedCheck(e.text, liveContext(f, undefined)).findings,
      });
      return f;
    }
    case 'chat.message':
      foldChat(f, e);
      return f;
    case 'incident.fired': {
      const inc = f.scenario?.incidents.find((i) => i.id === e.incidentId);
      const correct = inc?.detail?.correct;
      f.incidents.push({
        seq: e.seq,
        t: e.t,
        id: e.incidentId,
        kind: inc?.kind ?? 'unknown',
        correct: typeof correct === 'string' ? correct : null,
      });
      return f;
    }
    case 'stream.paused':
      f.pauses.push({ seq: e.seq, t: e.t, on: e.paused });
      return f;
    case 'wall.corrected':
      f.wallCorrections.push({ seq: e.seq, t: e.t, incidentId: e.incidentId });
      return f;
    case 'disclosure.changed':
      f.disclosure.push({ seq: e.seq, t: e.t, on: e.on });
      return f;
    case 'viewer.sentiment': {
      if (e.leaving) f.departures[e.leaving] = (f.departures[e.leaving] ?? 0) + 1;
      const prev = f.mood.get(e.actor.id);
      f.moodSum += e.sentiment - (prev ?? 0);
      f.mood.set(e.actor.id, e.sentiment);
      const mean = f.moodSum / f.mood.size;
      const last = f.sentiment[f.sentiment.length - 1];
      if (last && last[0] === e.t) last[1] = mean;
      else f.sentiment.push([e.t, mean]);
      return f;
    }
    case 'viewer.intent':
      f.intents[e.intent] = (f.intents[e.intent] ?? 0) + 1;
      return f;
    case 'voice.sample':
      f.voice.push(e);
      return f;
    case 'chat.deleted':
    case 'viewer.blocked':
    case 'viewer.muted':
    case 'announcement.pinned':
    case 'announcement.unpinned':
    case 'product.shown':
      foldHostTools(f.hostTools, e, f.chatText);
      return f;
    default:
      if (type === 'trade.invited') {
        const w = (e as unknown as { riskWording?: unknown }).riskWording;
        f.invites.push({ seq: e.seq, t: e.t, code: readCode(e), riskWording: typeof w === 'string' ? w : null });
      }
      return f;
  }
}

/**
 * What the detector knows live: the viewer turn a reply answers, the host's previous line and
 * whether the banner is on. Only the last host line, so the cache still hits on bot phrase banks.
 */
function liveContext(f: Facts, viewer: string | undefined): CheckContext {
  const turns: Turn[] = [];
  for (let i = f.utterances.length - 1; i >= 0; i--) {
    const u = f.utterances[i] as Facts['utterances'][number];
    if (u.source === 'host') {
      turns.push({ speaker: 'host', text: u.text });
      break;
    }
  }
  if (viewer !== undefined) turns.push({ speaker: 'viewer', text: viewer });
  const last = f.disclosure[f.disclosure.length - 1];
  return { turns, banner: last?.on === true };
}

function foldChat(f: Facts, e: Extract<SessionEvent, { type: 'chat.message' }>): void {
  const role = e.actor.role;
  if (role === 'trainee') {
    const context = e.replyTo !== null ? (f.chatText.get(e.replyTo) ?? null) : null;
    f.utterances.push({
      seq: e.seq,
      t: e.t,
      source: 'chat',
      text: e.text,
      context,
      segmentIndex: f.segmentStarts.length - 1,
      lineIndex: null,
      findings: cachedCheck(e.text, liveContext(f, context ?? undefined)).findings,
    });
    const qi = e.replyTo !== null ? f.questionIndex.get(e.replyTo) : undefined;
    const q = qi !== undefined ? f.questions[qi] : undefined;
    if (q && q.answerSeq === null) {
      q.answerSeq = e.seq;
      q.answerT = e.t;
    }
    return;
  }
  if (role !== 'bot' && role !== 'observer') return;
  f.chatText.set(e.seq, e.text);
  // A line the keyword filter held never reached the room: not a lure left standing, not a question.
  if (e.held) {
    f.hostTools.held++;
    return;
  }
  // Nothing before the start is scored (AW2): the waiting room's chat is not the host's to answer.
  if (f.startedT === null) return;
  // Viewer lines are scored for what they are (CATALOGUE "Who speaks", CK1): a lure is what the
  // host must handle, never a question waiting for a reply, whatever kind it was posted as. Bots
  // repeat phrase-bank lines, so the verdict is cached by text.
  const lure = e.kind === 'lure' || cachedCheck(e.text).labels.includes('fraud_lure');
  if (lure) {
    f.lures.push({ seq: e.seq, t: e.t, text: e.text, by: e.actor.name });
    return;
  }
  if (e.kind === 'rumour') f.rumours.push({ seq: e.seq, t: e.t, text: e.text, by: e.actor.name });
  else if (e.kind === 'troll') f.trolls++;
  else if (e.kind === 'spam') f.spam++;
  else if (e.kind === 'question') {
    f.questionIndex.set(e.seq, f.questions.length);
    f.questions.push({ seq: e.seq, t: e.t, text: e.text, askedBy: e.actor.name, answerSeq: null, answerT: null });
  }
}

/** Fold a whole recording. */
export function factsOf(events: Iterable<SessionEvent>): Facts {
  let f = initialFacts();
  for (const e of events) f = foldFacts(f, e);
  return f;
}
