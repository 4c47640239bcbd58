/** Real socket.io-client peers for integration tests, with helpers to send acked commands and wait for events. */
import { io, type Socket } from 'socket.io-client';
import type { Role, SessionEvent } from '../../core/events.js';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type JoinOk,
  type Notice,
  type ServerToClientEvents,
} from '../../core/protocol.js';

export type PeerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Peer {
  socket: PeerSocket;
  join: Extract<Ack<JoinOk>, { ok: true }>;
  /** Every event received in `events` batches, in arrival order. */
  events: SessionEvent[];
  notices: Notice[];
  /** Emit any event with an ack (untyped on purpose: tests send bad input too). */
  send(event: string, ...args: unknown[]): Promise<Ack<Record<string, unknown>>>;
  waitFor(pred: (e: SessionEvent) => boolean, timeoutMs?: number): Promise<SessionEvent>;
  close(): void;
}

export function connect(url: string): Promise<PeerSocket> {
  const socket: PeerSocket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function emitAck(
  socket: PeerSocket,
  event: string,
  args: unknown[],
  timeoutMs = 10_000,
): Promise<Ack<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket.emit as (ev: string, ...a: unknown[]) => void)(event, ...args, (ack: Ack<Record<string, unknown>>) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

export async function joinPeer(url: string, code: string, name: string, role?: Role): Promise<Peer> {
  const socket = await connect(url);
  const events: SessionEvent[] = [];
  const notices: Notice[] = [];
  const waiters: Array<{ pred: (e: SessionEvent) => boolean; resolve: (e: SessionEvent) => void }> = [];
  socket.on('events', (batch) => {
    for (const e of batch) {
      events.push(e);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i]!;
        if (w.pred(e)) {
          waiters.splice(i, 1);
          w.resolve(e);
        }
      }
    }
  });
  socket.on('notice', (n) => notices.push(n));
  const ack = await emitAck(socket, 'join', [
    { protocolVersion: PROTOCOL_VERSION, code, name, ...(role ? { role } : {}) },
  ]);
  if (!ack.ok) {
    socket.disconnect();
    throw new Error(`join refused: ${ack.code} ${ack.message}`);
  }
  return {
    socket,
    join: ack as unknown as Peer['join'],
    events,
    notices,
    send: (event, ...args) => emitAck(socket, event, args),
    waitFor(pred, timeoutMs = 10_000) {
      const hit = events.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`event not seen within ${timeoutMs} ms`));
          }
        }, timeoutMs);
      });
    },
    close: () => socket.disconnect(),
  };
}

/** Wait until `check` passes (polling), for conditions spread over several batches. */
export async function eventually(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Poll `get` until `ok` accepts its value and return that value (an HTTP answer, a store read);
 * past `ms` the error names `what` and shows the last value.
 */
export async function until<T>(
  what: string,
  get: () => Promise<T> | T,
  ok: (v: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
