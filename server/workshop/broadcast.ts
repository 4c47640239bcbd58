/**
 * The wall's actions on every running room at once (issue 17 pt 2): a notice to all trainees,
 * pause or resume all, end all. Each is the room's own command with the facilitator as actor
 * (recorded, refused as over Socket.IO); a room that refuses is listed, the others go ahead.
 * The demo room is not a workshop room and is left alone; `cohortId` narrows to one cohort.
 */
import type { Ack, CommandOk } from '../../core/protocol.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import type { FacilitatorActor, LiveControl } from './live-control.js';
import type { WorkshopStore } from './workshop-store.js';

export type BulkAction = { kind: 'notice'; text: string } | { kind: 'pause'; paused: boolean } | { kind: 'end' };

export interface BulkResult {
  /** Rooms the action reached. */
  done: string[];
  /** Rooms that refused it, with the room's reason. */
  refused: Array<{ sessionId: string; code: string; message: string }>;
}

export async function broadcast(
  deps: { rooms: RoomRegistry; store: WorkshopStore; control: LiveControl },
  action: BulkAction,
  actor: FacilitatorActor,
  cohortId?: string,
): Promise<BulkResult> {
  const rooms = deps.rooms.all().filter((r) => {
    if (r.status === 'ended' || r.record.demo) return false;
    if (cohortId === undefined) return true;
    return deps.store.getAssignment(r.id)?.cohortId === cohortId;
  });
  // Pause applies to running streams only: a room still waiting for 开始直播 is not refused, skipped.
  const targets = action.kind === 'pause' ? rooms.filter((r) => r.status === 'live') : rooms;
  const acks = await Promise.all(targets.map((room) => one(deps.control, room, action, actor)));
  const out: BulkResult = { done: [], refused: [] };
  acks.forEach((ack, i) => {
    const id = targets[i]!.id;
    if (ack.ok) out.done.push(id);
    else out.refused.push({ sessionId: id, code: ack.code, message: ack.message });
  });
  return out;
}

function one(control: LiveControl, room: SessionRoom, a: BulkAction, actor: FacilitatorActor): Promise<Ack<CommandOk>> {
  switch (a.kind) {
    case 'notice':
      return control.command(room, actor, 'notice.send', { text: a.text });
    case 'pause':
      return control.command(room, actor, 'stream.pause', { paused: a.paused });
    case 'end':
      return control.command(room, actor, 'session.end', {});
  }
}
