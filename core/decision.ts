/**
 * What decide() and its helpers (decide-trade.ts, workshop/director.ts) answer. Its own file so
 * the helpers need not import decide.ts, which imports them.
 *
 * `reply`: extra ack fields (trade.place answers with the order's outcome). `as`: stamp the drafts
 * with this actor instead of the sender (director mode speaks as a viewer).
 */
import type { Actor, EventDraft } from './events.js';
import type { CommandOk, Failure } from './protocol.js';

export type Decision = { ok: true; drafts: EventDraft[]; reply?: CommandOk; as?: Actor } | Failure;
