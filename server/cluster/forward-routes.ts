/**
 * The owner's side of forwarding (routed-room.ts): POST /internal/cluster/rooms/ID with the
 * cluster secret (shared through the database) runs a non-owner's join, leave, command or snapshot
 * on the local room. 409 when this node does not own the room (the caller looks the owner up
 * again). Not for browsers: a proxy in front should not route /internal/ (docs/SCALING.md).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor, Role } from '../../core/events.js';
import type { CommandName } from '../../core/protocol.js';
import type { View } from '../../core/views.js';
import type { RoomRegistry } from '../rooms/room-registry.js';

export const FORWARD_PATH = '/internal/cluster/rooms/';
export const FORWARD_HEADER = 'x-branchcast-cluster';
const MAX_BODY = 256 * 1024;

export type ForwardOp =
  | { op: 'join'; participantId: string; role: Role; name: string }
  | { op: 'leave'; actor: Actor }
  | { op: 'command'; actor: Actor & { role: Role }; name: CommandName; raw: unknown; view: View }
  | { op: 'snapshot' };

const digest = (s: string) => createHash('sha256').update(s).digest();

export function forwardHandler(
  rooms: RoomRegistry,
  secret: string,
  log: (m: string) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const want = digest(secret);
  const answer = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return (req, res) => {
    if (!req.url?.startsWith(FORWARD_PATH)) return false;
    const given = req.headers[FORWARD_HEADER];
    if (req.method !== 'POST' || typeof given !== 'string' || !timingSafeEqual(digest(given), want)) {
      answer(res, 403, { error: 'FORBIDDEN' });
      return true;
    }
    const id = decodeURIComponent(req.url.slice(FORWARD_PATH.length));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        const room = rooms.get(id);
        if (!room) return answer(res, 409, { error: 'NOT_OWNER' });
        const op = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ForwardOp;
        if (op.op === 'join') return answer(res, 200, { seq: await room.join(op.participantId, op.role, op.name) });
        if (op.op === 'leave') return answer(res, 200, { seq: await room.leave(op.actor) });
        if (op.op === 'snapshot') return answer(res, 200, { state: room.snapshot() });
        return answer(res, 200, await room.command(op.actor, op.name, op.raw, op.view));
      })().catch((err: unknown) => {
        log(`forwarded call for ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) answer(res, 500, { error: 'INTERNAL' });
      });
    });
    return true;
  };
}
