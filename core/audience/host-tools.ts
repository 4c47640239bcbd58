/**
 * How viewers take the host's console (场控): a blocked viewer is gone and a muted one goes quiet
 * (a lurer stops posting); a pinned warning makes viewers wary (fewer take a lure's bait, some
 * say so); deleting a genuine complaint or a question angers the room (some leave "offended",
 * some complain about censorship), while deleting a scam post does not.
 */
import type { EventOf } from '../events.js';
import { readSignals } from './signals.js';
import { nudge } from './viewer.js';
import { react, type Memory } from './memory.js';
import type { Viewer } from './viewer.js';

/** A lure's pull on the room while a warning is pinned, as a share of its pull without one. */
export const PINNED_WARNING_PULL = 0.3;
/** Share of those who would have bitten who instead say the pinned warning put them off. */
const PINNED_WARY_SAY = 0.5;
/** At most this many bystanders voice anger at one deletion (a chat, not a chorus). */
const CENSORED_VOICES = 3;

function viewerOf(m: Memory, participantId: string): Viewer | undefined {
  const i = m.byParticipant.get(participantId);
  return i === undefined ? undefined : m.viewers[i];
}

export function onPinned(m: Memory, e: EventOf<'announcement.pinned'>): void {
  m.pinnedWarning = readSignals(e.text).warning;
  if (!m.pinnedWarning) return;
  // Those who already took the bait think again, like after a spoken warning.
  for (const v of m.viewers) {
    if (v.state !== 'present' || v.bites === 0) continue;
    v.bites = 0;
    nudge(v, 0.05, 0.1);
    react(m, v, 'wary', 0.5);
  }
}

export function onUnpinned(m: Memory): void {
  m.pinnedWarning = false;
}

/**
 * A viewer who would take a lure's bait while a warning is pinned: true if it still bites. Those
 * put off may say so (the room sees the pin working).
 */
export function bitesDespitePin(m: Memory, v: Viewer): boolean {
  if (!m.pinnedWarning) return true;
  const rng = m.rngs[v.index]!;
  if (rng.chance(PINNED_WARNING_PULL)) return true;
  react(m, v, 'pinnedWary', PINNED_WARY_SAY);
  return false;
}

export function onMuted(m: Memory, e: EventOf<'viewer.muted'>): void {
  const v = viewerOf(m, e.participantId);
  if (!v) return;
  v.mutedUntilT = e.seconds > 0 ? e.t + e.seconds * 1000 : 0;
  // A muted lurer's queued posts are pointless: it gives up the room's chat.
  if (e.seconds > 0 && v.persona === 'fraud_lurer') v.heat = 0;
}

/** The room removed this viewer: gone for the policy; the driver closes its connection. */
export function onBlocked(m: Memory, e: EventOf<'viewer.blocked'>): void {
  const v = viewerOf(m, e.participantId);
  if (!v || v.state !== 'present') return;
  m.queue.push(m.t, { type: 'blocked', viewer: v.index });
}

export function onDeleted(m: Memory, e: EventOf<'chat.deleted'>): void {
  const silenced = e.complaint || e.kind === 'question';
  if (!silenced) return;
  const author = viewerOf(m, e.authorId);
  if (author && author.state === 'present') {
    nudge(author, -0.4, -0.3);
    react(m, author, 'censored', 0.9);
    if (m.rngs[author.index]!.chance(0.6))
      m.queue.push(m.t + 6000, { type: 'leave', viewer: author.index, reason: 'offended' });
  }
  let voices = 0;
  for (const v of m.viewers) {
    if (v.state !== 'present' || v === author || v.persona === 'fraud_lurer' || v.persona === 'troll') continue;
    const rng = m.rngs[v.index]!;
    nudge(v, -0.08, -0.06);
    if (voices < CENSORED_VOICES && rng.chance(0.12)) {
      voices++;
      react(m, v, 'censored', 1);
    }
    // The careful do not stay where questions are silenced.
    if ((v.persona === 'growth_investor' || v.persona === 'lurker' || v.persona === 'retiree') && rng.chance(0.06))
      m.queue.push(m.t + 4000 + rng.int(8000), { type: 'leave', viewer: v.index, reason: 'offended' });
  }
}

/** Is the viewer silenced now (muted by the host)? */
export function isMuted(v: Viewer, t: number): boolean {
  return v.mutedUntilT > t;
}
