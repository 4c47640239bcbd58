/**
 * An in-memory socket pair for the sync path, with the network in the test's hands: every frame
 * (an `events` batch, a command, an ack) waits in a queue until the test delivers, delays,
 * reorders or drops it, and a link can be cut and restored (a reconnect). The client end looks
 * enough like socket.io-client's Socket for the real SessionClient (client/src/net); the server end
 * is a small gateway over the real room authority (RoomRegistry, SessionRoom) and a RoomTransport
 * that delivers through these links, each seat through its view. Frames go through JSON, as on
 * the wire. The gateway's edge checks (rate limit, sizes, credentials) are tested over real
 * Socket.IO in test/integration; this is for convergence (test/integration/sync-fuzz.test.ts).
 */
import type { Actor, Role, SessionEvent } from '../../core/events.js';
import { ErrorCode, fail, type Ack, type CommandName, type JoinOk } from '../../core/protocol.js';
import { viewBatch, viewOf, viewState, type View } from '../../core/views.js';
import type { RoomRegistry } from '../../server/rooms/room-registry.js';
import type { RoomTransport, Seat } from '../../server/rooms/room-transport.js';
import type { SessionRoom } from '../../server/rooms/session-room.js';
import type { TypedSocket } from '../../client/src/net/socket.js';

type Handler = (...args: unknown[]) => void;

/** One frame in flight. `drop` is false for frames a TCP connection would never lose alone. */
export interface Frame {
  link: MemoryLink;
  toServer: boolean;
  droppable: boolean;
  deliver: () => void;
}

const wire = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** The network: every link's frames in one list the test picks from. */
export class MemoryNetwork {
  readonly inFlight: Frame[] = [];
  private nextLink = 0;
  readonly transport: MemoryTransport;

  constructor(readonly gateway: MemoryGateway) {
    this.transport = gateway.transport;
    gateway.attach(this);
  }

  /** A client socket factory for `new SessionClient(store, url, network.socketFactory())`. */
  socketFactory(): () => TypedSocket {
    return () => new MemoryClientSocket(this, `m-${++this.nextLink}`) as unknown as TypedSocket;
  }

  /** Deliver the frame at index i (in any order: reordering is picking one that is not first). */
  deliver(i: number): void {
    const [f] = this.inFlight.splice(i, 1);
    if (f && f.link.up) f.deliver();
  }

  /** Lose the frame at index i (only `droppable` ones are ever lost without a cut). */
  drop(i: number): void {
    this.inFlight.splice(i, 1);
  }

  links(): MemoryLink[] {
    return [...this.gateway.links.values()];
  }
}

/** A connection between one client socket and the gateway. */
export interface MemoryLink {
  id: string;
  up: boolean;
  client: MemoryClientSocket;
  /** Set by the gateway once joined. */
  joined: { room: SessionRoom; actor: Actor & { role: Role }; view: View } | null;
}

export class MemoryClientSocket {
  connected = false;
  private handlers = new Map<string, Set<Handler>>();
  private acks = new Map<number, (a: unknown) => void>();
  private nextAck = 0;
  private link: MemoryLink | null = null;
  private closedByUser = false;
  readonly io = { removeAllListeners: () => undefined };

  constructor(
    private net: MemoryNetwork,
    readonly id: string,
  ) {}

  on(ev: string, fn: Handler): this {
    let set = this.handlers.get(ev);
    if (!set) this.handlers.set(ev, (set = new Set()));
    set.add(fn);
    return this;
  }
  off(ev: string, fn?: Handler): this {
    if (fn) this.handlers.get(ev)?.delete(fn);
    else this.handlers.delete(ev);
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  /** Fire a local event (connect, disconnect, events) on this end. */
  fire(ev: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(ev) ?? [])]) fn(...args);
  }

  connect(): this {
    this.closedByUser = false;
    queueMicrotask(() => this.open());
    return this;
  }
  close(): this {
    this.closedByUser = true;
    this.cut('io client disconnect');
    return this;
  }
  disconnect(): this {
    return this.close();
  }

  /** The network comes back: a new link, as socket.io-client's reconnection makes. */
  open(): void {
    if (this.connected || this.closedByUser) return;
    this.link = this.net.gateway.accept(this);
    this.connected = true;
    this.fire('connect');
  }

  /** The connection breaks: in-flight frames of this link are lost, pending acks fail. */
  cut(reason = 'transport close'): void {
    if (!this.connected || !this.link) return;
    this.connected = false;
    this.net.gateway.hangUp(this.link);
    this.link = null;
    const pending = [...this.acks.values()];
    this.acks.clear();
    for (const resolve of pending) resolve({ ok: false, code: 'TIMEOUT', message: 'connection lost' });
    this.fire('disconnect', reason);
  }

  timeout(_ms: number): { emitWithAck: (ev: string, payload: unknown) => Promise<unknown> } {
    return { emitWithAck: (ev, payload) => this.emitWithAck(ev, payload) };
  }

  emitWithAck(ev: string, payload: unknown): Promise<unknown> {
    const link = this.link;
    if (!link) return Promise.resolve({ ok: false, code: 'TIMEOUT', message: 'not connected' });
    const n = ++this.nextAck;
    return new Promise((resolve) => {
      this.acks.set(n, resolve);
      const sent = wire(payload);
      this.net.inFlight.push({
        link,
        toServer: true,
        droppable: false,
        deliver: () =>
          void this.net.gateway.handle(link, ev, sent).then((ack) => {
            if (!link.up) return;
            const answer = wire(ack);
            this.net.inFlight.push({
              link,
              toServer: false,
              droppable: false,
              deliver: () => {
                const r = this.acks.get(n);
                this.acks.delete(n);
                r?.(answer);
              },
            });
          }),
      });
    });
  }
}

