/**
 * Socket.IO edge: join, per-connection rate limit, payload size cap, unknown events, and handing
 * commands to the room. One misbehaving client only ever gets error acks or notices; nothing it
 * sends can throw into the room or reach other peers. Who may join what (docs/ACCESS.md): a code
 * opens its own room in its own role; a facilitator's login cookie on the handshake opens any room
 * as facilitator or observer; the server's bot token any room as a bot. What a joined role may
 * send is COMMAND_ROLES (core/protocol.ts), checked by the room.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { Actor, Role } from '../../core/events.js';
import {
  COMMAND_NAMES,
  ErrorCode,
  JoinPayload,
  MAX_PAYLOAD_BYTES,
  PROTOCOL_VERSION,
  fail,
  type Ack,
  type ClientToServerEvents,
  type CommandName,
  type JoinOk,
  type ServerToClientEvents,
} from '../../core/protocol.js';
import { formatPath } from '../../core/scenario.js';
import { viewOf, viewState, type View } from '../../core/views.js';
import { cookieSessionId, type Guard } from '../auth/guard.js';
import type { Clock } from '../rooms/clock.js';
import { securityHeaders } from './http.js';
import { DEFAULT_RATE_LIMIT, TokenBucket, type RateLimit } from '../rooms/rate-limit.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface GatewayCounters {
  connections: number;
  unknownEvents: number;
  rateLimited: number;
  tooLarge: number;
  internalErrors: number;
}

const KNOWN = new Set<string>(['join', ...COMMAND_NAMES]);

/** Size of a payload as JSON text, stopping early once over the cap. */
function tooLarge(payload: unknown): boolean {
  if (payload === undefined || payload === null) return false;
  if (typeof payload === 'string') return payload.length > MAX_PAYLOAD_BYTES;
  try {
    return JSON.stringify(payload).length > MAX_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

export function attachGateway(
  io: IoServer,
  rooms: RoomRegistry,
  opts: { clock: Clock; rateLimit?: RateLimit; log: (m: string) => void; guard?: Guard },
): GatewayCounters {
  const counters: GatewayCounters = {
    connections: 0,
    unknownEvents: 0,
    rateLimited: 0,
    tooLarge: 0,
    internalErrors: 0,
  };
  const limit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const forceSecure = opts.guard?.deps.secureCookies ?? false;
  // The polling transport's answers are Socket.IO's own: give them the same security headers.
  io.engine.on('initial_headers', (headers: Record<string, string>, req: IncomingMessage) => {
    Object.assign(headers, securityHeaders(req, forceSecure));
  });
  io.engine.on('headers', (headers: Record<string, string>, req: IncomingMessage) => {
    Object.assign(headers, securityHeaders(req, forceSecure));
  });

  // Seats taken on the strength of a facilitator's login (a join by sessionId), by that login's
  // cookie session id: logging out ends them, so a logout is not undone by a socket left open.
  const seatsByLogin = new Map<string, Set<IoSocket>>();
  opts.guard?.auth.onLogout((loginId) => {
    const seats = seatsByLogin.get(loginId);
    if (!seats) return;
    seatsByLogin.delete(loginId);
    for (const s of seats) {
      s.emit('notice', { code: ErrorCode.UNAUTHENTICATED, message: 'logged out: this seat was opened by that login' });
      s.disconnect(true);
    }
  });

  io.on('connection', (socket: IoSocket) => {
    counters.connections++;
    // Read once: a cookie or token is what the handshake carried, not what arrives later.
    const creds = opts.guard?.principalOfHandshake(socket.handshake) ?? { facilitator: null, botToken: false };
    const bucket = new TokenBucket(limit, opts.clock);
    // `watching`: the console's invisible staff seat: no participant is recorded, so it is listed
    // nowhere (not among the room's viewers, not in director mode's list) and may only `sync`.
    let joined: { room: SessionRoom; actor: Actor & { role: Role }; view: View; watching: boolean } | null = null;
    let unseat: (() => void) | null = null;
    let joining = false;

    /** Socket.IO passes the ack as the last argument; a client may omit the payload or the ack. */
    const split = (args: unknown[]): { payload: unknown; reply: (a: Ack<object>) => void } => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (a: Ack<object>) => void) : null;
      const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
      const reply = (a: Ack<object>) => {
        if (ack) ack(a);
        else if (!a.ok) socket.emit('notice', { code: a.code, message: a.message });
      };
      return { payload, reply };
    };

    /** Edge checks shared by every event; returns false if the event was answered already. */
    const admit = (event: string, payload: unknown, reply: (a: Ack<object>) => void): boolean => {
      if (!bucket.take()) {
        counters.rateLimited++;
        reply(fail(ErrorCode.RATE_LIMITED, `${event}: too many commands; at most ${limit.perSecond}/s`));
        return false;
      }
      if (tooLarge(payload)) {
        counters.tooLarge++;
        reply(fail(ErrorCode.TOO_LARGE, `${event}: payload over ${MAX_PAYLOAD_BYTES} bytes`));
        return false;
      }
      return true;
    };

    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN.has(event)) return;
      counters.unknownEvents++;
      const { reply } = split(args);
      reply(fail(ErrorCode.UNKNOWN_COMMAND, `unknown event "${String(event).slice(0, 64)}"`));
    });

    socket.on('join', (...args: unknown[]) => {
      const { payload, reply } = split(args);
      if (!admit('join', payload, reply)) return;
      void handleJoin(payload).then(reply, (err: unknown) => {
        counters.internalErrors++;
        opts.log(`join failed: ${err instanceof Error ? err.stack : String(err)}`);
        reply(fail(ErrorCode.INTERNAL, 'join: internal error'));
      });
    });

    /** A join by sessionId: allowed by the handshake's credentials, never by the payload alone. */
    const bySession = (
      sessionId: string,
      role: Role,
    ):
      | { room: SessionRoom; role: Role }
      | { error: 'ended' }
      | {
          error: typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN | typeof ErrorCode.NOT_FOUND;
          message: string;
        } => {
      if (role === 'facilitator' || role === 'observer') {
        if (!creds.facilitator)
          return {
            error: ErrorCode.UNAUTHENTICATED,
            message: `joining as ${role} by sessionId needs a facilitator login`,
          };
      } else if (role === 'bot') {
        if (!creds.botToken)
          return {
            error: ErrorCode.UNAUTHENTICATED,
            message: 'joining as a bot by sessionId needs the server bot token',
          };
      } else {
        return { error: ErrorCode.FORBIDDEN, message: `a ${role} joins with the room's ${role} code` };
      }
      const room = rooms.get(sessionId);
      if (!room) return { error: ErrorCode.NOT_FOUND, message: `no live session "${sessionId}"` };
      if (room.status === 'ended') return { error: 'ended' };
      return { room, role };
    };

    const handleJoin = async (raw: unknown): Promise<Ack<JoinOk>> => {
      if (joined || joining) return fail(ErrorCode.ALREADY_JOINED, 'join: this connection has already joined');
      const parsed = JoinPayload.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        return fail(ErrorCode.BAD_PAYLOAD, `join: ${i ? formatPath(i.path) : '(root)'}: ${i?.message ?? 'invalid'}`);
      }
      const p = parsed.data;
      if (p.protocolVersion !== PROTOCOL_VERSION) {
        return fail(
          ErrorCode.VERSION_MISMATCH,
          `join: protocol ${p.protocolVersion} is not supported; this server speaks ${PROTOCOL_VERSION}`,
        );
      }
      const address = socket.handshake.address;
      if (p.code !== undefined && opts.guard) {
        const wait = opts.guard.codeGuessWait(address);
        if (wait > 0) return fail(ErrorCode.RATE_LIMITED, `join: too many unknown join codes; try again in ${wait} s`);
      }
      const hit = p.code !== undefined ? rooms.byCode(p.code) : bySession(p.sessionId!, p.role!);
      if (p.code !== undefined && 'error' in hit && !('message' in hit) && hit.error !== 'ended')
        opts.guard?.codeGuessFailed(address);
      if ('error' in hit) {
        if ('message' in hit) return fail(hit.error, `join: ${hit.message}`);
        return hit.error === 'ended'
          ? fail(ErrorCode.INVALID_STATE, 'join: that session has ended')
          : fail(ErrorCode.BAD_CODE, 'join: unknown join code');
      }
      if (p.role && p.role !== hit.role) return fail(ErrorCode.BAD_CODE, `join: that code is not a ${p.role} code`);
      const watching = p.watch === true;
      if (watching && (hit.role !== 'observer' || !creds.facilitator))
        return fail(
          ErrorCode.UNAUTHENTICATED,
          'join: watching without a seat needs a facilitator login and the observer role',
        );
      const participantId = `${watching ? 'w' : 'p'}-${randomUUID().slice(0, 12)}`;
      if (!watching) {
        joining = true;
        try {
          await hit.room.join(participantId, hit.role, p.name);
        } finally {
          joining = false;
        }
        if (!socket.connected) {
          void hit.room.leave({ id: participantId, role: hit.role, name: p.name });
          return fail(ErrorCode.INVALID_STATE, 'join: disconnected while joining');
        }
      }
      const view = viewOf(hit.role, watching);
      joined = { room: hit.room, actor: { id: participantId, role: hit.role, name: p.name }, view, watching };
      if (p.code === undefined && creds.facilitator) {
        const loginId = cookieSessionId(socket.handshake.headers.cookie);
        if (loginId) {
          let seats = seatsByLogin.get(loginId);
          if (!seats) seatsByLogin.set(loginId, (seats = new Set()));
          seats.add(socket);
          socket.once('disconnect', () => {
            seats.delete(socket);
            if (seats.size === 0 && seatsByLogin.get(loginId) === seats) seatsByLogin.delete(loginId);
          });
        }
      }
      // Same turn as the snapshot: no batch can slip between the snapshot and the subscription.
      unseat = rooms.transport.seat(hit.room.id, { id: socket.id, view });
      const state = viewState(view, hit.room.snapshot());
      return { ok: true, sessionId: hit.room.id, participantId, role: hit.role, state };
    };

    for (const name of COMMAND_NAMES) {
      socket.on(name, (...args: unknown[]) => {
        const { payload, reply } = split(args);
        if (!admit(name, payload, reply)) return;
        if (!joined) {
          reply(fail(ErrorCode.NOT_JOINED, `${name}: join a session first`));
          return;
        }
        const { room, actor, view } = joined;
        room.command(actor, name as CommandName, payload, view).then(reply, (err: unknown) => {
          counters.internalErrors++;
          opts.log(`${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
          reply(fail(ErrorCode.INTERNAL, `${name}: internal error`));
        });
      });
    }

    socket.on('disconnect', () => {
      unseat?.();
      unseat = null;
      if (!joined) return;
      const { room, actor, watching } = joined;
      joined = null;
      if (!watching) room.leave(actor).catch(() => undefined);
    });
  });

  return counters;
}
