/**
 * The gradebook's safeguards (issue 12 pt 8, 10): a second start for a trainee who already has a
 * live or unstarted session asks first; a facilitator voids an attempt with a reason or comments
 * on it (kept and shown, left out of statistics: core/workshop/progress.ts `counted`); a trainee
 * rates a session 1–5 on the programme's three satisfaction items (seed/ 6.1).
 */
import type { SatisfactionRating, Trainee } from '../../core/workshop/api-types.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { AttemptNotePatch, ExistingSession, OnExisting } from '../../core/workshop/gradebook-types.js';
import type { WorkshopStore } from './workshop-store.js';

export type { ExistingSession, OnExisting };

export class StartConflict extends Error {
  constructor(readonly existing: ExistingSession[]) {
    super(
      `traineeIds: ${existing.map((e) => e.name).join(', ')} already ${existing.length === 1 ? 'has' : 'have'} an open session; send onExisting "force" to start another or "skipExisting" to start only the others`,
    );
    this.name = 'StartConflict';
  }
}

export function openSessionsOf(
  store: WorkshopStore,
  rooms: RoomRegistry,
  trainees: readonly Trainee[],
): ExistingSession[] {
  const out: ExistingSession[] = [];
  for (const t of trainees) {
    for (const a of store.listAssignments({ traineeId: t.id })) {
      const room = rooms.get(a.sessionId);
      if (!room || room.status === 'ended') continue;
      out.push({
        traineeId: t.id,
        name: t.name,
        sessionId: a.sessionId,
        state: room.status === 'live' ? 'live' : 'unstarted',
        joinCode: room.record.codes.trainee,
      });
    }
  }
  return out;
}

/** The trainees to start sessions for, after the facilitator's choice about open ones. */
export function chooseTrainees(
  store: WorkshopStore,
  rooms: RoomRegistry,
  chosen: readonly Trainee[],
  onExisting: OnExisting,
): Trainee[] {
  if (onExisting === 'force') return [...chosen];
  const existing = openSessionsOf(store, rooms, chosen);
  if (existing.length === 0) return [...chosen];
  if (onExisting === 'ask') throw new StartConflict(existing);
  const busy = new Set(existing.map((e) => e.traineeId));
  return chosen.filter((t) => !busy.has(t.id));
}

export const MAX_NOTE = 500;

/** A note's refusal, thrown as the workshop's own error (400/404) by the service. */
export class NoteError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/** Void (a reason required) or restore an attempt, and/or comment on it; the note is replaced. */
export function noteAttempt(
  store: WorkshopStore,
  sessionId: string,
  patch: AttemptNotePatch,
  by: string,
  at: number,
): void {
  if (!store.getAssignment(sessionId)) throw new NoteError(404, `sessionId: no attempt "${sessionId}" in any cohort`);
  const was = store.getNote(sessionId);
  const voided = patch.voided ?? was?.voided ?? false;
  const voidReason = patch.voidReason !== undefined ? patch.voidReason : (was?.voidReason ?? null);
  if (voided && !voidReason?.trim()) throw new NoteError(400, 'voidReason: a voided attempt needs a reason');
  const clip = (v: string | null | undefined) => (v?.trim() ? v.trim().slice(0, MAX_NOTE) : null);
  store.setNote(sessionId, {
    voided,
    voidReason: voided ? clip(voidReason) : null,
    comment: clip(patch.comment !== undefined ? patch.comment : was?.comment),
    by,
    at,
  });
}

export function normaliseRating(r: Omit<SatisfactionRating, 'at'>, at: number): SatisfactionRating {
  const comment = r.comment?.trim() ?? '';
  return { content: r.content, instructor: r.instructor, tool: r.tool, comment: comment === '' ? null : comment, at };
}
