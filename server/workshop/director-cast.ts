/**
 * Director mode's cast (issue 17 pt 3): the scenario's simulated viewers (persona, name, risk
 * class) are seated in the room as bot participants when the session opens and stay there — no
 * socket, no chat of their own — so the facilitator always finds the same people to speak as,
 * whatever the audience does. A resumed room (its seats marked left at restart) gets them back the
 * next time director mode needs them.
 */
import type { LiveSession } from '../../core/workshop/api-types.js';
import type { SessionRoom } from '../rooms/session-room.js';

/** The participant id of a cast member's seat. */
export const castSeatId = (castId: string) => `cast-${castId}`;

/** Seat every cast member not online now; resolves once recorded. */
export async function seatCast(room: SessionRoom): Promise<void> {
  const cast = room.scenario.director?.cast ?? [];
  const state = room.snapshot();
  if (state.status === 'ended') return;
  for (const c of cast) {
    const id = castSeatId(c.id);
    if (!state.participants[id]?.online) await room.join(id, 'bot', c.name);
  }
}

/** The console's view of the cast and the ready-made lines (null: the scenario has no cast). */
export function directorOf(room: SessionRoom): LiveSession['director'] {
  const d = room.scenario.director;
  if (!d) return null;
  const participants = room.snapshot().participants;
  return {
    cast: d.cast.map((c) => ({
      id: c.id,
      name: c.name,
      persona: c.persona,
      risk: c.risk,
      participantId: castSeatId(c.id),
      online: participants[castSeatId(c.id)]?.online === true,
    })),
    lines: d.lines.map((l) => ({
      kind: l.kind,
      zh: l.zh,
      en: l.en ?? null,
      question: l.question ?? false,
      by: l.by ?? null,
    })),
  };
}
