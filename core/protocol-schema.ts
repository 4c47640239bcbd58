/**
 * Zod schemas of what the server sends on a join (the ack and its `state`), for the JSON Schema
 * third-party clients read (docs/protocol.schema.json, made by `npm run schema:protocol` and
 * checked by test/unit/protocol-schema.test.ts). The state is a TypeScript interface
 * (core/session.ts); the checks at the bottom make the compiler refuse a schema that no longer
 * accepts it. The mock exchange's internals are described as an object only: clients read the
 * board through `invitation` and `trades`.
 */
import { z } from 'zod';
import { CHAT_KINDS, ROLES, VIEWER_INTENTS, VIEWER_LEAVE_REASONS } from './events.js';
import { CommandSchemas, JoinPayload, type JoinOk } from './protocol.js';
import { Scenario } from './scenario.js';
import type { SessionState } from './session.js';

const seq = z.number().int().min(0);
const t = z.number().min(0);
const Role = z.enum(ROLES);
const Actor = z.object({ id: z.string(), role: z.enum([...ROLES, 'system']), name: z.string() });

const Participant = z.object({
  id: z.string(),
  role: Role,
  name: z.string(),
  online: z.boolean(),
  joinedT: t,
  leftT: t.nullable(),
});

const ChatEntry = z.object({
  seq,
  t,
  actor: Actor,
  text: z.string(),
  kind: z.enum(CHAT_KINDS),
  replyTo: seq.nullable(),
  answerSeq: seq.nullable(),
  directedBy: z.object({ id: z.string(), name: z.string() }).optional(),
});

const TradeFeedEntry = z.object({
  seq,
  t,
  accountId: z.string(),
  name: z.string(),
  code: z.string(),
  side: z.enum(['buy', 'sell']),
  kind: z.enum(['fill', 'reject']),
  qty: z.number().nullable(),
  price: z.number().nullable(),
  reason: z.string().nullable(),
  passive: z.boolean(),
});

const StateShape = z.object({
  sessionId: z.string(),
  parent: z.object({ sessionId: z.string(), atSeq: seq }).nullable(),
  scenario: Scenario.nullable(),
  seed: z.number().int(),
  rng: z.number(),
  status: z.enum(['created', 'live', 'ended']),
  lastSeq: seq,
  t,
  startedT: t.nullable(),
  endedT: t.nullable(),
  segmentIndex: z.number().int().min(0),
  segmentStartedT: t.nullable(),
  lineCursor: z.number().int().min(0),
  participants: z.record(z.string(), Participant).describe('only the participants online at the join'),
  audience: z.number().int().min(0),
  chat: z.array(ChatEntry).max(200).readonly().describe('the most recent chat, newest last (CHAT_WINDOW)'),
  questions: z.array(z.object({ seq, t, askedBy: z.string() })).readonly(),
  firedIncidents: z.array(z.string()).readonly(),
  incidentsFired: z.record(z.string(), z.object({ seq, t, segmentIndex: z.number().int().min(0) })),
  wallCorrected: z.record(z.string(), z.object({ seq, t, how: z.enum(['stated', 'requested']) })),
  disclosureOn: z.boolean(),
  paused: z.boolean(),
  mood: z.record(z.string(), z.object({ sentiment: z.number(), trust: z.number(), t })),
  intents: z.partialRecord(z.enum(VIEWER_INTENTS), z.array(z.string()).readonly()),
  counters: z.object({
    messages: z.number().int(),
    questions: z.number().int(),
    answered: z.number().int(),
    hostLines: z.number().int(),
  }),
  exchange: z
    .custom<object>((v) => typeof v === 'object')
    .nullable()
    .describe('the mock exchange (core/exchange), opaque to clients'),
  marketT: t.nullable(),
  invitation: z
    .object({
      seq,
      code: z.string(),
      side: z.enum(['buy', 'sell']),
      qty: z.number().nullable(),
      amount: z.number().nullable(),
      riskWording: z.string(),
    })
    .nullable(),
  trades: z.array(TradeFeedEntry).readonly(),
  trading: z.object({
    orders: z.number().int(),
    fills: z.number().int(),
    rejects: z.number().int(),
    unsuitable: z.number().int(),
  }),
  departures: z
    .partialRecord(z.enum(VIEWER_LEAVE_REASONS), z.number().int().min(0))
    .describe('viewers who left, by reason'),
  audienceTarget: z.object({ count: z.number().int(), ratePerMinute: z.number() }).nullable(),
});

// A field added to SessionState appears in the ack before this schema learns of it.
export const SessionStateSchema = StateShape.loose();

export const JoinAckSchema = z.object({
  ok: z.literal(true),
  sessionId: z.string(),
  participantId: z.string(),
  role: Role,
  state: SessionStateSchema,
  participants: z.object({ online: z.number().int(), everJoined: z.number().int() }).optional(),
  resumeToken: z.string().optional(),
});

export const FailureAckSchema = z.object({ ok: z.literal(false), code: z.string(), message: z.string().max(300) });

/** The document docs/protocol.schema.json holds: every $def made by z.toJSONSchema. */
export function protocolJsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  const put = (name: string, schema: z.ZodType, io: 'input' | 'output') => {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    void _drop;
    defs[name] = rest;
  };
  put('JoinPayload', JoinPayload, 'input');
  for (const [name, schema] of Object.entries(CommandSchemas)) put(`command:${name}`, schema, 'input');
  put('JoinAck', JoinAckSchema, 'output');
  put('FailureAck', FailureAckSchema, 'output');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Branchcast wire protocol: join, command payloads, join ack (docs/PROTOCOL.md)',
    $comment: 'Generated from core/protocol.ts and core/protocol-schema.ts by `npm run schema:protocol`; do not edit.',
    $defs: defs,
  };
}

// Compile-time checks: the schemas accept every real state and ack (a mismatch is a type error).
type Accepts<S extends z.ZodType, T> = T extends z.input<S> ? true : never;
export const stateAccepted: Accepts<typeof StateShape, SessionState> = true;
export const ackAccepted: Accepts<
  ReturnType<typeof JoinAckSchema.extend<{ state: typeof StateShape }>>,
  JoinOk & { ok: true }
> = true;
