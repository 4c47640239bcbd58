/**
 * A retry continues the original room (issue 12 pt 7, docs/RUBRICS.md RY1): the viewers online at
 * the branch point come back as themselves — the same viewer index (so name, persona and risk
 * class, which the seed fixes per index), the mood they last reported, the questions they asked
 * that are still open, their complaints, the lures they fell for, the intents they formed — and
 * the room's own memory (when the host last spoke or warned, wrong data on screen). Everything is
 * folded from the recording up to the branch point; nothing else is known, so nothing else is
 * guessed: a viewer's private mood between two reports is its last report.
 *
 * Viewers are told apart by their display name (botName(index)), which survives reconnects and
 * earlier retries where participant ids do not. Indices from the planned count on were incident
 * waves (memory.spawn), replayed here in the same order so they get the same persona.
 */
import type { SessionEvent } from '../events.js';
import type { PersonaId } from './phrases.js';
import { addViewer, type ContinueFrom, type Memory } from './memory.js';
import { botIndex } from './names.js';
import { REACTIONS } from './reactions.js';
import { readHostSignals } from './signals.js';
import type { Viewer } from './viewer.js';

const IGNORED = new Set(REACTIONS.ignored.flatMap((p) => [p.zh, p.en]));
const BITES = new Set(REACTIONS.lureBite.flatMap((p) => [p.zh, p.en]));

/** Viewer indices of the bots online at the end of `events`, in the order they (last) joined. */
export function onlineBotsAt(events: readonly SessionEvent[]): number[] {
  const byPid = new Map<string, number>();
  const online = new Map<number, Set<string>>();
  const order: number[] = [];
  for (const e of events) {
    if (e.type === 'participant.joined' && e.role === 'bot') {
      const i = botIndex(e.name);
      if (i === null) continue;
      byPid.set(e.participantId, i);
      const set = online.get(i) ?? new Set<string>();
      if (set.size === 0) {
        const at = order.indexOf(i);
        if (at >= 0) order.splice(at, 1);
        order.push(i);
      }
      set.add(e.participantId);
      online.set(i, set);
    } else if (e.type === 'participant.left') {
      const i = byPid.get(e.participantId);
      if (i !== undefined) online.get(i)?.delete(e.participantId);
    }
  }
  return order.filter((i) => (online.get(i)?.size ?? 0) > 0);
}

/**
 * The viewer a driver connects first to read the room: one who was there at the branch point, or
 * (nobody was: a retry from before the audience came) the first viewer the recording never saw.
 */
export function readerOf(events: readonly SessionEvent[]): number {
  const first = onlineBotsAt(events)[0];
  if (first !== undefined) return first;
  const seen = new Set<number>();
  for (const e of events) {
    if (e.type !== 'participant.joined' || e.role !== 'bot') continue;
    const i = botIndex(e.name);
    if (i !== null) seen.add(i);
  }
  let i = 0;
  while (seen.has(i)) i++;
  return i;
}

/** Waves an incident brought in (memory.spawn), by persona: who joins the room when it fires. */
function wave(kind: string, present: (p: PersonaId) => boolean): Array<[PersonaId, number]> {
  if (kind === 'lure_flood') return [['fraud_lurer', 2]];
  if (kind === 'troll_wave') return [['troll', 2]];
  // A tip demand brings an asker only when nobody present would ask (responses.onIncident).
  if (kind === 'stock_tip_demand' && !present('growth_investor') && !present('compliance_baiter'))
    return [['growth_investor', 1]];
  return [];
}

/**
 * Fold `from.events` into the freshly planned memory `m` (planned with the original audience's
 * size and seed): restored viewers wait to come back at once, those who had left stay gone, and
 * those not yet arrived keep their place on the arrival plan.
 */
