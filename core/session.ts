/**
 * SessionState and its reducer. reduce() is total and pure: events are facts that already
 * passed the room's checks (see decide.ts), so it never rejects, it only folds.
 */
import type { Actor, ChatKind, DirectedBy, Role, SessionEvent, ViewerIntent, ViewerLeaveReason } from './events.js';
import type { ExchangeState } from './exchange/index.js';
import { seedRng, type RngState } from './random.js';
import { withHost } from './host-placeholder.js';
import type { Scenario } from './scenario.js';
import { applyOrder, createSessionExchange, TRADE_FEED_WINDOW, type TradeFeedEntry } from './trade.js';
import { exchangeAfterIncident, exchangeAfterTick } from './session-market.js';
import { initialHostTools, reduceHostTools, type HostToolsState } from './session-host-tools.js';

export type { HostToolsState } from './session-host-tools.js';

export type SessionStatus = 'created' | 'live' | 'ended';

export interface Participant {
  id: string;
  role: Role;
  name: string;
  online: boolean;
  joinedT: number;
  leftT: number | null;
}

export interface ChatEntry {
  seq: number;
  t: number;
  actor: Actor;
  text: string;
  kind: ChatKind;
  replyTo: number | null;
  /** For questions: seq of the host's reply that answered it, null while waiting. */
  answerSeq: number | null;
  /** Director mode: the facilitator who wrote this viewer's line (only on such lines). */
  directedBy?: DirectedBy;
  /** Held by the host's keyword filter: the room does not see it (the host's panel does). */
  held?: true;
  /** The host deleted it (`chat.deleted`): who, when, the deletion's seq. Viewers no longer see it. */
  deleted?: { by: string; t: number; seq: number };
}

export interface QuestionState {
  /** The question's own seq: what replies point at. */
  seq: number;
  t: number;
  askedBy: string;
}

export interface SessionState {
  sessionId: string;
  /** Set when this session is a retry branched from another one (`session.branched`). */
  parent: { sessionId: string; atSeq: number } | null;
  scenario: Scenario | null;
  seed: number;
  rng: RngState;
  status: SessionStatus;
  /** seq of the last folded event (0 before any). */
  lastSeq: number;
  /** t of the last folded event. */
  t: number;
  startedT: number | null;
  endedT: number | null;
  segmentIndex: number;
  segmentStartedT: number | null;
  /** Next teleprompter line the host has not yet delivered in the current segment. */
  lineCursor: number;
  participants: Readonly<Record<string, Participant>>;
  /** Viewers online now (bots and observers): the size of the seated audience. */
  audience: number;
  /** The most recent chat, newest last; the full chat stays in the recording. */
  chat: readonly ChatEntry[];
  /**
   * Questions still waiting for the host, oldest first. Answered ones leave the list (their chat
   * entry keeps `answerSeq`), so it stays short however long the session.
   */
  questions: readonly QuestionState[];
  firedIncidents: readonly string[];
  /** Where and when each incident fired (the wall places an unscheduled one in its segment). */
  incidentsFired: Readonly<Record<string, { seq: number; t: number; segmentIndex: number }>>;
  /** Wall incidents the host corrected (`wall.corrected`): the correction ribbon is up. */
  wallCorrected: Readonly<Record<string, { seq: number; t: number; how: 'stated' | 'requested' }>>;
  /** The risk-disclosure banner is on the LED wall. */
  disclosureOn: boolean;
  /** The host paused the stream. */
  paused: boolean;
  /** Latest reported mood per viewer (participant id). */
  mood: Readonly<Record<string, { sentiment: number; trust: number; t: number }>>;
  /** Intents formed so far, by kind (each viewer counted once per kind). */
  intents: Readonly<Partial<Record<ViewerIntent, readonly string[]>>>;
  counters: { messages: number; questions: number; answered: number; hostLines: number };
  /** The mock exchange (core/trade.ts), or null when the scenario lists no instruments. */
  exchange: ExchangeState | null;
  /** Session t the market clock has reached (set when the session starts; ticks advance it). */
  marketT: number | null;
  /** The latest mock-trade invitation, for the order ticket and the board. */
  invitation: {
    seq: number;
    code: string;
    side: 'buy' | 'sell';
    qty: number | null;
    amount: number | null;
    riskWording: string;
  } | null;
  /** Recent fills and rejections, newest last (the trade board's ticker). */
  trades: readonly TradeFeedEntry[];
  trading: { orders: number; fills: number; rejects: number; unsuitable: number };
  /** Viewers who left and said why (`viewer.sentiment.leaving`), by reason. */
  departures: Readonly<Partial<Record<ViewerLeaveReason, number>>>;
  /** The simulated audience a facilitator last asked for (`audience.configured`), or null. */
  audienceTarget: { count: number; ratePerMinute: number } | null;
  /** 场控: pinned announcement, product card, muted/blocked viewers, keyword filter. */
  hostTools: HostToolsState;
  /** The latest facilitator notice (`facilitator.notice`), shown to the trainee; null: none. */
  notice: { text: string; t: number; seq: number } | null;
  /** Session t when the trainee asked for help, null when no request is open. */
  helpRequestedT: number | null;
}

