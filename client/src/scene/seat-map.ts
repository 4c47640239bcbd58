/**
 * Which viewer sits where. Each online viewer (bot or observer) keeps one seat for as long as it
 * stays, so reactions (a raised hand, leaning away) and the host's gaze land on the right person,
 * and a viewer who leaves walks out of *their* seat instead of the last one vanishing. A freed
 * seat is reused by the next arrival (lowest seat first: front rows, centre outwards).
 *
 * Updated from store subscriptions when participants change (joins and leaves), never per frame;
 * per-frame code only reads `slotOf` (a Map lookup) and the seat coordinates.
 */
import type { Participant } from '../../../core/session.js';
import { AUDIENCE_CAPACITY, seatPositions } from './layout.js';

export const SEAT_XYZ = seatPositions(AUDIENCE_CAPACITY);

export type SeatChange = { kind: 'arrive' | 'leave'; slot: number };

export class SeatMap {
  private bySlot: (string | null)[] = new Array<string | null>(AUDIENCE_CAPACITY).fill(null);
  private slots = new Map<string, number>();
  /** Seats whose viewer has left but whose walk-out has not finished (the seat is not free yet). */
  private leaving = new Set<number>();
  private lowestFree = 0;
  /** One past the highest occupied or leaving seat: the instance count to draw. */
  highWater = 0;
  /** Viewers seated now (excluding those walking out). */
  seated = 0;
  sessionId = '';

  slotOf(participantId: string): number {
    return this.slots.get(participantId) ?? -1;
  }

  /**
   * Bring the map in line with the participants: seat newcomers, mark leavers. Returns what
   * changed, for the mesh to animate. A different session clears every seat at once.
   */
  sync(sessionId: string, participants: Readonly<Record<string, Participant>>): SeatChange[] {
    const changes: SeatChange[] = [];
    if (sessionId !== this.sessionId) {
      for (const slot of this.slots.values()) changes.push({ kind: 'leave', slot });
      this.clear();
      this.sessionId = sessionId;
      changes.length = 0; // a new session starts empty: nothing walks out, the mesh resets
    }
    for (const [id, slot] of this.slots) {
      const p = participants[id];
      if (!p || !p.online) {
        this.slots.delete(id);
        this.leaving.add(slot);
        this.seated--;
        changes.push({ kind: 'leave', slot });
      }
    }
    for (const p of Object.values(participants)) {
      if (!p.online || (p.role !== 'bot' && p.role !== 'observer') || this.slots.has(p.id)) continue;
      const slot = this.allocate(p.id);
      if (slot < 0) break; // the hall is full: more viewers than seats are counted, not drawn
      changes.push({ kind: 'arrive', slot });
    }
    return changes;
  }

  /** The walk-out finished: the seat is free again. */
  release(slot: number): void {
    if (!this.leaving.delete(slot)) return;
    this.bySlot[slot] = null;
    if (slot < this.lowestFree) this.lowestFree = slot;
    while (this.highWater > 0 && this.bySlot[this.highWater - 1] === null) this.highWater--;
  }

  clear(): void {
    this.bySlot.fill(null);
    this.slots.clear();
    this.leaving.clear();
    this.lowestFree = 0;
    this.highWater = 0;
    this.seated = 0;
  }

  private allocate(id: string): number {
    let slot = this.lowestFree;
    while (slot < AUDIENCE_CAPACITY && this.bySlot[slot] !== null) slot++;
    if (slot >= AUDIENCE_CAPACITY) return -1;
    this.bySlot[slot] = id;
    this.slots.set(id, slot);
    this.lowestFree = slot + 1;
    this.highWater = Math.max(this.highWater, slot + 1);
    this.seated++;
    return slot;
  }
}

/** The one seat map of the page: the audience mesh writes it, the host's gaze and name tags read it. */
export const seatMap = new SeatMap();
