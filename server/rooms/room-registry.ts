/** All rooms of this process: creation, lookup by code, and resuming live sessions after a restart. */
import { randomInt, randomUUID } from 'node:crypto';
import { draft, stamp, SYSTEM_ACTOR, type Role, type SessionEvent } from '../../core/events.js';
import { fold } from '../../core/session.js';
import type { Scenario } from '../../core/scenario.js';
import type { Clock } from './clock.js';
import { StoreError, type AppendFence, type RecordingStore, type SessionRecord } from '../store/recording-store.js';
import { newCodes } from './join-codes.js';
import type { RoomTransport, Scheduler } from './room-transport.js';
import { SessionRoom } from './session-room.js';

export interface RegistryDeps {
  store: RecordingStore;
  clock: Clock;
  /** Carries every durable batch to the session's seats, each through its view. */
  transport: RoomTransport;
  scheduler?: Scheduler;
  log: (msg: string) => void;
  flushMs?: number;
  /**
   * Several nodes (server/cluster): a room is served only under a lease, and its appends carry the
   * lease's epoch. Absent: one process owns every room, as with SQLite.
   */
  ownership?: Ownership;
}

export interface Ownership {
  /** Take a room nobody holds (a new one, or one whose owner's lease lapsed); null if held. */
  acquire(sessionId: string): AppendFence | null;
  /** The rooms this node holds, at their epochs; the cluster node renews them. */
  readonly held: Map<string, AppendFence>;
}

export class RoomRegistry {
  private rooms = new Map<string, SessionRoom>();
  private observers: Array<(sessionId: string, batch: readonly SessionEvent[]) => void> = [];

  constructor(private deps: RegistryDeps) {}

  /**
   * Every durable batch of every room, whole (the staff view), after the transport has sent it:
   * the workshop's live score fold and the simulator listen here.
   */
  onDurable(fn: (sessionId: string, batch: readonly SessionEvent[]) => void): void {
    this.observers.push(fn);
  }

  get transport(): RoomTransport {
    return this.deps.transport;
  }

  /**
   * `fence`: the lease a resumed room was taken under. A new room takes its lease at its first
   * append (its row exists by then); each room object keeps the epoch it started with, so a room
   * retaken after a lapse is a new object folded from the store, never the stale one.
   */
  private roomDeps(sessionId: string, preset?: AppendFence) {
    const own = this.deps.ownership;
    let fence = preset;
    return {
      fence: own
        ? (): AppendFence => {
            if (!fence) {
              const got = own.acquire(sessionId);
              if (!got) throw new StoreError(`session ${sessionId}: another node holds the room`, 'FENCED');
              fence = got;
              own.held.set(sessionId, got);
            }
            return fence;
          }
        : undefined,
      store: this.deps.store,
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      broadcast: (batch: SessionEvent[]) => {
        this.deps.transport.broadcast(sessionId, batch);
        for (const fn of this.observers) fn(sessionId, batch);
      },
      flushMs: this.deps.flushMs,
      onStoreError: (err: unknown) => {
        this.deps.log(
          `session ${sessionId}: store refused a batch: ${err instanceof Error ? err.message : String(err)}`,
        );
        // Fenced: another node owns the room now; this copy must stop serving it.
        if (err instanceof StoreError && err.reason === 'FENCED') this.drop(sessionId);
      },
    };
  }

  private lostListeners: Array<(sessionId: string) => void> = [];

  /** A room this node stopped owning (fenced, or its lease lapsed): the gateway lets its seats go. */
  onLost(fn: (sessionId: string) => void): void {
    this.lostListeners.push(fn);
  }

  /** Stop serving a room whose lease this node lost; its pending acks fail, nothing is written. */
  drop(sessionId: string): void {
    const room = this.rooms.get(sessionId);
    this.deps.ownership?.held.delete(sessionId);
    if (!room) return;
    this.rooms.delete(sessionId);
    room.close();
    for (const fn of this.lostListeners) fn(sessionId);
  }

  /**
   * Take over a live room whose owner's lease lapsed: the lease first (a new epoch), then the
   * fold of everything the store has, so nothing the old owner wrote is missed. Null if another
   * node got it first or the session is not live.
   */
  async adopt(sessionId: string): Promise<SessionRoom | null> {
    const own = this.deps.ownership;
    if (!own || this.rooms.has(sessionId)) return null;
    const fence = own.acquire(sessionId);
    if (!fence) return null;
    own.held.set(sessionId, fence);
    const rec = this.deps.store.getSession(sessionId);
    if (!rec || rec.status !== 'live') return null;
    const room = await SessionRoom.resume(rec, this.roomDeps(sessionId, fence));
    this.rooms.set(sessionId, room);
    this.deps.log(`took over session ${sessionId} at seq ${room.snapshot().lastSeq} (epoch ${fence.epoch})`);
    return room;
  }

