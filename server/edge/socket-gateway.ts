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
  COMMAND_ROLES,
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
import type { Router, RoutedRoom } from '../cluster/routed-room.js';
import { capConnectionsPerAddress } from './address-cap.js';

/** What a seat talks to: the room itself, or (several nodes) a handle that forwards to its owner. */
type RoomHandle = SessionRoom | RoutedRoom;
import { joinSnapshot } from '../rooms/join-snapshot.js';
import { ResumeTokens } from './resume-tokens.js';
import { isPlainObject, kindOf, MAY_OMIT, shortened, tooLarge } from './payload-checks.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface GatewayCounters {
  connections: number;
  unknownEvents: number;
  rateLimited: number;
  tooLarge: number;
  internalErrors: number;
  /** Connections closed for not joining in time. */
  idleClosed: number;
  /** Connections closed because their address had too many open. */
  overAddressCap: number;
}

const KNOWN = new Set<string>(['join', ...COMMAND_NAMES]);

export interface ConnectionLimits {
  /** A connection that has not joined a room within this many ms is closed. */
  joinTimeoutMs: number;
  /** Open connections per client address (IPv6: per /64); more are closed at once. */
  maxConnectionsPerAddress: number;
  /**
   * This machine's own connections are not capped: the demo room's and workshops' bots, the
   * bench's thousands of clients. (Behind a local proxy, --trust-proxy makes the real client count.)
   */
  exemptLoopback: boolean;
}

export const CONNECTION_LIMITS: ConnectionLimits = {
  joinTimeoutMs: 30_000,
  maxConnectionsPerAddress: 500,
  exemptLoopback: true,
};