/** RoomTransport over memory links: each seat's frames are queued on its link, through its view. */
export class MemoryTransport implements RoomTransport {
  readonly seats = new Map<string, Map<string, Seat>>();
  constructor(private readonly queue: (seatId: string, batch: SessionEvent[]) => void) {}

  broadcast(sessionId: string, batch: readonly SessionEvent[]): void {
    for (const seat of this.seats.get(sessionId)?.values() ?? []) this.send(sessionId, seat.id, batch);
  }
  send(sessionId: string, seatId: string, events: readonly SessionEvent[]): void {
    const seat = this.seats.get(sessionId)?.get(seatId);
    if (!seat) return;
    const seen = viewBatch(seat.view, events);
    if (seen.length > 0) this.queue(seatId, seen);
  }
  seat(sessionId: string, seat: Seat): () => void {
    let m = this.seats.get(sessionId);
    if (!m) this.seats.set(sessionId, (m = new Map()));
    m.set(seat.id, seat);
    return () => m.delete(seat.id);
  }
}

/**
 * The server end: join by code, commands and sync through the room, leave on a cut. Mirrors
 * server/edge/socket-gateway.ts's join → snapshot → seat order (same turn, so no batch slips
 * between the snapshot and the subscription).
 */
export class MemoryGateway {
  readonly links = new Map<string, MemoryLink>();
  readonly transport: MemoryTransport;
  private net: MemoryNetwork | null = null;
  private nextId = 0;
  private unseat = new Map<string, () => void>();
  /** Test toggle: answer `sync` from one event too far on (a broken resync the fuzz must catch). */
  brokenSync = false;
  /** `sync` requests answered (the fuzz checks that gaps were really filled this way). */
  syncs = 0;

  constructor(private rooms: () => RoomRegistry) {
    this.transport = new MemoryTransport((seatId, batch) => {
      const link = this.links.get(seatId);
      if (!link?.up || !this.net) return;
      const frame = wire(batch);
      this.net.inFlight.push({
        link,
        toServer: false,
        droppable: true,
        deliver: () => link.client.fire('events', frame),
      });
    });
  }

  attach(net: MemoryNetwork): void {
    this.net = net;
  }

  accept(client: MemoryClientSocket): MemoryLink {
    const link: MemoryLink = { id: `${client.id}.${++this.nextId}`, up: true, client, joined: null };
    this.links.set(link.id, link);
    return link;
  }

  hangUp(link: MemoryLink): void {
    link.up = false;
    this.links.delete(link.id);
    this.unseat.get(link.id)?.();
    this.unseat.delete(link.id);
    if (link.joined) void link.joined.room.leave(link.joined.actor).catch(() => undefined);
    link.joined = null;
  }

  async handle(link: MemoryLink, ev: string, payload: unknown): Promise<Ack<object>> {
    if (!link.up) return fail(ErrorCode.INVALID_STATE, 'gone');
    if (ev === 'join') return this.join(link, payload as { code: string; name: string });
    if (!link.joined) return fail(ErrorCode.NOT_JOINED, `${ev}: join a session first`);
    const { room, actor, view } = link.joined;
    if (ev === 'sync') this.syncs++;
    if (ev === 'sync' && this.brokenSync) {
      const since = (payload as { sinceSeq: number }).sinceSeq;
      return room.command(actor, 'sync', { sinceSeq: since + 1 }, view);
    }
    return room.command(actor, ev as CommandName, payload, view);
  }

  private async join(link: MemoryLink, p: { code: string; name: string }): Promise<Ack<JoinOk>> {
    if (link.joined) return fail(ErrorCode.ALREADY_JOINED, 'join: already joined');
    const hit = this.rooms().byCode(p.code);
    if ('error' in hit) return fail(ErrorCode.BAD_CODE, 'join: unknown join code');
    const participantId = `p-${link.id}`;
    await hit.room.join(participantId, hit.role, p.name);
    if (!link.up) {
      void hit.room.leave({ id: participantId, role: hit.role, name: p.name });
      return fail(ErrorCode.INVALID_STATE, 'join: disconnected while joining');
    }
    const view = viewOf(hit.role);
    link.joined = { room: hit.room, actor: { id: participantId, role: hit.role, name: p.name }, view };
    this.unseat.set(link.id, this.transport.seat(hit.room.id, { id: link.id, view }));
    return {
      ok: true,
      sessionId: hit.room.id,
      participantId,
      role: hit.role,
      state: viewState(view, hit.room.snapshot()),
    };
  }
}
