/**
 * What simulated viewers need to see. Sending every chat line to 2,000 bots cannot scale
 * (measured on this machine: a bare WebSocket broadcast tops out near 36,000 deliveries/s), so
 * bots get only what their policy reads: the host, the room's lifecycle, incidents, and chat
 * lines that other viewers would react to (scam posts). People get the full stream.
 */
import type { SessionEvent } from '../events.js';
import { isLurePost } from './signals.js';

export function botsNeed(e: SessionEvent): boolean {
  // Bots learn their own orders' outcomes from the ack; others' trades and every price tick would
  // be 2,000 deliveries each for nothing the policy reads. Invitations (trade.invited) do go out.
  switch (e.type) {
    case 'chat.message':
      // A held line (keyword filter) reached nobody; the bots do not see it either.
      if (e.held) return false;
      return e.actor.role === 'trainee' || e.actor.role === 'facilitator' || isLurePost(e.text, e.kind);
    case 'participant.joined':
    case 'participant.left':
    case 'viewer.sentiment':
    case 'viewer.intent':
    case 'trade.order':
    case 'trade.fill':
    case 'trade.rested':
    case 'trade.reject':
    case 'trade.unsuitable':
    case 'market.ticked':
    case 'incident.scheduled':
      return false;
    default:
      return true;
  }
}
