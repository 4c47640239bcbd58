/**
 * Per-role views of the event stream. The room records everything; what each seat receives is
 * computed here, once per view per batch, by the transport (server/rooms/room-transport.ts), the
 * join snapshot and `sync`. Staff-only facts — who directed a viewer's line in director mode
 * (`directedBy`) and what a facilitator scheduled (`incident.scheduled`) — never reach a trainee's, an observer's or a bot's socket: hiding them in the UI
 * is not enough when the browser's frames can be read.
 */
import type { Role, SessionEvent } from './events.js';
import type { SessionState } from './session.js';
import { botsNeed } from './audience/subscription.js';

/** staff: facilitators and the console's invisible seats; room: trainees and observers; bots. */
export type View = 'staff' | 'room' | 'bots';
export const VIEWS: readonly View[] = ['staff', 'room', 'bots'];

/** The view a joined seat gets: by its role, or staff for the console's invisible watch seat. */
export function viewOf(role: Role, watching = false): View {
  if (watching || role === 'facilitator') return 'staff';
  return role === 'bot' ? 'bots' : 'room';
}

/** The event as a seat of `view` may see it, or null when that view does not receive it at all. */
export function viewEvent(view: View, e: SessionEvent): SessionEvent | null {
  if (view === 'staff') return e;
  if (view === 'bots' && !botsNeed(e)) return null;
  // A scheduled incident is the facilitator's plan: the room sees that something was scheduled
  // (the seq stays gap-free for its fold) but not what or when, so a trainee cannot read it ahead.
  if (e.type === 'incident.scheduled') return { ...e, incidentId: '', atMs: 0 };
  if (e.type === 'chat.message' && e.directedBy) {
    const { directedBy: _staffOnly, ...seen } = e;
    return seen;
  }
  return e;
}

/** A batch through a view (the same array for staff: no copy on the common path). */
export function viewBatch(view: View, batch: readonly SessionEvent[]): SessionEvent[] {
  if (view === 'staff') return batch as SessionEvent[];
  const out: SessionEvent[] = [];
  for (const e of batch) {
    const v = viewEvent(view, e);
    if (v) out.push(v);
  }
  return out;
}

/**
 * Events for `sync`: like a broadcast's view, except that bots get every event (a seat that asks
 * for a range needs it whole to fold past the gap), only without staff-only fields.
 */
export function viewSync(view: View, events: readonly SessionEvent[]): SessionEvent[] {
  return viewBatch(view === 'bots' ? 'room' : view, events);
}

/** The folded state as a joiner of `view` may see it: staff-only fields taken out of the chat. */
export function viewState(view: View, s: SessionState): SessionState {
  if (view === 'staff' || !s.chat.some((c) => c.directedBy)) return s;
  return {
    ...s,
    chat: s.chat.map((c) => {
      if (!c.directedBy) return c;
      const { directedBy: _staffOnly, ...seen } = c;
      return seen;
    }),
  };
}
