/**
 * A room as a node's gateway sees it when several nodes share the rooms (docs/SCALING.md,
 * "Clients on any node"): the local SessionRoom when this node owns it, else the owner over
 * HTTP (forward-routes.ts). We forward rather than redirect: a client behind a load balancer
 * cannot pick its node, and broadcasts reach it through the Redis adapter wherever it is. The
 * owner is looked up per call (cached for a second), so after a takeover the next command goes to
 * the new owner; a participant whose seat the takeover marked as left is joined again first, under
 * the same id, before its command.
 */
import type { Actor, Role } from '../../core/events.js';
import { ErrorCode, fail, type Ack, type CommandName, type CommandOk, type SyncOk } from '../../core/protocol.js';
import type { SessionState } from '../../core/session.js';
import type { View } from '../../core/views.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { Leases } from './leases.js';
import { FORWARD_HEADER, FORWARD_PATH, type ForwardOp } from './forward-routes.js';

export interface RoutingDeps {
  rooms: RoomRegistry;
  leases: Leases;
  /** The epoch this node holds a room at (its ClusterNode), if it owns it. */
  epochOf: (sessionId: string) => number | undefined;
  secret: string;
}

type Where = { local: SessionRoom; epoch: number } | { url: string; epoch: number };

const OWNER_CACHE_MS = 1000;
const FORWARD_TIMEOUT_MS = 10_000;

/** Thrown when no node holds the room right now (between an owner's death and the takeover). */
class NoOwner extends Error {}

export class RoutedRoom {
  private cached: SessionState | null = null;
  private owner: { url: string; epoch: number; until: number } | null = null;
  /** Who this handle joined, and under which owner epoch (a new epoch means join again). */
  private seat: { id: string; role: Role; name: string; epoch: number } | null = null;

  constructor(
    readonly id: string,
    private readonly deps: RoutingDeps,
  ) {}

  get status(): SessionState['status'] {
    return this.deps.rooms.get(this.id)?.status ?? this.cached?.status ?? 'live';
  }

  private where(): Where {
    const local = this.deps.rooms.get(this.id);
    const epoch = this.deps.epochOf(this.id);
    if (local && epoch !== undefined) return { local, epoch };
    const now = Date.now();
    if (!this.owner || this.owner.until < now) {
      const o = this.deps.leases.ownerOf(this.id);
      if (!o || !o.url || o.owner === this.deps.leases.nodeId) throw new NoOwner();
      this.owner = { url: o.url, epoch: o.epoch, until: now + OWNER_CACHE_MS };
    }
    return { url: this.owner.url, epoch: this.owner.epoch };
  }

  private async post<T>(url: string, op: ForwardOp): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${url}${FORWARD_PATH}${encodeURIComponent(this.id)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FORWARD_HEADER]: this.deps.secret },
        body: JSON.stringify(op),
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch {
      this.owner = null;
      throw new NoOwner();
    }
    if (res.status === 409) {
      // That node no longer owns the room: look the owner up again next time.
      this.owner = null;
      throw new NoOwner();
    }
    if (!res.ok) throw new Error(`owner answered ${res.status}`);
    return (await res.json()) as T;
  }

  /** Join again under a new owner epoch (the takeover marked everyone left). */
  private async ensureSeat(w: Where): Promise<void> {
    const s = this.seat;
    if (!s || s.epoch === w.epoch) return;
    s.epoch = w.epoch;
    if ('local' in w) await w.local.join(s.id, s.role, s.name);
    else await this.post(w.url, { op: 'join', participantId: s.id, role: s.role, name: s.name });
  }

  async join(participantId: string, role: Role, name: string): Promise<number> {
    const w = this.where();
    this.seat = { id: participantId, role, name, epoch: w.epoch };
    if ('local' in w) return w.local.join(participantId, role, name);
    const r = await this.post<{ seq: number }>(w.url, { op: 'join', participantId, role, name });
    return r.seq;
  }

  async leave(actor: Actor): Promise<number> {
    this.seat = null;
    try {
      const w = this.where();
      if ('local' in w) return await w.local.leave(actor);
      return (await this.post<{ seq: number }>(w.url, { op: 'leave', actor })).seq;
    } catch {
      // No owner now: the takeover marks everyone left anyway.
      return 0;
    }
  }

  async command(
    actor: Actor & { role: Role },
    name: CommandName,
    raw: unknown,
    view: View,
  ): Promise<Ack<CommandOk | SyncOk>> {
    try {
      const w = this.where();
      await this.ensureSeat(w);
      if ('local' in w) return await w.local.command(actor, name, raw, view);
      return await this.post<Ack<CommandOk | SyncOk>>(w.url, { op: 'command', actor, name, raw, view });
    } catch (err) {
      if (!(err instanceof NoOwner)) throw err;
      return fail(ErrorCode.STORE_FAILED, `${name}: not recorded: the room is moving to another node; try again`);
    }
  }

  /** Before a join ack: the owner's durable state (a local room needs nothing). */
  async refresh(): Promise<void> {
    const w = this.where();
    if ('local' in w) return;
    this.cached = (await this.post<{ state: SessionState }>(w.url, { op: 'snapshot' })).state;
  }

  snapshot(): SessionState {
    const local = this.deps.rooms.get(this.id);
    if (local) return local.snapshot();
    if (!this.cached) throw new Error(`session ${this.id}: no snapshot fetched`);
    return this.cached;
  }
}

/** The gateway's lookups in cluster mode: any live session, owned here or elsewhere. */
export class Router {
  constructor(
    private readonly deps: RoutingDeps & {
      store: { findByCode(code: string): { sessionId: string; role: Role } | undefined } & {
        getSession(id: string): { status: 'live' | 'ended' } | undefined;
      };
    },
  ) {}

  bySession(sessionId: string): RoutedRoom | null {
    const s = this.deps.store.getSession(sessionId);
    return s && s.status === 'live' ? new RoutedRoom(sessionId, this.deps) : null;
  }

  byCode(code: string): { room: RoutedRoom; role: Role } | { error: 'unknown' | 'ended' } {
    const hit = this.deps.store.findByCode(code);
    if (!hit) return { error: 'unknown' };
    const room = this.bySession(hit.sessionId);
    return room ? { room, role: hit.role } : { error: 'ended' };
  }
}
