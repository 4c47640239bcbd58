/**
 * The simulated audience: a deterministic policy over what viewers can see (the public event
 * stream) and the seeded PRNG. A driver (the BotRunner over Socket.IO, or the headless
 * simulator) feeds it events with `observe` and asks `advance(t)` for the actions due; it then
 * performs them as ordinary clients. Same seed + same events at the same t → same actions.
 *
 * The parts: memory.ts (state and shared moves), arrivals.ts (who comes when, on stream time),
 * responses.ts (reactions to the host, the chat, incidents and trades), trading.ts (orders).
 */
import type { SessionEvent } from '../events.js';
import type { TradeOutcome } from '../trade.js';
import { planArrivals, releaseReserve, runJob, startStream, think } from './arrivals.js';
import { createMemory, react, type AudienceAction, type AudienceConfig, type Memory } from './memory.js';
import { onHost, onIncident, onInvitation, onViewerChat, orderOutcome, ownQuestion } from './responses.js';
import { restoreMemory } from './restore.js';
import { readHostSignals, readSignals } from './signals.js';
import { onBlocked, onDeleted, onMuted, onPinned, onUnpinned } from './host-tools.js';
import type { OrderIntent } from './trading.js';
import type { Viewer } from './viewer.js';

export type { AudienceAction, AudienceConfig } from './memory.js';

export class Audience {
  private m: Memory;

  constructor(private cfg: AudienceConfig) {
    this.m = createMemory(cfg);
    planArrivals(this.m, cfg);
    if (cfg.continueFrom) restoreMemory(this.m, cfg.continueFrom);
  }

  get viewers(): Viewer[] {
    return this.m.viewers;
  }

  /** The driver reports which participant a viewer became when it joined. */
  bind(viewer: number, participantId: string): void {
    const v = this.m.viewers[viewer];
    if (!v) return;
    v.participantId = participantId;
    this.m.byParticipant.set(participantId, viewer);
  }

  /** Catch up with a session already under way (a driver that joins late or after a restart). */
  catchUp(state: {
    status: 'created' | 'live' | 'ended';
    t: number;
    segmentIndex: number;
    startedT?: number | null;
    /** The console's pin (场控): a warning pinned before this driver came still makes viewers wary. */
    hostTools?: { pinned: { text: string } | null };
  }): void {
    const m = this.m;
    m.t = Math.max(m.t, state.t);
    m.ended = state.status === 'ended';
    m.lastHostT = state.t;
    m.segmentsLeft = Math.max(1, this.cfg.scenario.segments.length - state.segmentIndex);
    if (state.status === 'live') startStream(m, state.startedT ?? state.t);
    if (state.hostTools?.pinned) m.pinnedWarning = readSignals(state.hostTools.pinned.text).warning;
  }

  /** Viewers present now. */
  present(): number {
    let n = 0;
    for (const v of this.m.viewers) if (v.state === 'present') n++;
    return n;
  }

  /** Every action due up to and including t, in time order. */
  advance(t: number, out: AudienceAction[] = []): AudienceAction[] {
    const m = this.m;
    while (m.queue.peekTime() <= t) {
      const at = m.queue.peekTime();
      const job = m.queue.pop()!;
      m.t = Math.max(m.t, at);
      runJob(m, job, out, (v) => think(m, v, out));
    }
    m.t = Math.max(m.t, t);
    return out;
  }

  /** Feed one public event (in seq order). */
  observe(e: SessionEvent): void {
    const m = this.m;
    m.t = Math.max(m.t, e.t);
    switch (e.type) {
      case 'session.started':
        startStream(m, e.t);
        for (const v of m.viewers)
          if (v.state === 'present' && m.rngs[v.index]!.chance(0.35)) react(m, v, 'greeting', 1);
        return;
      case 'segment.advanced':
        m.lastHostT = e.t;
        m.segmentsLeft = Math.max(1, this.cfg.scenario.segments.length - e.index);
        releaseReserve(m);
        return;
      case 'host.said':
        onHost(m, readHostSignals(e.text), null);
        return;
      case 'chat.message':
        if (e.actor.role === 'trainee') {
          onHost(m, readHostSignals(e.text), e.replyTo);
          return;
        }
        // A line the keyword filter held never reached the room.
        if (!e.held) onViewerChat(m, e);
        return;
      case 'incident.fired': {
        const inc = m.incidents.get(e.incidentId);
        if (inc) onIncident(m, inc);
        return;
      }
      case 'participant.left': {
        const i = m.byParticipant.get(e.participantId);
        const v = i === undefined ? undefined : m.viewers[i];
        if (v && v.state === 'present') {
          v.state = 'gone';
          v.leftT = e.t;
          v.leaveReason = v.leaveReason ?? 'curve';
        }
        return;
      }
      case 'session.ended':
        m.ended = true;
        return;
      case 'trade.invited':
        onInvitation(m, e);
        return;
      case 'announcement.pinned':
        onPinned(m, e);
        return;
      case 'announcement.unpinned':
        onUnpinned(m);
        return;
      case 'viewer.muted':
        onMuted(m, e);
        return;
      case 'viewer.blocked':
        onBlocked(m, e);
        return;
      case 'chat.deleted':
        onDeleted(m, e);
        return;
      case 'filter.changed':
      case 'product.shown':
      case 'product.hidden':
      case 'session.created':
      case 'participant.joined':
      case 'viewer.sentiment':
      case 'viewer.intent':
      case 'trade.order':
      case 'trade.fill':
      case 'trade.rested':
      case 'trade.reject':
      case 'trade.unsuitable':
      case 'market.ticked':
      case 'session.branched':
      case 'audience.configured':
      case 'disclosure.changed':
      case 'stream.paused':
      case 'incident.scheduled':
      case 'voice.sample':
      case 'voice.chunk':
      case 'wall.corrected':
      case 'facilitator.notice':
      case 'help.changed':
        return;
      default: {
        const unreachable: never = e;
        return unreachable;
      }
    }
  }

  /** The driver reports what the exchange did with a viewer's order (from the ack). */
  orderOutcome(viewer: number, order: OrderIntent, outcome: TradeOutcome): void {
    orderOutcome(this.m, viewer, order, outcome);
  }

  /** A viewer's own question got this seq (from the event, or from the ack when bots see a filtered stream). */
  ownQuestion(viewer: number, seq: number, t: number): void {
    ownQuestion(this.m, viewer, seq, t);
  }
}
