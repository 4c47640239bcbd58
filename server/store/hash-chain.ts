/**
 * Tamper evidence: every stored event carries the hash of the one before it (the programme's
 * "evidence preservation", seed 2.2). hash(n) = SHA-256(hash(n-1) + "\n" + JSON of event n), with
 * hash(0) derived from the session id, so an altered, missing or reordered event breaks the chain
 * from that point on.
 */
import { createHash } from 'node:crypto';
import type { SessionEvent } from '../../core/events.js';

export function genesisHash(sessionId: string): string {
  return createHash('sha256').update(`branchcast:${sessionId}`).digest('hex');
}

export function chainHash(prev: string, eventJson: string): string {
  return createHash('sha256').update(prev).update('\n').update(eventJson).digest('hex');
}

/** The JSON text hashed for an event: its stored form. */
export function eventJson(e: SessionEvent): string {
  return JSON.stringify(e);
}
