/**
 * SessionRoom: the authority of one session. Commands go validate → role check → decide →
 * stamp (seq, t) → reduce; the resulting events wait in `pending` until the next flush, which
 * appends them to the store in one transaction, then fans the batch out, then resolves the acks.
 * So an `ok` ack always means the event is durable, and every peer sees events in seq order.
 */
import { decide } from '../../core/decide.js';
import {
  SYSTEM_ACTOR,
  draft,
  stamp,
  type Actor,
  type EventDraft,
  type Role,
  type SessionEvent,
} from '../../core/events.js';
import {
  COMMAND_ROLES,
  CommandSchemas,
  ErrorCode,
  SYNC_LIMIT,
  fail,
  type Ack,
  type Command,
  type CommandName,
  type CommandOk,
  type SyncOk,
} from '../../core/protocol.js';
import { fold, initialState, reduce, type SessionState } from '../../core/session.js';
import type { Scenario } from '../../core/scenario.js';
import { dueIncidents, formatPath } from '../../core/scenario.js';
import { MARKET_TICK_MS } from '../../core/trade.js';
import { viewOf, viewSync, type View } from '../../core/views.js';
import type { Clock } from './clock.js';
import { systemScheduler, type Scheduler } from './room-transport.js';
import type { AppendFence, RecordingStore, SessionRecord } from '../store/recording-store.js';

export interface RoomDeps {
  store: RecordingStore;
  clock: Clock;
  /** Runs the flush later; tests pass a ManualScheduler (default: Node's timers). */
  scheduler?: Scheduler;
  /** A durable batch, to every seat of the room (through RoomTransport) and the room's observers. */
  broadcast: (batch: SessionEvent[]) => void;
  /** Gather commands for this many ms before a flush; 0 flushes at the end of the I/O turn. */
  flushMs?: number;
  /** Called when the store refuses a batch (the room rolls back and keeps serving). */
  onStoreError?: (err: unknown) => void;
  /** The lease every append carries when several nodes share the store (server/cluster/leases.ts). */
  fence?: () => AppendFence;
}

interface Waiter {
  resolve: (seq: number) => void;
  reject: (err: unknown) => void;
  lastSeq: number;
}

export interface RoomStats {
  commands: number;
  rejected: number;
  flushes: number;
  storeFailures: number;
}

export class SessionRoom {
  /** State including events not yet durable; commands are decided against it. */
  private state: SessionState;
  /** State up to the last durable, broadcast event: what joiners and sync see. */
  private committed: SessionState;
  private pending: SessionEvent[] = [];
  private waiters: Waiter[] = [];
  private flushScheduled = false;
  private closed = false;
  readonly stats: RoomStats = { commands: 0, rejected: 0, flushes: 0, storeFailures: 0 };

  private constructor(
    readonly record: SessionRecord,
    private deps: RoomDeps,
    state: SessionState,
  ) {
    this.state = state;
    this.committed = state;
  }

  /** Open a new session: records `session.created` with the scenario as it is now. */
  static async create(record: SessionRecord, scenario: Scenario, deps: RoomDeps): Promise<SessionRoom> {
    deps.store.createSession(record);
    // Several nodes: take the new room's lease at once, not at its first flush.
    deps.fence?.();
    const room = new SessionRoom(record, deps, initialState());
    await room.submit(SYSTEM_ACTOR, [draft.sessionCreated(record.sessionId, scenario, record.seed)]);
    return room;
  }

  /**
   * Resume a session from its recording (after a restart). Anyone recorded as online lost their
   * connection with the old process, so they are marked as left.
   */
  static async resume(record: SessionRecord, deps: RoomDeps): Promise<SessionRoom> {
    const state = fold(deps.store.readEvents(record.sessionId));
    const room = new SessionRoom(record, deps, state);
    const gone = Object.values(state.participants).filter((p) => p.online);
    if (gone.length > 0) {
      await room.submit(
        SYSTEM_ACTOR,
        gone.map((p) => draft.participantLeft(p.id, 'disconnect')),
      );
    }
    return room;
  }

  get id(): string {
    return this.record.sessionId;
  }

  /** The durable state, whole (staff view); a joiner gets `viewState(view, snapshot())`. */
  snapshot(): SessionState {
    return this.committed;
  }

  get scenario(): Scenario {
    const s = this.state.scenario;
    if (!s) throw new Error(`session ${this.id} has no scenario`);
    return s;
  }

  get status(): SessionState['status'] {
    return this.state.status;
  }

  /** ms since the session was created; never goes backwards, even if the wall clock does. */
  private now(): number {
    return Math.max(this.state.t, this.deps.clock.now() - this.record.createdAt);
  }

