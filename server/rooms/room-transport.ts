/**
 * The seam between the room authority (SessionRoom, RoomRegistry) and whatever carries frames to
 * peers: Socket.IO in production (server/edge/socketio-transport.ts), an in-memory pair in tests
 * (test/harness/memory-socket.ts), later a pub/sub bus between nodes. The room only says "this
 * durable batch, to everyone of this session" or "these events, to this one seat"; the transport
 * applies each seat's view (core/views.ts), so a staff-only field cannot reach a trainee's socket
 * whatever the UI does.
 */
import type { SessionEvent } from '../../core/events.js';
import type { View } from '../../core/views.js';

/** One receiving end of a session: a socket, an in-memory peer, a remote node's subscriber. */
export interface Seat {
  /** Unique within the transport (Socket.IO: the socket id). */
  id: string;
  view: View;
}

export interface RoomTransport {
  /** Every seat of the session gets the batch through its view (views with nothing to show get no frame). */
  broadcast(sessionId: string, batch: readonly SessionEvent[]): void;
  /** One seat gets these events through its view. */
  send(sessionId: string, seatId: string, events: readonly SessionEvent[]): void;
  /** Start delivering the session's broadcasts to this seat; returns the function that stops it. */
  seat(sessionId: string, seat: Seat): () => void;
}

/** Run work later, off the current call: the room's flush timer. Tests pass a manual one. */
export interface Scheduler {
  /** After `ms` (0: at the end of this I/O turn, after what is already queued). */
  later(ms: number, fn: () => void): void;
}

export const systemScheduler: Scheduler = {
  later(ms, fn) {
    if (ms > 0) setTimeout(fn, ms);
    else setImmediate(fn);
  },
};

/** A scheduler that runs nothing until told: `runAll()` drains it (tests and the simulator). */
export class ManualScheduler implements Scheduler {
  private queue: Array<() => void> = [];
  later(_ms: number, fn: () => void): void {
    this.queue.push(fn);
  }
  get size(): number {
    return this.queue.length;
  }
  /** Run queued work, including work queued while running, until nothing is left. */
  runAll(): void {
    while (this.queue.length > 0) this.queue.shift()!();
  }
}
