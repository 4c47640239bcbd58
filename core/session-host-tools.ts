/**
 * The host console's half of the reducer (场控): the pinned announcement, the product card, muted
 * and blocked viewers, the keyword filter and deleted lines. Kept apart from session.ts like the
 * market (session-market.ts); pure, called only from reduce().
 */
import type { EventOf, ProductCard } from './events.js';

export interface HostToolsState {
  /** The announcement pinned over the chat, or null. */
  pinned: { text: string; seq: number; t: number } | null;
  /** The product card (小黄车) up now, or null. */
  product: (ProductCard & { seq: number; t: number }) | null;
  /** Muted viewers: participant id → session t at which the mute ends. */
  muted: Readonly<Record<string, number>>;
  /** Blocked viewers' participant ids: out of the room for the rest of the session. */
  blocked: readonly string[];
  /** The keyword filter's words (normalised, see filterKey). */
  filter: readonly string[];
  /** Lines deleted and lines held by the filter, so far. */
  deleted: number;
  held: number;
}

export function initialHostTools(): HostToolsState {
  return { pinned: null, product: null, muted: {}, blocked: [], filter: [], deleted: 0, held: 0 };
}

/** The slice of SessionState this file reads and writes (SessionState satisfies it: no import circle). */
export interface HostToolsSlice {
  hostTools: HostToolsState;
  chat: readonly { seq: number; deleted?: { by: string; t: number; seq: number } }[];
}

/** Full-width and case folded, so "ＶＸ" and "vx" are one filter word. */
export function filterKey(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The first filter word the text contains, or null (words are already filterKey'd). */
export function filterMatch(words: readonly string[], text: string): string | null {
  if (words.length === 0) return null;
  const key = filterKey(text);
  for (const w of words) if (key.includes(w)) return w;
  return null;
}

/** Is the viewer muted at session time t? */
export function mutedAt(h: HostToolsState, participantId: string, t: number): boolean {
  const until = h.muted[participantId];
  return until !== undefined && until > t;
}

type HostToolEvent =
  | EventOf<'announcement.pinned'>
  | EventOf<'announcement.unpinned'>
  | EventOf<'chat.deleted'>
  | EventOf<'viewer.muted'>
  | EventOf<'viewer.blocked'>
  | EventOf<'filter.changed'>
  | EventOf<'product.shown'>
  | EventOf<'product.hidden'>;

export function reduceHostTools<S extends HostToolsSlice>(s: S, e: HostToolEvent): S {
  const h = s.hostTools;
  switch (e.type) {
    case 'announcement.pinned':
      return { ...s, hostTools: { ...h, pinned: { text: e.text, seq: e.seq, t: e.t } } };
    case 'announcement.unpinned':
      return { ...s, hostTools: { ...h, pinned: null } };
    case 'product.shown': {
      const { seq, t, type: _type, actor: _actor, ...card } = e;
      return { ...s, hostTools: { ...h, product: { ...card, seq, t } } };
    }
    case 'product.hidden':
      return { ...s, hostTools: { ...h, product: null } };
    case 'filter.changed':
      return { ...s, hostTools: { ...h, filter: e.words } };
    case 'viewer.muted': {
      const muted = { ...h.muted };
      if (e.seconds > 0) muted[e.participantId] = e.t + e.seconds * 1000;
      else delete muted[e.participantId];
      return { ...s, hostTools: { ...h, muted } };
    }
    case 'viewer.blocked':
      if (h.blocked.includes(e.participantId)) return s;
      return { ...s, hostTools: { ...h, blocked: [...h.blocked, e.participantId] } };
    case 'chat.deleted': {
      // Mark the line in the chat window (it is near the end: search from there).
      const chat = s.chat.slice();
      for (let i = chat.length - 1; i >= 0; i--) {
        const c = chat[i]!;
        if (c.seq === e.targetSeq) {
          chat[i] = { ...c, deleted: { by: e.actor.name, t: e.t, seq: e.seq } };
          break;
        }
        if (c.seq < e.targetSeq) break;
      }
      return { ...s, chat, hostTools: { ...h, deleted: h.deleted + 1 } };
    }
  }
}
