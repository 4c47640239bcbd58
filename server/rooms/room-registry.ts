/** All rooms of this process: creation, lookup by code, and resuming live sessions after a restart. */
import { randomInt, randomUUID } from 'node:crypto';
import type { Role, SessionEvent } from '../../core/events.js';
import type { Scenario } from '../../core/scenario.js';
import type { Clock } from '../clock.js';
import { StoreError, type RecordingStore, type SessionRecord } from '../store/recording-store.js';
import { newCodes } from './join-codes.js';
import { SessionRoom } from './session-room.js';

export interface RegistryDeps {
  store: RecordingStore;
  clock: Clock;
  broadcast: (sessionId: string, batch: SessionEvent[]) => void;
  log: (msg: string) => void;
  flushMs?: number;
}

export class RoomRegistry {
  private rooms = new Map<string, SessionRoom>();

  constructor(private deps: RegistryDeps) {}

  private roomDeps(sessionId: string) {
    return {
      store: this.deps.store,
      clock: this.deps.clock,
      broadcast: (batch: SessionEvent[]) => this.deps.broadcast(sessionId, batch),
      flushMs: this.deps.flushMs,
      onStoreError: (err: unknown) =>
        this.deps.log(
          `session ${sessionId}: store refused a batch: ${err instanceof Error ? err.message : String(err)}`,
        ),
    };
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

  /** Load every session the store has as live and fold its events back into a room. */
  async resumeAll(): Promise<SessionRoom[]> {
    const resumed: SessionRoom[] = [];
    for (const rec of this.deps.store.listSessions({ status: 'live' })) {
      if (this.rooms.has(rec.sessionId)) continue;
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
