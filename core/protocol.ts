/**
 * The wire protocol, one file: version, command payload schemas, which roles may send each
 * command, acks, error codes, and the typed event maps for Socket.IO. docs/PROTOCOL.md describes
 * the same for clients written in other languages.
 */
import { z } from 'zod';
import { MAX_BOT_RATE, MAX_BOTS } from './audience/limits.js';
import { MAX_ANNOUNCEMENT, MAX_FILTER_WORD, MAX_FILTER_WORDS, MAX_MUTE_SEC } from './host-tools-limits.js';
import { CHAT_KINDS, ROLES, VIEWER_INTENTS, VIEWER_LEAVE_REASONS, type Role, type SessionEvent } from './events.js';

export { MAX_BOT_RATE, MAX_BOTS };
import type { SessionState } from './session.js';
import type { TradeOutcome } from './trade.js';

export { PROTOCOL_VERSION } from './protocol-version.js';

export const ErrorCode = {
  /** The payload did not match the command's schema. */
  BAD_PAYLOAD: 'BAD_PAYLOAD',
  /** The event name is not a command of this protocol. */
  UNKNOWN_COMMAND: 'UNKNOWN_COMMAND',
  /** The sender's role may not send this command. */
  FORBIDDEN: 'FORBIDDEN',
  /** A command other than `join` arrived before a successful `join`. */
  NOT_JOINED: 'NOT_JOINED',
  ALREADY_JOINED: 'ALREADY_JOINED',
  /** The join code is unknown, or does not belong to the role asked for. */
  BAD_CODE: 'BAD_CODE',
  /** A join by sessionId without the credential it needs (facilitator cookie, bot token). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The per-connection command budget is spent; retry later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The payload is larger than MAX_PAYLOAD_BYTES. */
  TOO_LARGE: 'TOO_LARGE',
  /** The command is valid but not now (e.g. next segment before start, anything after end). */
  INVALID_STATE: 'INVALID_STATE',
  VERSION_MISMATCH: 'VERSION_MISMATCH',
  NOT_FOUND: 'NOT_FOUND',
  /** The event could not be made durable; it did not happen. */
  STORE_FAILED: 'STORE_FAILED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type Failure = { ok: false; code: ErrorCode; message: string };
export type Ack<T extends object = object> = ({ ok: true } & T) | Failure;

export function fail(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}

/** Largest accepted command payload, as JSON text length. Larger ones get TOO_LARGE. */
export const MAX_PAYLOAD_BYTES = 4096;
export const MAX_TEXT = 500;
export const MAX_NAME = 32;
export { MAX_ANNOUNCEMENT, MAX_FILTER_WORD, MAX_FILTER_WORDS, MAX_MUTE_SEC } from './host-tools-limits.js';

const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT, `at most ${MAX_TEXT} characters`);

export const JoinPayload = z
  .strictObject({
    protocolVersion: z.number().int(),
    /** A room's join code: it decides the room and the role. */
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,16}$/, 'expected a 4–16 character join code')
      .optional(),
    /**
     * Instead of a code: the room, with `role`. Needs a facilitator's login cookie on the handshake
     * (role facilitator or observer) or the server's bot token (role bot); docs/ACCESS.md.
     */
    sessionId: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters').optional(),
    /** Optional with a code: the role the client expects the code to grant (refused if it does not). */
    role: z.enum(ROLES).optional(),
    name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME, `at most ${MAX_NAME} characters`),
    /** The `resumeToken` of an earlier join ack: the same participant comes back instead of a new one. */
    resume: z
      .string()
      .regex(/^[A-Za-z0-9_-]{20,64}$/, 'expected the resumeToken of an earlier join')
      .optional(),
    /**
     * Watch without a seat (the console): the observer role with a facilitator login; nothing is
     * recorded, the seat is listed nowhere, it sees the staff view and may only `sync`.
     */
    watch: z.literal(true).optional(),
  })
  .refine((p) => (p.code === undefined) !== (p.sessionId === undefined), {
    message: 'give either a join code or a sessionId',
    path: ['code'],
  })
  .refine((p) => p.code !== undefined || p.role !== undefined, {
    message: 'required when joining by sessionId',
    path: ['role'],
  });
export type JoinPayload = z.input<typeof JoinPayload>;