  /** Stamp and fold drafts; resolves with the last seq once durable. */
  submit(actor: Actor, drafts: readonly EventDraft[]): Promise<number> {
    if (this.closed) return Promise.reject(new Error('room closed'));
    const t = this.now();
    let seq = this.state.lastSeq;
    for (const d of drafts) {
      const e = stamp(d, ++seq, t, actor);
      this.state = reduce(this.state, e);
      this.pending.push(e);
    }
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ resolve, reject, lastSeq: seq });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Gather every command of this I/O turn (or of the flush window) into one transaction and
    // one frame per peer: fan-out is batched, not per message.
    (this.deps.scheduler ?? systemScheduler).later(this.deps.flushMs ?? 0, () => this.flush());
  }

  /** Persist pending events, fan them out, then resolve their acks. */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      this.deps.store.append(this.id, batch, this.deps.fence?.());
    } catch (err) {
      // Nothing of the batch happened: roll back to the durable state and tell each sender.
      this.stats.storeFailures++;
      this.state = this.committed;
      this.deps.onStoreError?.(err);
      for (const w of waiters) w.reject(err);
      return;
    }
    this.stats.flushes++;
    this.committed = this.state;
    if (this.committed.status === 'ended' && this.record.status !== 'ended') {
      this.record.status = 'ended';
      this.deps.store.setStatus(this.id, 'ended');
    }
    this.deps.broadcast(batch);
    for (const w of waiters) w.resolve(w.lastSeq);
  }

  /** Record a participant joining; resolves once durable. */
  join(participantId: string, role: Role, name: string): Promise<number> {
    return this.submit({ id: participantId, role, name }, [draft.participantJoined(participantId, role, name)]);
  }

  leave(actor: Actor): Promise<number> {
    if (this.closed || !this.state.participants[actor.id]?.online) return Promise.resolve(this.state.lastSeq);
    return this.submit(SYSTEM_ACTOR, [draft.participantLeft(actor.id, 'disconnect')]);
  }

  /**
   * Handle one command from a joined participant. Never throws: every outcome is an ack.
   * `raw` is untrusted input straight from the socket.
   */
  async command(
    actor: Actor & { role: Role },
    name: CommandName,
    raw: unknown,
    /** The asking seat's view (core/views.ts): what `sync` may hand back. Default: the actor's role's. */
    view: View = viewOf(actor.role),
  ): Promise<Ack<CommandOk | SyncOk>> {
    this.stats.commands++;
    const allowed = COMMAND_ROLES[name];
    if (!allowed.includes(actor.role)) {
      this.stats.rejected++;
      return fail(
        ErrorCode.FORBIDDEN,
        `${name}: the ${actor.role} role may not send this (allowed: ${allowed.join(', ')})`,
      );
    }
    const parsed = CommandSchemas[name].safeParse(raw ?? {});
    if (!parsed.success) {
      this.stats.rejected++;
      const first = parsed.error.issues[0];
      const where = first ? formatPath(first.path) : '(root)';
      return fail(ErrorCode.BAD_PAYLOAD, `${name}: ${where}: ${first?.message ?? 'invalid payload'}`);
    }
    const cmd = { name, payload: parsed.data } as Command;
    if (cmd.name === 'sync') return this.sync(cmd.payload.sinceSeq, view);
    const decision = decide(this.state, actor, cmd);
    if (!decision.ok) {
      this.stats.rejected++;
      return decision;
    }
    if (decision.drafts.length === 0) return { ok: true };
    try {
      const seq = await this.submit(decision.as ?? actor, decision.drafts);
      return { ok: true, seq, ...decision.reply };
    } catch (err) {
      return fail(
        ErrorCode.STORE_FAILED,
        `${name}: not recorded (${err instanceof Error ? err.message : 'store error'})`,
      );
    }
  }

  /** Fire the scenario's scheduled incidents that are due now (called on a timer). */
  async fireDueIncidents(): Promise<void> {
    if (this.closed) return;
    const due = dueIncidents(this.scenario, this.state, this.now());
    if (due.length === 0) return;
    const p = this.submit(
      SYSTEM_ACTOR,
      due.map((id) => draft.incidentFired(id)),
    );
    this.flush();
    await p;
  }

  /**
   * Advance the mock market to now in whole MARKET_TICK_MS steps (called on a timer while live).
   * Every tick is an event, so replay draws the same prices from the same PRNG; broadcasting one
   * tick per second rather than every price is the sampling.
   */
  async tickMarket(): Promise<void> {
    if (this.closed || this.state.status !== 'live' || !this.state.exchange) return;
    const dtMs = Math.floor((this.now() - (this.state.marketT ?? 0)) / MARKET_TICK_MS) * MARKET_TICK_MS;
    if (dtMs <= 0) return;
    const p = this.submit(SYSTEM_ACTOR, [draft.marketTicked(dtMs)]);
    this.flush();
    await p;
  }

  /** Durable events after `sinceSeq`, for clients that saw a gap or reconnected. */
  sync(sinceSeq: number, view: View = 'staff'): Ack<SyncOk> {
    const upTo = this.committed.lastSeq;
    if (sinceSeq >= upTo) return { ok: true, events: [], more: false };
    const events = this.deps.store.readEvents(this.id, sinceSeq + 1, Math.min(SYNC_LIMIT, upTo - sinceSeq));
    const last = events[events.length - 1]?.seq ?? sinceSeq;
    return { ok: true, events: viewSync(view, events), more: last < upTo };
  }

  /** Flush what is pending and stop accepting commands. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