const hasTrainee = (s: SessionState) => Object.values(s.participants).some((p) => p.role === 'trainee');

/** How many chat entries state keeps for display. */
export const CHAT_WINDOW = 200;

export function initialState(): SessionState {
  return {
    sessionId: '',
    parent: null,
    scenario: null,
    seed: 0,
    rng: 0,
    status: 'created',
    lastSeq: 0,
    t: 0,
    startedT: null,
    endedT: null,
    segmentIndex: 0,
    segmentStartedT: null,
    lineCursor: 0,
    participants: {},
    audience: 0,
    chat: [],
    questions: [],
    firedIncidents: [],
    incidentsFired: {},
    wallCorrected: {},
    disclosureOn: false,
    paused: false,
    mood: {},
    intents: {},
    counters: { messages: 0, questions: 0, answered: 0, hostLines: 0 },
    exchange: null,
    marketT: null,
    invitation: null,
    trades: [],
    trading: { orders: 0, fills: 0, rejects: 0, unsuitable: 0 },
    audienceTarget: null,
    departures: {},
    hostTools: initialHostTools(),
    notice: null,
    helpRequestedT: null,
  };
}

function isViewer(role: Role): boolean {
  return role === 'bot' || role === 'observer';
}

export function reduce(state: SessionState, e: SessionEvent): SessionState {
  // Object.assign, not `{ ...state, lastSeq, t }`: on Node 20's V8 a spread with overriding keys
  // costs about twice as much, and this runs for every event of a 2,000-viewer room.
  const s: SessionState = Object.assign({}, state, { lastSeq: e.seq, t: e.t });
  switch (e.type) {
    case 'session.created':
      return {
        ...s,
        sessionId: e.sessionId,
        scenario: e.scenario,
        seed: e.seed,
        rng: seedRng(e.seed),
        exchange: createSessionExchange(e.scenario),
      };
    case 'participant.joined': {
      const prev = s.participants[e.participantId];
      const wasOnline = prev?.online === true;
      const p: Participant = {
        id: e.participantId,
        role: e.role,
        name: e.name,
        online: true,
        joinedT: e.t,
        leftT: null,
      };
      // The first trainee to join is the host the script names ({host}: core/host-placeholder.ts).
      const named = e.role === 'trainee' && s.scenario && !hasTrainee(s) ? withHost(s.scenario, e.name) : s.scenario;
      return {
        ...s,
        scenario: named,
        participants: { ...s.participants, [e.participantId]: p },
        audience: s.audience + (isViewer(e.role) && !wasOnline ? 1 : 0),
      };
    }
    case 'participant.left': {
      const prev = s.participants[e.participantId];
      if (!prev || !prev.online) return s;
      return {
        ...s,
        participants: { ...s.participants, [e.participantId]: { ...prev, online: false, leftT: e.t } },
        audience: s.audience - (isViewer(prev.role) ? 1 : 0),
      };
    }
    case 'session.started':
      return {
        ...s,
        status: 'live',
        startedT: e.t,
        segmentIndex: 0,
        segmentStartedT: e.t,
        lineCursor: 0,
        marketT: e.t,
      };
    case 'segment.advanced':
      return { ...s, segmentIndex: e.index, segmentStartedT: e.t, lineCursor: 0 };
    case 'host.said': {
      const cursor =
        e.lineIndex !== null && e.segmentIndex === s.segmentIndex
          ? Math.max(s.lineCursor, e.lineIndex + 1)
          : s.lineCursor;
      return { ...s, lineCursor: cursor, counters: { ...s.counters, hostLines: s.counters.hostLines + 1 } };
    }
    case 'chat.message': {
      const entry: ChatEntry = {
        seq: e.seq,
        t: e.t,
        actor: e.actor,
        text: e.text,
        kind: e.kind,
        replyTo: e.replyTo,
        answerSeq: null,
      };
      if (e.directedBy) entry.directedBy = e.directedBy;
      if (e.held) entry.held = true;
      // slice() is a block copy; the window keeps the newest CHAT_WINDOW messages.
      const chat = s.chat.length >= CHAT_WINDOW ? s.chat.slice(s.chat.length - CHAT_WINDOW + 1) : s.chat.slice();
      chat.push(entry);
      let questions = s.questions;
      const counters = { ...s.counters, messages: s.counters.messages + 1 };
      // A held line never reached the room: it is not a question waiting for the host.
      if (e.held) s.hostTools = { ...s.hostTools, held: s.hostTools.held + 1 };
      else if (e.kind === 'question') {
        questions = [...questions, { seq: e.seq, t: e.t, askedBy: e.actor.id }];
        counters.questions++;
      }
      const qi =
        e.replyTo !== null && e.actor.role === 'trainee' ? questions.findIndex((q) => q.seq === e.replyTo) : -1;
      if (qi >= 0) {
        const q = questions[qi]!;
        questions = questions.filter((_, i) => i !== qi);
        counters.answered++;
        // Mark the question in the chat window (it is near the end, so search from there).
        for (let i = chat.length - 1; i >= 0; i--) {
          if (chat[i]!.seq === q.seq) {
            chat[i] = { ...chat[i]!, answerSeq: e.seq };
            break;
          }
          if (chat[i]!.seq < q.seq) break;
        }
      }
      return { ...s, chat, questions, counters };
    }
    case 'incident.scheduled':
      // Only the live control acts on it (a restart restores the schedule from the recording).
      return s;
    case 'incident.fired':
      return exchangeAfterIncident(
        {
          ...s,
          firedIncidents: [...s.firedIncidents, e.incidentId],
          incidentsFired: {
            ...s.incidentsFired,
            [e.incidentId]: s.incidentsFired[e.incidentId] ?? { seq: e.seq, t: e.t, segmentIndex: s.segmentIndex },
          },
        },
        e,
      );
    case 'wall.corrected':
      if (s.wallCorrected[e.incidentId]) return s;
      return { ...s, wallCorrected: { ...s.wallCorrected, [e.incidentId]: { seq: e.seq, t: e.t, how: e.how } } };
    case 'disclosure.changed':
      return { ...s, disclosureOn: e.on };
    case 'stream.paused':
      return { ...s, paused: e.paused };
    case 'viewer.sentiment': {
      const mood = { ...s.mood, [e.actor.id]: { sentiment: e.sentiment, trust: e.trust, t: e.t } };
      if (!e.leaving) return { ...s, mood };
      return { ...s, mood, departures: { ...s.departures, [e.leaving]: (s.departures[e.leaving] ?? 0) + 1 } };
    }
    case 'viewer.intent': {
      const who = s.intents[e.intent] ?? [];
      if (who.includes(e.actor.id)) return s;
      return { ...s, intents: { ...s.intents, [e.intent]: [...who, e.actor.id] } };
    }
    case 'session.ended':
      return { ...s, status: 'ended', endedT: e.t };
    case 'trade.invited':
      return {
        ...s,
        invitation: {
          seq: e.seq,
          code: e.code,
          side: e.side,
          qty: e.qty,
          amount: e.amount,
          riskWording: e.riskWording,
        },
      };
    case 'trade.order': {
      if (!s.exchange) return s;
      // The same placeOrder decide ran on the same state: the outcome events that follow agree.
      const placed = applyOrder(s.exchange, e.accountId, e.request, e.open, e.t);
      // `s` is this call's own copy: setting its fields keeps reduce pure and saves a second copy.
      s.exchange = placed.state;
      s.trading = { ...s.trading, orders: s.trading.orders + 1 };
      return s;
    }
    case 'trade.fill':
    case 'trade.reject': {
      const fill = e.type === 'trade.fill';
      const entry: TradeFeedEntry = {
        seq: e.seq,
        t: e.t,
        accountId: e.accountId,
        name: e.actor.name,
        code: e.code,
        side: e.side,
        kind: fill ? 'fill' : 'reject',
        qty: fill ? e.qty : null,
        price: fill ? e.price : null,
        reason: fill ? null : e.reason,
        passive: false,
      };
      s.trading = fill
        ? { ...s.trading, fills: s.trading.fills + 1 }
        : { ...s.trading, rejects: s.trading.rejects + 1 };
      s.trades = pushFeedOne(s.trades, entry);
      return s;
    }
    case 'trade.rested':
      return s;
    case 'trade.unsuitable':
      return { ...s, trading: { ...s.trading, unsuitable: s.trading.unsuitable + 1 } };
    case 'market.ticked':
      return exchangeAfterTick(s, e);
    case 'session.branched':
      return { ...s, sessionId: e.sessionId, parent: { sessionId: e.parentSessionId, atSeq: e.atSeq } };
    case 'voice.sample':
    case 'voice.chunk':
      return s;
    case 'announcement.pinned':
    case 'announcement.unpinned':
    case 'chat.deleted':
    case 'viewer.muted':
    case 'viewer.blocked':
    case 'filter.changed':
    case 'product.shown':
    case 'product.hidden':
      return reduceHostTools(s, e);
    case 'audience.configured':
      return { ...s, audienceTarget: { count: e.count, ratePerMinute: e.ratePerMinute } };
    case 'facilitator.notice':
      return { ...s, notice: { text: e.text, t: e.t, seq: e.seq } };
    case 'help.changed':
      return { ...s, helpRequestedT: e.on ? (s.helpRequestedT ?? e.t) : null };
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

function pushFeedOne(feed: readonly TradeFeedEntry[], entry: TradeFeedEntry): TradeFeedEntry[] {
  return feed.length >= TRADE_FEED_WINDOW
    ? [...feed.slice(feed.length - TRADE_FEED_WINDOW + 1), entry]
    : [...feed, entry];
}

/** Fold a list of events from the initial state (or from `from`). */
export function fold(events: Iterable<SessionEvent>, from: SessionState = initialState()): SessionState {
  let s = from;
  for (const e of events) s = reduce(s, e);
  return s;
}

/** Questions still waiting for the host, oldest first. */
export function waitingQuestions(state: SessionState): QuestionState[] {
  return [...state.questions];
}
