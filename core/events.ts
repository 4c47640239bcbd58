/**
 * The SessionEvent union: everything that can happen in a rehearsal, in one place. Events are
 * facts, stamped by the room with a gap-free `seq` and `t` (ms since the session was created);
 * reduce() folds them into SessionState and the recording stores them as they are.
 */
import type { Scenario } from './scenario.js';
import type { TradeFillPayload, TradeOpenSpec, TradeRequestPayload } from './trade.js';
import type { RejectCode, RiskClass, RiskLevel, Side } from './exchange/index.js';
// Chat kinds live in their own file so the audience's phrase book can name them without importing
// the event union (which imports the scenario, which imports the phrase book).
import type { ChatKind } from './chat-kinds.js';
export { CHAT_KINDS, type ChatKind } from './chat-kinds.js';

export const ROLES = ['trainee', 'facilitator', 'observer', 'bot'] as const;
export type Role = (typeof ROLES)[number];

/** Who caused an event. `system` is the room itself (timers, incidents, lifecycle). */
export interface Actor {
  id: string;
  role: Role | 'system';
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', name: 'system' };

/** Why a simulated viewer left (shown in the HUD, the console and the report). */
export const VIEWER_LEAVE_REASONS = ['ignored', 'bored', 'curve', 'offended'] as const;
export type ViewerLeaveReason = (typeof VIEWER_LEAVE_REASONS)[number];

/** The facilitator who spoke as a viewer (director mode): their actor id and name. */
export interface DirectedBy {
  id: string;
  name: string;
}

export const VIEWER_INTENTS = ['account_opening', 'mock_trade', 'buy_interest', 'scam_contact'] as const;
export type ViewerIntent = (typeof VIEWER_INTENTS)[number];

/** Payloads by event type. Add a type here and the reducer's exhaustive switch asks for it. */
export interface EventPayloads {
  'session.created': { sessionId: string; scenario: Scenario; seed: number };
  'participant.joined': { participantId: string; role: Role; name: string };
  'participant.left': { participantId: string; reason: 'disconnect' | 'kicked' | 'ended' };
  'session.started': Record<never, never>;
  'segment.advanced': { index: number };
  /** The host delivered a teleprompter line (read aloud) or said something of their own. */
  'host.said': { text: string; segmentIndex: number; lineIndex: number | null };
  /**
   * `replyTo` is the seq of the chat message (usually a question) this one answers. `directedBy`
   * (director mode) is set only when a facilitator wrote this line as the actor, a viewer: it is
   * still that viewer's message for the chat, the bots and the scorer.
   */
  'chat.message': {
    text: string;
    kind: ChatKind;
    replyTo: number | null;
    directedBy?: DirectedBy;
    /** The host's keyword filter matched this viewer line: recorded, held from the room (场控). */
    held?: true;
  };
  'incident.fired': { incidentId: string };
  /**
   * A facilitator scheduled an incident for when the stream's clock (ms since session.started)
   * reaches `atMs`; recorded so a restart restores the schedule (server/workshop/live-control.ts).
   */
  'incident.scheduled': { incidentId: string; atMs: number };
  /**
   * The host corrected a wrong figure on the wall (core/stage/wall-correction.ts): stated the
   * checked figure, or asked the studio to fix the wall. The correction ribbon goes up.
   */
  'wall.corrected': { incidentId: string; how: 'stated' | 'requested' };
  /** The risk-disclosure banner went on or off the LED wall. */
  'disclosure.changed': { on: boolean };
  /** The host paused or resumed the stream (the crisis drill's first step is to pause). */
  'stream.paused': { paused: boolean };
  /** A viewer's mood as it reports it (bots report their policy state; people may too). */
  /** `leaving` is set on a viewer's last report before it leaves: why it goes. */
  'viewer.sentiment': { sentiment: number; trust: number; leaving?: ViewerLeaveReason };
  /** A viewer formed an intent the rubric counts (conversion, or falling for a lure). */
  'viewer.intent': { intent: ViewerIntent };
  'session.ended': { reason: 'host' | 'facilitator' | 'script-complete' };
  /** The host invited viewers to a mock trade (shown with the risk wording). */
  'trade.invited': { code: string; side: Side; qty: number | null; amount: number | null; riskWording: string };
  /**
   * A viewer's order as sent (the actor's participant id is its account). `open` is set on the
   * viewer's first order: the account the reducer opens before placing it (see core/trade.ts).
   */
  'trade.order': { accountId: string; request: TradeRequestPayload; open: TradeOpenSpec | null };
  /** The order filled at once (resting orders that fill later show up in state, derived from ticks). */
  'trade.fill': TradeFillPayload;
  /** A limit order that did not cross went onto the book. */
  'trade.rested': { orderId: number; accountId: string; code: string; side: Side; qty: number; limitPrice: number };
  /** The exchange refused the order; `reason` names the rule. */
  'trade.reject': { accountId: string; code: string; side: Side; reason: RejectCode; message: string };
  /** A buy above the account's risk class: recorded, not blocked (the rubric scores the host). */
  'trade.unsuitable': { accountId: string; code: string; accountRisk: RiskClass; productRisk: RiskLevel };
  /** The market clock advanced by dtMs of session time; the reducer draws the prices. */
  'market.ticked': { dtMs: number };
  /**
   * A facilitator set the simulated audience's size and chat rate (`bots.configure`); the server's
   * bot manager follows it (server/workshop/session-bots.ts). Bots join and leave as participants.
   */
  'audience.configured': { count: number; ratePerMinute: number };
  /**
   * This session is a retry branched from another at `atSeq`: the events before this one are the
   * parent's 1..atSeq, copied; from here on the session is its own (`sessionId` is the new id).
   */
  'session.branched': { sessionId: string; parentSessionId: string; atSeq: number };
  /**
   * The trainee's voice over the last few seconds, measured in their browser (core/voice): no
   * audio, only figures. `fromMs`/`toMs` are microphone time since analysis began; `pauses` are
   * those that ended in this window; `silenceMs` is the silence running at `toMs` (dead air).
   */
  'voice.sample': VoiceSample;
  /**
   * A chunk of the trainee's opt-in voice recording was stored beside the session
   * (server/voice/voice-takes.ts): its take, place in the take, size and SHA-256, so the audio is
   * bound to the hash chain. `startT` is the take's stream start. No audio in the event.
   */
  'voice.chunk': { take: string; index: number; startT: number; bytes: number; sha256: string };
  /** 场控 (docs/PROTOCOL.md "Host console"): the host pinned an announcement over the chat. */
  'announcement.pinned': { text: string };
  'announcement.unpinned': Record<never, never>;
  /**
   * The host deleted a viewer's line: the recording keeps the line and this event (who and when
   * are the actor and t); viewers stop seeing it. `targetSeq` is the deleted chat.message's seq. `kind` and `complaint` say what the line was
   * (core/chat-complaint.ts), so bots that never saw it can react to the deletion.
   */
  'chat.deleted': {
    targetSeq: number;
    authorId: string;
    authorName: string;
    kind: ChatKind;
    complaint: boolean;
  };
  /** The host muted a viewer for `seconds` (0 lifts the mute); a muted viewer cannot chat. */
  'viewer.muted': { participantId: string; name: string; seconds: number };
  /** The host blocked a viewer: it is removed from the room (a participant.left follows) and stays out. */
  'viewer.blocked': { participantId: string; name: string };
  /** The host's keyword filter: viewer lines containing any word are held from the room. */
  'filter.changed': { words: string[] };
  /** The host put up a product card (小黄车): a copy of the scenario's product and the risk line shown. */
  'product.shown': ProductCard;
  'product.hidden': Record<never, never>;
  /** A facilitator's message to the trainee (console: one room or all), shown as a notice. */
  'facilitator.notice': { text: string };
  /** The trainee asked for help (on) or it was handled (off: the trainee or a facilitator). */
  'help.changed': { on: boolean };
}

/** A product card as shown: the scenario's product (core/scenario.ts Product) and the risk line used. */
export interface ProductCard {
  productId: string;
  name: { zh: string; en: string };
  risk: RiskLevel;
  suitable: { zh: string; en: string };
  /** The risk line as the host put it up; '' when the host showed the card without one. */
  riskLine: string;
}

export interface VoiceSample {
  fromMs: number;
  toMs: number;
  speechMs: number;
  syllables: number;
  pauses: { startMs: number; endMs: number }[];
  silenceMs: number;
  loudnessDbfs: number | null;
  pitchSemitoneSd: number | null;
}

export type EventType = keyof EventPayloads;

/** Fields every stored event has. */
export interface EventMeta {
  seq: number;
  t: number;
  actor: Actor;
}

export type EventOf<K extends EventType> = EventMeta & { type: K } & EventPayloads[K];
export type SessionEvent = { [K in EventType]: EventOf<K> }[EventType];

/** An event before the room stamps it: type and payload only. */
export type EventDraft = { [K in EventType]: { type: K } & EventPayloads[K] }[EventType];

export const EVENT_TYPES = [
  'session.created',
  'participant.joined',
  'participant.left',
  'session.started',
  'segment.advanced',
  'host.said',
  'chat.message',
  'incident.fired',
  'incident.scheduled',
  'wall.corrected',
  'disclosure.changed',
  'stream.paused',
  'viewer.sentiment',
  'viewer.intent',
  'session.ended',
  'trade.invited',
  'trade.order',
  'trade.fill',
  'trade.rested',
  'trade.reject',
  'trade.unsuitable',
  'market.ticked',
  'audience.configured',
  'session.branched',
  'voice.sample',
  'voice.chunk',
  'announcement.pinned',
  'announcement.unpinned',
  'chat.deleted',
  'viewer.muted',
  'viewer.blocked',
  'filter.changed',
  'product.shown',
  'product.hidden',
  'facilitator.notice',
  'help.changed',
] as const satisfies readonly EventType[];

/** Creators: the only way code builds drafts, so payload shapes stay in one file. */
export const draft = {
  sessionCreated: (sessionId: string, scenario: Scenario, seed: number): EventDraft => ({
    type: 'session.created',
    sessionId,
    scenario,
    seed,
  }),
  sessionBranched: (sessionId: string, parentSessionId: string, atSeq: number): EventDraft => ({
    type: 'session.branched',
    sessionId,
    parentSessionId,
    atSeq,
  }),
  participantJoined: (participantId: string, role: Role, name: string): EventDraft => ({
    type: 'participant.joined',
    participantId,
    role,
    name,
  }),
  participantLeft: (participantId: string, reason: EventPayloads['participant.left']['reason']): EventDraft => ({
    type: 'participant.left',
    participantId,
    reason,
  }),
  sessionStarted: (): EventDraft => ({ type: 'session.started' }),
  segmentAdvanced: (index: number): EventDraft => ({ type: 'segment.advanced', index }),
  hostSaid: (text: string, segmentIndex: number, lineIndex: number | null): EventDraft => ({
    type: 'host.said',
    text,
    segmentIndex,
    lineIndex,
  }),
  chatMessage: (text: string, kind: ChatKind, replyTo: number | null): EventDraft => ({
    type: 'chat.message',
    text,
    kind,
    replyTo,
  }),
  /** A viewer's line written by a facilitator (director mode); the key exists only on these. */
  directedChat: (text: string, kind: ChatKind, replyTo: number | null, by: DirectedBy): EventDraft => ({
    type: 'chat.message',
    text,
    kind,
    replyTo,
    directedBy: { id: by.id, name: by.name },
  }),
  incidentFired: (incidentId: string): EventDraft => ({ type: 'incident.fired', incidentId }),
  incidentScheduled: (incidentId: string, atMs: number): EventDraft => ({
    type: 'incident.scheduled',
    incidentId,
    atMs,
  }),
  wallCorrected: (incidentId: string, how: 'stated' | 'requested'): EventDraft => ({
    type: 'wall.corrected',
    incidentId,
    how,
  }),
  disclosureChanged: (on: boolean): EventDraft => ({ type: 'disclosure.changed', on }),
  streamPaused: (paused: boolean): EventDraft => ({ type: 'stream.paused', paused }),
  viewerSentiment: (sentiment: number, trust: number, leaving?: ViewerLeaveReason): EventDraft =>
    leaving ? { type: 'viewer.sentiment', sentiment, trust, leaving } : { type: 'viewer.sentiment', sentiment, trust },
  viewerIntent: (intent: ViewerIntent): EventDraft => ({ type: 'viewer.intent', intent }),
  sessionEnded: (reason: EventPayloads['session.ended']['reason']): EventDraft => ({
    type: 'session.ended',
    reason,
  }),
  tradeInvited: (p: EventPayloads['trade.invited']): EventDraft => ({ type: 'trade.invited', ...p }),
  tradeOrder: (accountId: string, request: TradeRequestPayload, open: TradeOpenSpec | null): EventDraft => ({
    type: 'trade.order',
    accountId,
    request,
    open,
  }),
  tradeFill: (p: TradeFillPayload): EventDraft => ({ type: 'trade.fill', ...p }),
  tradeRested: (p: EventPayloads['trade.rested']): EventDraft => ({ type: 'trade.rested', ...p }),
  tradeReject: (p: EventPayloads['trade.reject']): EventDraft => ({ type: 'trade.reject', ...p }),
  tradeUnsuitable: (p: EventPayloads['trade.unsuitable']): EventDraft => ({ type: 'trade.unsuitable', ...p }),
  marketTicked: (dtMs: number): EventDraft => ({ type: 'market.ticked', dtMs }),
  voiceSample: (p: VoiceSample): EventDraft => ({ type: 'voice.sample', ...p }),
  voiceChunk: (p: EventPayloads['voice.chunk']): EventDraft => ({ type: 'voice.chunk', ...p }),
  /** A viewer line the keyword filter held: recorded, not shown to the room. */
  heldChat: (text: string, kind: ChatKind, replyTo: number | null): EventDraft => ({
    type: 'chat.message',
    text,
    kind,
    replyTo,
    held: true,
  }),
  announcementPinned: (text: string): EventDraft => ({ type: 'announcement.pinned', text }),
  announcementUnpinned: (): EventDraft => ({ type: 'announcement.unpinned' }),
  chatDeleted: (p: EventPayloads['chat.deleted']): EventDraft => ({ type: 'chat.deleted', ...p }),
  viewerMuted: (participantId: string, name: string, seconds: number): EventDraft => ({
    type: 'viewer.muted',
    participantId,
    name,
    seconds,
  }),
  viewerBlocked: (participantId: string, name: string): EventDraft => ({ type: 'viewer.blocked', participantId, name }),
  filterChanged: (words: string[]): EventDraft => ({ type: 'filter.changed', words }),
  productShown: (card: ProductCard): EventDraft => ({ type: 'product.shown', ...card }),
  productHidden: (): EventDraft => ({ type: 'product.hidden' }),
  facilitatorNotice: (text: string): EventDraft => ({ type: 'facilitator.notice', text }),
  helpChanged: (on: boolean): EventDraft => ({ type: 'help.changed', on }),
  audienceConfigured: (count: number, ratePerMinute: number): EventDraft => ({
    type: 'audience.configured',
    count,
    ratePerMinute,
  }),
};

/** Stamp a draft into an event. */
export function stamp(d: EventDraft, seq: number, t: number, actor: Actor): SessionEvent {
  // Not `{ ...d, seq, t, actor }`: on Node 20's V8, adding keys after a spread costs ~5 µs per
  // call (measured), the hottest line of a busy room; this keeps the same key order.
  return Object.assign({}, d, { seq, t, actor }) as SessionEvent;
}
