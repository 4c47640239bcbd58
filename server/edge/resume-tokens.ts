/**
 * Resume tokens (docs/PROTOCOL.md, "Re-joining"): a join ack hands one out; a re-join that sends
 * it back as `resume` keeps its participant instead of adding a new one each reconnect. A token
 * names one participant of one session in one role; it is a random secret, kept in memory (a
 * restart makes re-joins new participants again, as before), at most `max` of them, oldest first
 * out.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../core/events.js';

export interface Seat {
  sessionId: string;
  participantId: string;
  role: Role;
}

export class ResumeTokens {
  private byToken = new Map<string, Seat>();

  constructor(private max = 100_000) {}

  issue(seat: Seat): string {
    const token = randomBytes(24).toString('base64url');
    this.byToken.set(token, seat);
    if (this.byToken.size > this.max) this.byToken.delete(this.byToken.keys().next().value!);
    return token;
  }

  /** The seat `token` names, if it is for this session and role. */
  seat(token: string | undefined, sessionId: string, role: Role): Seat | null {
    if (!token) return null;
    const s = this.byToken.get(token);
    return s && s.sessionId === sessionId && s.role === role ? s : null;
  }
}
