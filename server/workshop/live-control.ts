/**
 * A facilitator's control of a running session over REST (the console does not join every room):
 * fire or schedule an incident, pause, end, speak as a viewer. Every action is the room's own
 * command (validate → role check → decide → stamp → reduce → fan out → persist) with the
 * facilitator as actor, so it is recorded and refused exactly as over Socket.IO.
 *
 * A scheduled incident is recorded (`incident.scheduled`, by the facilitator who asked) and waits
 * here until the session's clock reaches it; after a restart `restore()` reads the pending ones
 * back from the recordings (docs/WORKSHOP.md).
 */
import { draft, type Actor, type Role } from '../../core/events.js';
import { ErrorCode, fail, type Ack, type CommandInput, type CommandName, type CommandOk } from '../../core/protocol.js';
import type { Clock } from '../rooms/clock.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';

export type FacilitatorActor = Actor & { role: Extract<Role, 'facilitator'> };

interface Scheduled {
  incidentId: string;
  /** On the stream's clock (ms since session.started), as asked. */
  atMs: number;
  /** The same moment in session time (event t). */
  t: number;
  actor: FacilitatorActor;
}

export class LiveControl {
  private schedules = new Map<string, Scheduled[]>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private deps: { rooms: RoomRegistry; clock: Clock; log: (m: string) => void },
    tickMs = 250,
  ) {
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /** Session time of a room now (ms since it was created, as event t). */
  timeOf(room: SessionRoom): number {
    return Math.max(room.snapshot().t, this.deps.clock.now() - room.record.createdAt);
  }

  command<K extends Exclude<CommandName, 'sync'>>(
    room: SessionRoom,
    actor: FacilitatorActor,
    name: K,
    payload: CommandInput<K>,
  ): Promise<Ack<CommandOk>> {
    return room.command(actor, name, payload) as Promise<Ack<CommandOk>>;
  }

  /**
   * Fire now, or when the stream's clock (ms since the session started, the overview's
   * `elapsedMs`) reaches `atMs`. Scheduling checks now what can be checked now (the incident
   * exists, the session runs), so a typo is refused at once, not later.
   */
  async incident(
    room: SessionRoom,
    actor: FacilitatorActor,
    incidentId: string,
    atMs?: number,
  ): Promise<Ack<CommandOk & { scheduledAtMs?: number }>> {
    const startedT = room.snapshot().startedT;
    if (atMs !== undefined && startedT === null && room.status !== 'ended')
      return fail(ErrorCode.INVALID_STATE, 'atMs: the session has not started; schedule once it runs');
    const t = (startedT ?? 0) + (atMs ?? 0);
    if (atMs === undefined || t <= this.timeOf(room)) return this.command(room, actor, 'incident.fire', { incidentId });
    if (!room.scenario.incidents.some((i) => i.id === incidentId))
      return fail(ErrorCode.NOT_FOUND, `incidentId: no incident "${incidentId}" in this scenario`);
    if (room.status === 'ended') return fail(ErrorCode.INVALID_STATE, 'the session has ended');
    if (room.snapshot().firedIncidents.includes(incidentId))
      return fail(ErrorCode.INVALID_STATE, `incidentId: "${incidentId}" has already fired`);
    // Recorded first: a schedule the recording does not have would not survive a restart.
    let seq: number;
    try {
      seq = await room.submit(actor, [draft.incidentScheduled(incidentId, atMs)]);
    } catch (err) {
      return fail(
        ErrorCode.STORE_FAILED,
        `incident: not recorded (${err instanceof Error ? err.message : 'store error'})`,
      );
    }
    this.keep(room.id, { incidentId, atMs, t, actor });
    return { ok: true, seq, scheduledAtMs: atMs };
  }

  private keep(sessionId: string, s: Scheduled): void {
    const list = (this.schedules.get(sessionId) ?? []).filter((x) => x.incidentId !== s.incidentId);
    list.push(s);
    this.schedules.set(sessionId, list);
  }

  /**
   * After a restart: every live room's `incident.scheduled` events that have not fired yet are
   * pending again (the latest schedule of an incident wins), on the same stream clock.
   */
  restore(): number {
    let n = 0;
    for (const room of this.deps.rooms.all()) {
      if (room.status === 'ended') continue;
      const state = room.snapshot();
      if (state.startedT === null) continue;
      const fired = new Set(state.firedIncidents);
      for (const e of this.deps.rooms.eventsOf(room.id)) {
        if (e.type !== 'incident.scheduled' || fired.has(e.incidentId)) continue;
        if (e.actor.role !== 'facilitator') continue;
        this.keep(room.id, {
          incidentId: e.incidentId,
          atMs: e.atMs,
          t: state.startedT + e.atMs,
          actor: { id: e.actor.id, role: 'facilitator', name: e.actor.name },
        });
      }
      n += this.schedules.get(room.id)?.length ?? 0;
    }
    return n;
  }

  /** Pending schedule of a session's incident, or null. */
  scheduledAt(sessionId: string, incidentId: string): number | null {
    return this.schedules.get(sessionId)?.find((s) => s.incidentId === incidentId)?.atMs ?? null;
  }

  /** Fire what is due (on a timer; tests with a manual clock call it). */
  async tick(): Promise<void> {
    for (const [sessionId, list] of this.schedules) {
      const room = this.deps.rooms.get(sessionId);
      if (!room || room.status === 'ended') {
        this.schedules.delete(sessionId);
        continue;
      }
      const now = this.timeOf(room);
      const due = list.filter((s) => s.t <= now);
      if (due.length === 0) continue;
      const rest = list.filter((s) => s.t > now);
      if (rest.length > 0) this.schedules.set(sessionId, rest);
      else this.schedules.delete(sessionId);
      for (const s of due) {
        // Already fired (by hand or by its own schedule): an incident fires once.
        if (room.snapshot().firedIncidents.includes(s.incidentId)) continue;
        const ack = await this.command(room, s.actor, 'incident.fire', { incidentId: s.incidentId });
        if (!ack.ok) this.deps.log(`session ${sessionId}: scheduled incident ${s.incidentId}: ${ack.message}`);
      }
    }
  }

  forget(sessionId: string): void {
    this.schedules.delete(sessionId);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.schedules.clear();
  }
}