export function attachGateway(
  io: IoServer,
  rooms: RoomRegistry,
  opts: {
    clock: Clock;
    rateLimit?: RateLimit;
    log: (m: string) => void;
    guard?: Guard;
    limits?: Partial<ConnectionLimits>;
    /** Several nodes (server/cluster): look every session up through the router, owned here or not. */
    router?: Router;
    /** Several nodes: resume tokens any node accepts (signed with the cluster's secret). */
    resumeSecret?: string;
  },
): GatewayCounters {
  const limits: ConnectionLimits = { ...CONNECTION_LIMITS, ...opts.limits };
  const counters: GatewayCounters = {
    connections: 0,
    unknownEvents: 0,
    rateLimited: 0,
    tooLarge: 0,
    internalErrors: 0,
    idleClosed: 0,
    overAddressCap: 0,
  };
  capConnectionsPerAddress(io, limits, counters, opts.guard);
  const resumes = new ResumeTokens(undefined, opts.resumeSecret);
  /** The connection holding each participant now: a resumed seat replaces the old one. */
  const holders = new Map<string, { socket: IoSocket; release(): void }>();
  const kickBlocked = (participantId: string): void => {
    const held = holders.get(participantId);
    if (!held) return;
    held.socket.emit('notice', { code: ErrorCode.FORBIDDEN, message: 'the host blocked you in this room' });
    held.socket.disconnect(true);
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
    const address = opts.guard
      ? opts.guard.clientAddress({ headers: socket.handshake.headers, socket: socket.request.socket })
      : socket.handshake.address;
    // `watching`: the console's invisible staff seat: no participant is recorded, so it is listed
    // nowhere (not among the room's viewers, not in director mode's list) and may only `sync`.
    let joined: { room: RoomHandle; actor: Actor & { role: Role }; view: View; watching: boolean } | null = null;
    let unseat: (() => void) | null = null;
    let joining = false;
    // Joining is what a connection is for: one that has not joined in time is closed.
    const idle = setTimeout(() => {
      if (joined || !socket.connected) return;
      counters.idleClosed++;
      socket.emit('notice', {
        code: ErrorCode.NOT_JOINED,
        message: `closed: no join within ${Math.round(limits.joinTimeoutMs / 1000)} s`,
      });
      socket.disconnect(true);
    }, limits.joinTimeoutMs);
    idle.unref();
    socket.once('disconnect', () => clearTimeout(idle));

    /** Socket.IO passes the ack as the last argument; a client may omit the payload or the ack. */
    const split = (args: unknown[]): { payload: unknown; reply: (a: Ack<object>) => void } => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (a: Ack<object>) => void) : null;
      const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
      const reply = (answer: Ack<object>) => {
        const a = shortened(answer);
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
      // Unknown events spend the same tokens as commands: a flood of them is not answered.
      if (!bucket.take()) {
        counters.rateLimited++;
        return;
      }
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
      | { room: RoomHandle; role: Role }
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
      const room = opts.router ? opts.router.bySession(sessionId) : rooms.get(sessionId);
      if (!room) return { error: ErrorCode.NOT_FOUND, message: `no live session "${sessionId}"` };
      if (room.status === 'ended') return { error: 'ended' };
      return { room, role };
    };

    const handleJoin = async (raw: unknown): Promise<Ack<JoinOk>> => {
      if (joined || joining) return fail(ErrorCode.ALREADY_JOINED, 'join: this connection has already joined');
      if (!isPlainObject(raw))
        return fail(ErrorCode.BAD_PAYLOAD, `join: expected a JSON object as the payload, got ${kindOf(raw)}`);
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
      let hit: ReturnType<typeof bySession> | ReturnType<RoomRegistry['byCode']> | ReturnType<Router['byCode']>;
      if (p.code !== undefined) {
        // A code is looked up only in this address's turn at the code gate: wrong codes make it
        // wait, a full queue is refused for a few seconds (server/auth/code-gate.ts).
        // Marked as joining while it waits: a second join on this connection is ALREADY_JOINED.
        joining = true;
        let ticket;
        try {
          ticket = opts.guard ? await opts.guard.codeGate.admit(address) : null;
        } finally {
          joining = false;
        }
        if (ticket && !ticket.ok)
          return fail(
            ErrorCode.RATE_LIMITED,
            `join: too many unknown join codes from this address; try again in ${ticket.retryAfter} s`,
          );
        hit = opts.router ? opts.router.byCode(p.code) : rooms.byCode(p.code);
        if (!('error' in hit) || hit.error === 'ended') ticket?.matched();
      } else hit = bySession(p.sessionId!, p.role!);
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
      // A resume token of this room and role brings the same participant back; the connection
      // that held it (if still open) lets go without a leave, so the seat stays online.
      const resumed = watching ? null : resumes.seat(p.resume, hit.room.id, hit.role);
      const participantId = resumed?.participantId ?? `${watching ? 'w' : 'p'}-${randomUUID().slice(0, 12)}`;
      // A viewer the host blocked (场控) stays out, resume token or not. A room owned by another
      // node has no state here until fetched (fetched again below, after the subscription).
      if ('refresh' in hit.room) await hit.room.refresh();
      if (hit.room.snapshot().hostTools.blocked.includes(participantId))
        return fail(ErrorCode.FORBIDDEN, 'join: the host blocked this seat in this room');
      const before = holders.get(participantId);
      if (before && before.socket !== socket) {
        before.release();
        before.socket.emit('notice', {
          code: ErrorCode.ALREADY_JOINED,
          message: 'this seat was resumed by another connection',
        });
        before.socket.disconnect(true);
      }
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
      if (!watching) {
        holders.set(participantId, {
          socket,
          release: () => {
            joined = null;
            unseat?.();
            unseat = null;
          },
        });
        socket.once('disconnect', () => {
          if (holders.get(participantId)?.socket === socket) holders.delete(participantId);
        });
      }
      const resumeToken = watching
        ? undefined
        : p.resume && resumed
          ? p.resume
          : resumes.issue({ sessionId: hit.room.id, participantId, role: hit.role });
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
      // A room owned by another node: its state comes over the network after the subscription,
      // so a batch in between reaches the client twice at most, which it drops by seq.
      if ('refresh' in hit.room) await hit.room.refresh();
      const snap = joinSnapshot(hit.room.snapshot());
      return {
        ok: true,
        sessionId: hit.room.id,
        participantId,
        role: hit.role,
        state: viewState(view, snap.state),
        participants: snap.participants,
        ...(resumeToken ? { resumeToken } : {}),
      };
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
        let body = payload;
        // The role is checked first (by the room): a command a role may not send is FORBIDDEN whatever it carries.
        if (COMMAND_ROLES[name].includes(actor.role)) {
          if (body === undefined && MAY_OMIT.has(name)) body = {};
          if (!isPlainObject(body)) {
            reply(fail(ErrorCode.BAD_PAYLOAD, `${name}: expected a JSON object as the payload, got ${kindOf(body)}`));
            return;
          }
        }
        room.command(actor, name as CommandName, body, view).then(
          (ack) => {
            reply(ack);
            // A blocked viewer is out of the room (场控): its connection on this node closes.
            if (ack.ok && name === 'viewer.block' && isPlainObject(body)) kickBlocked(String(body.viewerId).trim());
          },
          (err: unknown) => {
            counters.internalErrors++;
            opts.log(`${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
            reply(fail(ErrorCode.INTERNAL, `${name}: internal error`));
          },
        );
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