  async create(scenario: Scenario, opts: { demo?: boolean; seed?: number } = {}): Promise<SessionRoom> {
    for (let attempt = 0; ; attempt++) {
      const record: SessionRecord = {
        sessionId: randomUUID(),
        scenarioId: scenario.id,
        seed: opts.seed ?? randomInt(2 ** 31),
        codes: newCodes(),
        createdAt: this.deps.clock.now(),
        status: 'live',
        demo: opts.demo ?? false,
      };
      try {
        const room = await SessionRoom.create(record, scenario, this.roomDeps(record.sessionId));
        this.rooms.set(room.id, room);
        return room;
      } catch (err) {
        // A code collision with an older session: draw new codes.
        if (err instanceof StoreError && err.reason === 'DUPLICATE' && attempt < 5) continue;
        throw err;
      }
    }
  }

  /**
   * Retry from a moment (docs/SPEC.md RP8): a new live session whose recording starts with the
   * parent's events 1..atSeq (same scenario, seed and prices), then `session.branched`. Whoever was
   * online then is marked left (as on a resume), and the room's clock continues from that moment's t.
   */
  async createBranch(
    parentId: string,
    atSeq: number,
  ): Promise<SessionRoom | { error: 'NOT_FOUND' | 'BAD_SEQ' | 'ENDED'; message: string }> {
    const { store, clock } = this.deps;
    const parent = store.getSession(parentId);
    if (!parent) return { error: 'NOT_FOUND', message: `session "${parentId}" does not exist` };
    const last = store.lastSeq(parentId);
    if (!Number.isInteger(atSeq) || atSeq < 1 || atSeq > last)
      return { error: 'BAD_SEQ', message: `seq: the recording has events 1–${last}` };
    const events = store.readEvents(parentId, 1, atSeq);
    if (fold(events).status === 'ended')
      return { error: 'ENDED', message: `seq: the session had ended at ${atSeq}; branch from an earlier moment` };
    const atT = events[events.length - 1]!.t;
    for (let attempt = 0; ; attempt++) {
      const record: SessionRecord = {
        sessionId: randomUUID(),
        scenarioId: parent.scenarioId,
        seed: parent.seed,
        codes: newCodes(),
        // Event t counts from createdAt: backdating it by atT makes the clock go on from that moment.
        createdAt: clock.now() - atT,
        status: 'live',
        demo: false,
      };
      const branched = stamp(draft.sessionBranched(record.sessionId, parentId, atSeq), atSeq + 1, atT, SYSTEM_ACTOR);
      try {
        store.importSession(record, [...events, branched]);
      } catch (err) {
        if (err instanceof StoreError && err.reason === 'DUPLICATE' && attempt < 5) continue;
        throw err;
      }
      const room = await SessionRoom.resume(record, this.roomDeps(record.sessionId));
      this.rooms.set(room.id, room);
      return room;
    }
  }

  /** Load every session the store has as live and fold its events back into a room. */
  async resumeAll(): Promise<SessionRoom[]> {
    const resumed: SessionRoom[] = [];
    for (const rec of this.deps.store.listSessions({ status: 'live' })) {
      if (this.rooms.has(rec.sessionId)) continue;
      if (this.deps.ownership) {
        // Several nodes: only the rooms nobody holds, each taken before it is folded.
        const room = await this.adopt(rec.sessionId);
        if (room) resumed.push(room);
        continue;
      }
      const room = await SessionRoom.resume(rec, this.roomDeps(rec.sessionId));
      this.rooms.set(room.id, room);
      resumed.push(room);
      this.deps.log(`resumed session ${rec.sessionId} (${rec.scenarioId}) at seq ${room.snapshot().lastSeq}`);
    }
    return resumed;
  }

  get(sessionId: string): SessionRoom | undefined {
    return this.rooms.get(sessionId);
  }

  /** The room and role a join code opens, or why it opens nothing. */
  byCode(code: string): { room: SessionRoom; role: Role } | { error: 'unknown' | 'ended' } {
    const hit = this.deps.store.findByCode(code);
    if (!hit) return { error: 'unknown' };
    const room = this.rooms.get(hit.sessionId);
    if (!room) return { error: 'ended' };
    return { room, role: hit.role };
  }

  /** A session's recorded events (the live control restores its schedules from them). */
  eventsOf(sessionId: string): SessionEvent[] {
    return this.deps.store.readEvents(sessionId);
  }

  demo(): SessionRoom | undefined {
    for (const r of this.rooms.values()) if (r.record.demo && r.status !== 'ended') return r;
    return undefined;
  }

  all(): SessionRoom[] {
    return [...this.rooms.values()];
  }

  /** Timed work of every live room (scheduled incidents, the market clock). */
  async tick(): Promise<void> {
    for (const r of this.rooms.values()) {
      if (r.status !== 'live') continue;
      await r
        .fireDueIncidents()
        .catch((err: unknown) =>
          this.deps.log(
            `session ${r.id}: scheduled incident not recorded: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
      await r
        .tickMarket()
        .catch((err: unknown) =>
          this.deps.log(
            `session ${r.id}: market tick not recorded: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
    }
  }

  closeAll(): void {
    for (const r of this.rooms.values()) r.close();
  }
}