export function restoreMemory(m: Memory, from: ContinueFrom): void {
  const byPid = new Map<string, number>();
  const online = new Map<number, Set<string>>();
  const joined = new Set<number>();
  const spawned: number[] = [];
  let startedT: number | null = null;
  const released: Array<{ viewer: number; at: number }> = [];
  const viewer = (i: number): Viewer => {
    // A name beyond the plan that no replayed wave accounts for: a viewer the fold cannot type.
    while (m.viewers.length <= i) addViewer(m, 'lurker');
    return m.viewers[i]!;
  };
  const isOnline = (i: number) => (online.get(i)?.size ?? 0) > 0;
  const present = (p: PersonaId) => m.viewers.some((v) => v.persona === p && isOnline(v.index));

  for (const e of from.events) {
    m.t = Math.max(m.t, e.t);
    switch (e.type) {
      case 'participant.joined': {
        if (e.role !== 'bot') break;
        const i = botIndex(e.name);
        if (i === null) break;
        const v = viewer(i);
        byPid.set(e.participantId, i);
        if (!joined.has(i)) v.arrivedT = e.t;
        joined.add(i);
        const set = online.get(i) ?? new Set<string>();
        set.add(e.participantId);
        online.set(i, set);
        break;
      }
      case 'participant.left': {
        const i = byPid.get(e.participantId);
        if (i === undefined) break;
        online.get(i)?.delete(e.participantId);
        if (!isOnline(i)) m.viewers[i]!.leftT = e.t;
        break;
      }
      case 'viewer.sentiment': {
        const i = byPid.get(e.actor.id);
        if (i === undefined) break;
        const v = m.viewers[i]!;
        v.sentiment = e.sentiment;
        v.trust = e.trust;
        v.lastSignal = { sentiment: e.sentiment, trust: e.trust };
        if (e.leaving) v.leaveReason = e.leaving;
        break;
      }
      case 'viewer.intent': {
        const i = byPid.get(e.actor.id);
        if (i !== undefined) m.viewers[i]!.intents.add(e.intent);
        break;
      }
      case 'trade.invited':
        // Each viewer answers an invitation once (responses.onInvitation): those present have.
        for (const v of m.viewers) if (isOnline(v.index)) v.intents.add(`invite:${e.seq}`);
        break;
      case 'incident.fired': {
        const inc = m.incidents.get(e.incidentId);
        if (!inc) break;
        if (inc.kind === 'wrong_data') m.wrongDataOnScreen = true;
        for (const [persona, n] of wave(inc.kind, present))
          for (let k = 0; k < n; k++) spawned.push(addViewer(m, persona).index);
        break;
      }
      case 'segment.advanced':
        m.lastHostT = e.t;
        m.segmentsLeft = Math.max(1, m.cfg.scenario.segments.length - e.index);
        callReserve(m, released);
        break;
      case 'session.started':
        startedT = e.t;
        m.lastHostT = Math.max(m.lastHostT, e.t);
        callReserve(m, released);
        break;
      case 'host.said':
        host(m, e.t, e.text, null, isOnline);
        break;
      case 'chat.message': {
        if (e.actor.role === 'trainee') {
          host(m, e.t, e.text, e.replyTo, isOnline);
          break;
        }
        const i = e.actor.role === 'bot' ? byPid.get(e.actor.id) : undefined;
        if (i === undefined) break;
        const v = m.viewers[i]!;
        if (e.kind === 'question' && !m.questionOwner.has(e.seq)) {
          v.pending.push({ seq: e.seq, t: e.t });
          m.questionOwner.set(e.seq, i);
        }
        if (IGNORED.has(e.text)) v.complaints++;
        if (BITES.has(e.text)) v.bites++;
        break;
      }
      default:
        break;
    }
  }

  // Who comes back now, who stays gone, who is still to come as planned. With nobody there, the
  // driver's first connection (readerOf) comes at once, so it is never a silent seat.
  const back = new Set(onlineBotsAt(from.events));
  if (back.size === 0) {
    const reader = readerOf(from.events);
    viewer(reader);
    back.add(reader);
  }
  for (const v of m.viewers) {
    if (back.has(v.index)) {
      v.state = 'waiting';
      v.leftT = null;
      v.leaveReason = null;
      // Before any planned arrival (t ≥ 0): they come back as themselves, not as newcomers.
      m.queue.push(-1, { type: 'return', viewer: v.index });
    } else if (joined.has(v.index)) {
      v.state = 'gone';
      v.leaveReason = v.leaveReason ?? 'curve';
    }
  }
  // A wave still on its way at the branch point arrives now.
  for (const i of spawned) if (!joined.has(i)) m.queue.push(0, { type: 'arrive', viewer: i });
  const planned = (i: number) => !joined.has(i);
  m.ramp = m.ramp.filter((r) => planned(r.viewer));
  m.reserve = m.reserve.filter(planned);

  // Held-back viewers the original had already called (at the start and each announcement) and
  // who had not come yet are on their way: they arrive now; the rest stay held back.
  for (const r of released) if (!joined.has(r.viewer)) m.queue.push(r.at, { type: 'arrive', viewer: r.viewer });
  // The stream was live at the branch point: the room is live again, the ramp still to come
  // arriving on stream time (a driver's catchUp then changes nothing).
  if (startedT !== null) {
    m.startedT = startedT;
    m.live = true;
    for (const r of m.ramp.splice(0))
      m.queue.push(Math.max(m.t, startedT + r.afterMs), { type: 'arrive', viewer: r.viewer });
  }
}

/** The share of the held-back viewers the original called at a start or an announcement (arrivals.releaseReserve). */
function callReserve(m: Memory, released: Array<{ viewer: number; at: number }>): void {
  if (m.reserve.length === 0) return;
  for (const viewer of m.reserve.splice(0, Math.ceil(m.reserve.length / m.segmentsLeft)))
    released.push({ viewer, at: m.t + Math.floor(m.room.next() * 20_000) });
}

/** What a host line does to the room's memory (the fold's half of responses.onHost). */
function host(m: Memory, t: number, text: string, replyTo: number | null, isOnline: (i: number) => boolean): void {
  const s = readHostSignals(text);
  m.lastHostT = t;
  if (s.warning) m.warnedT = t;
  if (s.correction) m.wrongDataOnScreen = false;
  const owner = replyTo === null ? undefined : m.questionOwner.get(replyTo);
  for (const v of m.viewers) {
    if (!isOnline(v.index)) continue;
    if (owner === v.index) {
      const at = v.pending.findIndex((p) => p.seq === replyTo);
      if (at >= 0) v.pending.splice(at, 1);
      v.complaints = 0;
    }
    if (s.promise && v.persona === 'compliance_baiter') v.heat = Math.min(3, v.heat + 1);
    if (s.warning) v.bites = 0;
  }
}
