/**
 * RoomTransport over Socket.IO: one Socket.IO room per (session, view), so a batch is viewed once
 * per view, not once per socket, and each socket is in exactly the channel of its view.
 */
import type { SessionEvent } from '../../core/events.js';
import { VIEWS, viewBatch, type View } from '../../core/views.js';
import type { RoomTransport, Seat } from '../rooms/room-transport.js';
import type { IoServer } from './socket-gateway.js';

export const viewChannel = (sessionId: string, view: View): string => `s:${sessionId}:${view}`;

export class SocketIoTransport implements RoomTransport {
  /** Every seat's view by id: `send` answers through the seat's own view. */
  private views = new Map<string, View>();

  constructor(private readonly io: IoServer) {}

  broadcast(sessionId: string, batch: readonly SessionEvent[]): void {
    for (const view of VIEWS) {
      const seen = viewBatch(view, batch);
      if (seen.length > 0) this.io.to(viewChannel(sessionId, view)).emit('events', seen);
    }
  }

  send(_sessionId: string, seatId: string, events: readonly SessionEvent[]): void {
    const view = this.views.get(seatId);
    if (!view) return;
    const seen = viewBatch(view, events);
    if (seen.length > 0) this.io.to(seatId).emit('events', seen);
  }

  seat(sessionId: string, seat: Seat): () => void {
    const socket = this.io.sockets.sockets.get(seat.id);
    if (!socket) return () => undefined;
    this.views.set(seat.id, seat.view);
    // Same turn as the join snapshot: no batch can slip between the snapshot and the subscription.
    void socket.join(viewChannel(sessionId, seat.view));
    return () => {
      this.views.delete(seat.id);
      void socket.leave(viewChannel(sessionId, seat.view));
    };
  }
}