export const CommandSchemas = {
  'chat.send': z.strictObject({
    text,
    kind: z.enum(CHAT_KINDS).default('chat'),
    /** seq of the message this replies to. */
    replyTo: z.number().int().positive().nullable().default(null),
  }),
  'host.say': z.strictObject({
    text,
    /** Index of the teleprompter line in the current segment, or null for free speech. */
    lineIndex: z.number().int().min(0).nullable().default(null),
  }),
  'session.start': z.strictObject({}),
  'segment.next': z.strictObject({}),
  'session.end': z.strictObject({}),
  'incident.fire': z.strictObject({ incidentId: z.string().min(1).max(64) }),
  'disclosure.set': z.strictObject({ on: z.boolean() }),
  'stream.pause': z.strictObject({ paused: z.boolean() }),
  'viewer.signal': z.strictObject({
    /** -1 (hostile) … 1 (delighted). */
    sentiment: z.number().min(-1).max(1),
    /** Trust in the host, 0 … 1. */
    trust: z.number().min(0).max(1),
    intent: z.enum(VIEWER_INTENTS).nullable().default(null),
    /** Set on the viewer's last signal before it leaves: why it goes. */
    leaving: z.enum(VIEWER_LEAVE_REASONS).optional(),
  }),
  /** The host invites viewers to a mock trade: suggest a quantity (stocks, ETFs) or an amount (funds). */
  'trade.invite': z.strictObject({
    code: z.string().trim().min(1).max(16),
    side: z.enum(['buy', 'sell']).default('buy'),
    qty: z.number().int().positive().max(100_000_000).nullable().default(null),
    amount: z.number().positive().max(100_000_000).nullable().default(null),
    /** The risk wording shown with the invitation (prefilled from the product's risk level). */
    riskWording: text,
  }),
  /**
   * An order on the mock exchange. Account = the sender; it opens on the first order with
   * MOCK_CASH_CNY and `riskClass` (default C3; later orders' riskClass is ignored).
   */
  'trade.place': z.strictObject({
    code: z.string().trim().min(1).max(16),
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit']).default('market'),
    qty: z.number().positive().max(100_000_000).optional(),
    amount: z.number().positive().max(100_000_000).optional(),
    limitPrice: z.number().positive().max(1_000_000).optional(),
    riskClass: z.enum(['C1', 'C2', 'C3', 'C4', 'C5']).optional(),
  }),
  /**
   * Director mode: a facilitator speaks as a viewer of the room (`viewerId`: an online bot or
   * observer participant). Recorded as that viewer's `chat.message` with `directedBy`.
   */
  'director.say': z.strictObject({
    viewerId: z.string().trim().min(1).max(64),
    text,
    kind: z.enum(CHAT_KINDS).default('chat'),
    replyTo: z.number().int().positive().nullable().default(null),
  }),
  /**
   * Size and chat rate of the room's simulated audience (facilitator). Recorded as
   * `audience.configured`; the server's bot manager follows it.
   */
  'bots.configure': z
    .strictObject({
      count: z.number().int().min(0).max(MAX_BOTS).optional(),
      ratePerMinute: z.number().min(0).max(MAX_BOT_RATE).optional(),
    })
    .refine((p) => p.count !== undefined || p.ratePerMinute !== undefined, 'give count, ratePerMinute or both'),
  /** Figures from the trainee's microphone analysis (core/voice), every few seconds; no audio. */
  'voice.sample': z.strictObject({
    fromMs: z.number().min(0).max(86_400_000),
    toMs: z.number().min(0).max(86_400_000),
    speechMs: z.number().min(0).max(600_000),
    syllables: z.number().int().min(0).max(100_000),
    pauses: z
      .array(z.strictObject({ startMs: z.number().min(0), endMs: z.number().min(0) }))
      .max(100)
      .default([]),
    silenceMs: z.number().min(0).max(86_400_000),
    loudnessDbfs: z.number().min(-200).max(10).nullable(),
    pitchSemitoneSd: z.number().min(0).max(100).nullable(),
  }),
  // 场控, the host's console (docs/PROTOCOL.md "Host console"): trainee and facilitator.
  /** Pin an announcement over the chat (replaces the one pinned). */
  'announcement.pin': z.strictObject({
    text: z.string().trim().min(1, 'must not be empty').max(MAX_ANNOUNCEMENT, `at most ${MAX_ANNOUNCEMENT} characters`),
  }),
  'announcement.unpin': z.strictObject({}),
  /** Delete a viewer's line (`seq` of its chat.message, among the recent chat): hidden from viewers, kept in the recording. */
  'chat.delete': z.strictObject({ seq: z.number().int().positive() }),
  /** Mute a viewer (participant id) for `seconds`; 0 lifts the mute. */
  'viewer.mute': z.strictObject({
    viewerId: z.string().trim().min(1).max(64),
    seconds: z.number().int().min(0).max(MAX_MUTE_SEC).default(300),
  }),
  /** Block a viewer: removed from the room and kept out. */
  'viewer.block': z.strictObject({ viewerId: z.string().trim().min(1).max(64) }),
  /** The keyword filter: the whole word list (empty turns it off). */
  'filter.set': z.strictObject({
    words: z
      .array(
        z.string().trim().min(1, 'must not be empty').max(MAX_FILTER_WORD, `at most ${MAX_FILTER_WORD} characters`),
      )
      .max(MAX_FILTER_WORDS, `at most ${MAX_FILTER_WORDS} words`),
  }),
  /** Put up a product card (小黄车) from the scenario's products, with the risk line to show ('' = none). */
  'product.show': z.strictObject({
    productId: z.string().trim().min(1).max(64),
    riskLine: z.string().trim().max(MAX_TEXT, `at most ${MAX_TEXT} characters`),
  }),
  'product.hide': z.strictObject({}),
  /** A facilitator's notice to the trainee (the console's message to one room or to all). */
  'notice.send': z.strictObject({ text }),
  /** The trainee asks for help (on: true) or withdraws it; a facilitator marks it handled (false). */
  'help.set': z.strictObject({ on: z.boolean() }),
  sync: z.strictObject({ sinceSeq: z.number().int().min(0) }),
} as const;

