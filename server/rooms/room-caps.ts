/**
 * How many rooms may be open at once (docs/ACCESS.md, "Bounds"): per server, and per facilitator
 * who opened them. Without a cap, 300 rooms made in a loop all stayed "live" across restarts.
 * Who opened a room is kept in memory: after a restart resumed rooms count towards the server's
 * total only.
 */
import type { RoomRegistry } from './room-registry.js';

export interface RoomLimits {
  /** Open rooms on this server (the demo room aside). */
  maxRooms: number;
  /** Open rooms one facilitator account has opened. */
  maxRoomsPerFacilitator: number;
}

export const ROOM_LIMITS: RoomLimits = { maxRooms: 200, maxRoomsPerFacilitator: 20 };

export class RoomCaps {
  private owners = new Map<string, string>();

  constructor(
    private rooms: Pick<RoomRegistry, 'all'>,
    readonly limits: RoomLimits = ROOM_LIMITS,
  ) {}

  /** Why `facilitatorId` may not open another room now, or null if it may. */
  refusal(facilitatorId: string): string | null {
    const open = this.rooms.all().filter((r) => r.status !== 'ended' && !r.record.demo);
    if (open.length >= this.limits.maxRooms)
      return `sessions: this server has ${open.length} open sessions, its limit (${this.limits.maxRooms}); end one first`;
    const mine = open.filter((r) => this.owners.get(r.id) === facilitatorId).length;
    if (mine >= this.limits.maxRoomsPerFacilitator)
      return `sessions: you have ${mine} open sessions, the limit per facilitator (${this.limits.maxRoomsPerFacilitator}); end one first`;
    return null;
  }

  own(sessionId: string, facilitatorId: string): void {
    this.owners.set(sessionId, facilitatorId);
  }
}
