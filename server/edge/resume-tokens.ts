/**
 * Resume tokens (docs/PROTOCOL.md, "Re-joining"): a join ack hands one out; a re-join that sends
 * it back as `resume` keeps its participant instead of adding a new one each reconnect. A token
 * names one participant of one session in one role; it is a random secret, kept in memory (a
 * restart makes re-joins new participants again, as before), at most `max` of them, oldest first
 * out. With several nodes (`secret` given, shared through the database) a token is instead the
 * participant id with an HMAC over (session, participant, role), so any node, and the new owner
 * after a takeover, brings the same participant back; the session and role come from the join
 * itself. A token only picks the participant: the join still needs its code or login.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../core/events.js';

export interface Seat {
  sessionId: string;
  participantId: string;
  role: Role;
}

export class ResumeTokens {
  private byToken = new Map<string, Seat>();

  constructor(
    private max = 100_000,
    private readonly secret?: string,
  ) {}

  /** 24 bytes of HMAC-SHA256: the token stays within the protocol's 64 characters. */
  private mac(sessionId: string, participantId: string, role: Role): Buffer {
    return createHmac('sha256', this.secret!)
      .update(`resume\n${sessionId}\n${participantId}\n${role}`)
      .digest()
      .subarray(0, 24);
  }

  issue(seat: Seat): string {
    if (this.secret) {
      return `${seat.participantId}_${this.mac(seat.sessionId, seat.participantId, seat.role).toString('base64url')}`;
    }
    const token = randomBytes(24).toString('base64url');
    this.byToken.set(token, seat);
    if (this.byToken.size > this.max) this.byToken.delete(this.byToken.keys().next().value!);
    return token;
  }

  /** The seat `token` names, if it is for this session and role. */
  seat(token: string | undefined, sessionId: string, role: Role): Seat | null {
    if (!token) return null;
    if (this.secret) return this.signedSeat(token, sessionId, role);
    const s = this.byToken.get(token);
    return s && s.sessionId === sessionId && s.role === role ? s : null;
  }

  private signedSeat(token: string, sessionId: string, role: Role): Seat | null {
    // The first '_': participant ids have none, the base64url MAC may.
    const cut = token.indexOf('_');
    if (cut <= 0) return null;
    const participantId = token.slice(0, cut);
    const given = Buffer.from(token.slice(cut + 1), 'base64url');
    const want = this.mac(sessionId, participantId, role);
    if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
    return { sessionId, participantId, role };
  }
}
