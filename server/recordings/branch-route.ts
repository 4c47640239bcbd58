/**
 * `POST /api/sessions/:id/branch { seq }` — retry from a moment (docs/SPEC.md RP8, issue 12 pt 7):
 * opens the branch, hands the recording up to the branch point to whoever continues its audience
 * (server/workshop/retry-audience.ts), and answers with the new session and only the codes the
 * caller may see (a trainee gets their own; docs/ACCESS.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SessionEvent } from '../../core/events.js';
import { fold } from '../../core/session.js';
import type { RouteContext } from '../auth/route-context.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { RecordingStore } from '../store/recording-store.js';

/** Who was watching at the branch point: the bots online then, and the recording that says who they were. */
export interface BranchAudience {
  parentSessionId: string;
  viewers: number;
  /** The parent's events 1..atSeq: the retry's audience is folded from them (core/audience/restore.ts). */
  events: readonly SessionEvent[];
  /** The original audience's last recorded size and rate (`audience.configured`), if any. */
  count: number | null;
  ratePerMinute: number | null;
}

export interface BranchRouteDeps {
  store: RecordingStore;
  rooms: Pick<RoomRegistry, 'createBranch'>;
  /** Called with the branched room and who was watching at the branch point, once it exists. */
  onBranch?: (room: SessionRoom, audience: BranchAudience) => Promise<void>;
}

const BranchBody = z.strictObject({ seq: z.number({ error: 'expected an integer' }).int('expected an integer') });

/** Answers the branch request (the caller has checked that the principal may branch this session). */
export async function branchRoute(
  req: IncomingMessage,
  res: ServerResponse,
  sessionId: string,
  deps: BranchRouteDeps,
  ctx: RouteContext,
): Promise<void> {
  const { store } = deps;
  const { send, principal } = ctx;
  const body = await ctx.readJson(req, BranchBody, 1024);
  if (!body) return;
  const seq = body.seq;
  const room = await deps.rooms.createBranch(sessionId, seq);
  if ('error' in room) {
    send(res, room.error === 'NOT_FOUND' ? 404 : room.error === 'ENDED' ? 409 : 400, {
      error: room.error === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_PAYLOAD',
      message: room.message,
    });
    return;
  }
  const upTo = store.readEvents(sessionId, 1, seq);
  const atBranch = fold(upTo);
  const viewers = Object.values(atBranch.participants).filter((p) => p.online && p.role === 'bot').length;
  await deps.onBranch?.(room, {
    parentSessionId: sessionId,
    viewers,
    events: upTo,
    count: atBranch.audienceTarget?.count ?? null,
    ratePerMinute: atBranch.audienceTarget?.ratePerMinute ?? null,
  });
  send(res, 201, {
    sessionId: room.id,
    parentSessionId: sessionId,
    atSeq: seq,
    lastSeq: room.snapshot().lastSeq,
    viewers,
    // A trainee's screen never shows another role's code: they get their own only.
    codes: principal.kind === 'facilitator' ? room.record.codes : { trainee: room.record.codes.trainee },
  });
  return;
}