export type CommandName = keyof typeof CommandSchemas;
export type CommandPayload<K extends CommandName> = z.output<(typeof CommandSchemas)[K]>;
export type CommandInput<K extends CommandName> = z.input<(typeof CommandSchemas)[K]>;
export type Command = { [K in CommandName]: { name: K; payload: CommandPayload<K> } }[CommandName];

/** Who may send what. Observers only watch; bots chat like viewers; only the trainee hosts. */
export const COMMAND_ROLES: Record<CommandName, readonly Role[]> = {
  'chat.send': ['trainee', 'facilitator', 'bot'],
  'host.say': ['trainee'],
  'session.start': ['trainee', 'facilitator'],
  'segment.next': ['trainee', 'facilitator'],
  'session.end': ['trainee', 'facilitator'],
  'incident.fire': ['facilitator'],
  'disclosure.set': ['trainee', 'facilitator'],
  'stream.pause': ['trainee', 'facilitator'],
  'viewer.signal': ['bot'],
  'trade.invite': ['trainee', 'facilitator'],
  'trade.place': ['trainee', 'facilitator', 'bot'],
  'director.say': ['facilitator'],
  'bots.configure': ['facilitator'],
  'voice.sample': ['trainee'],
  'announcement.pin': ['trainee', 'facilitator'],
  'announcement.unpin': ['trainee', 'facilitator'],
  'chat.delete': ['trainee', 'facilitator'],
  'viewer.mute': ['trainee', 'facilitator'],
  'viewer.block': ['trainee', 'facilitator'],
  'filter.set': ['trainee', 'facilitator'],
  'product.show': ['trainee', 'facilitator'],
  'product.hide': ['trainee', 'facilitator'],
  'notice.send': ['facilitator'],
  'help.set': ['trainee', 'facilitator'],
  sync: ['trainee', 'facilitator', 'observer', 'bot'],
};

export const COMMAND_NAMES = Object.keys(CommandSchemas) as CommandName[];

/** Most events a `sync` returns at once; ask again from the last seq for more. */
export const SYNC_LIMIT = 2000;

export interface JoinOk {
  sessionId: string;
  participantId: string;
  role: Role;
  /**
   * Folded state up to `state.lastSeq`; `events` batches continue from there. Its `participants`
   * (and `mood`) hold only those online at the join; `participants` below has the counts.
   */
  state: SessionState;
  /** Online now and ever joined (the recording has everyone). */
  participants?: { online: number; everJoined: number };
  /** Send as `resume` when re-joining after a disconnect to stay the same participant. */
  resumeToken?: string;
}

export interface CommandOk {
  /** seq of the last event the command produced (durable when the ack arrives). */
  seq?: number;
  /** `trade.place` only: what the exchange did with the order. */
  trade?: TradeOutcome;
}

export interface SyncOk {
  events: SessionEvent[];
  /** True if more events follow; call sync again from the last one's seq. */
  more: boolean;
}

export type AckFn<T extends object = CommandOk> = (ack: Ack<T>) => void;

type CommandHandlers = {
  [K in Exclude<CommandName, 'sync'>]: (payload: CommandInput<K>, ack: AckFn) => void;
};

export interface ClientToServerEvents extends CommandHandlers {
  join: (payload: JoinPayload, ack: AckFn<JoinOk>) => void;
  sync: (payload: CommandInput<'sync'>, ack: AckFn<SyncOk>) => void;
}

export interface Notice {
  code: ErrorCode;
  message: string;
}

export interface ServerToClientEvents {
  /** Durable events in seq order, batched per flush. */
  events: (batch: SessionEvent[]) => void;
  /** Something the server refused without an ack to answer (unknown event, flood). */
  notice: (notice: Notice) => void;
}
