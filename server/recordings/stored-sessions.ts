/**
 * What the recording routes read about stored sessions: a session's parent (for branches, cached
 * once per process), its summary in the sessions list, and its hash chain re-checked from the
 * stored events (the verify route).
 */
import { chainHash, eventJson, genesisHash } from '../store/hash-chain.js';
import type { RecordingStore, SessionRecord } from '../store/recording-store.js';

/** The most events one read (and one page of `GET /api/sessions/:id/events`) returns. */
export const MAX_EVENTS_PAGE = 20_000;

type ParentLink = { sessionId: string; atSeq: number } | null;
/** Parent of each session (a branch's never changes once created), found once per process. */
const parents = new WeakMap<RecordingStore, Map<string, ParentLink>>();

/**
 * A branch's first event is its root's `session.created` (copied), so most sessions are told
 * apart by one read; a branch's own parent is its last `session.branched` (a branch of a branch
 * carries its parent's too), found by one scan, then cached.
 */
function parentOf(store: RecordingStore, sessionId: string): ParentLink {
  let cache = parents.get(store);
  if (!cache) parents.set(store, (cache = new Map()));
  const hit = cache.get(sessionId);
  if (hit !== undefined) return hit;
  const first = store.readEvents(sessionId, 1, 1)[0];
  let link: ParentLink = null;
  if (first?.type === 'session.created' && first.sessionId !== sessionId) {
    for (let from = 1; ;) {
      const page = store.readEvents(sessionId, from, MAX_EVENTS_PAGE);
      for (const e of page) if (e.type === 'session.branched') link = { sessionId: e.parentSessionId, atSeq: e.atSeq };
      if (page.length < MAX_EVENTS_PAGE) break;
      from = page[page.length - 1]!.seq + 1;
    }
  }
  cache.set(sessionId, link);
  return link;
}

export function summary(store: RecordingStore, rec: SessionRecord) {
  const last = store.lastSeq(rec.sessionId);
  return {
    sessionId: rec.sessionId,
    scenarioId: rec.scenarioId,
    createdAt: rec.createdAt,
    status: rec.status,
    demo: rec.demo,
    events: last,
    parent: last > 0 ? parentOf(store, rec.sessionId) : null,
  };
}

/**
 * Recompute the hash chain from the stored events (docs/SPEC.md RP9) and compare it with the
 * stored links: the first seq whose event, link or order does not match is where it broke.
 */
export function verifyStored(
  store: RecordingStore,
  sessionId: string,
): { ok: boolean; events: number; brokenSeq: number | null; message: string } {
  let prev = genesisHash(sessionId);
  let n = 0;
  for (let from = 1; ;) {
    const events = store.readEvents(sessionId, from, MAX_EVENTS_PAGE);
    const links = store.readHashes(sessionId, from, MAX_EVENTS_PAGE);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const link = links[i];
      const expect = n + 1;
      if (e.seq !== expect) return { ok: false, events: n, brokenSeq: expect, message: `seq ${expect} is missing` };
      const h = chainHash(prev, eventJson(e));
      if (!link || link.seq !== e.seq || link.prev !== prev || link.hash !== h)
        return { ok: false, events: n, brokenSeq: e.seq, message: `the hash chain breaks at seq ${e.seq}` };
      prev = h;
      n++;
    }
    if (events.length < MAX_EVENTS_PAGE) break;
    from = events[events.length - 1]!.seq + 1;
  }
  return { ok: true, events: n, brokenSeq: null, message: `${n} events in an unbroken hash chain` };
}
