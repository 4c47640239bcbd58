/**
 * Headless simulation: a real SessionRoom (same validation, decide, reduce and store as a live
 * room) on a simulated clock, with the Audience and a ScriptedHost acting as its participants.
 * No sockets and no waiting, so a 30-minute session with 200 viewers runs in seconds.
 */
import { Audience, type AudienceAction } from '../../core/audience/audience.js';
import { ScriptedHost, type HostAction, type HostMode } from '../../core/audience/scripted-host.js';
import type { Actor, Role, SessionEvent } from '../../core/events.js';
import type { Ack, CommandName, CommandOk } from '../../core/protocol.js';
import type { SessionState } from '../../core/session.js';
import type { Scenario } from '../../core/scenario.js';
import { ManualClock } from '../rooms/clock.js';
import { RoomRegistry } from '../rooms/room-registry.js';
import type { SessionRoom } from '../rooms/session-room.js';
import { MemoryStore } from '../store/memory-store.js';
import type { RecordingStore, SessionRecord } from '../store/recording-store.js';

export interface SimulateOptions {
  scenario: Scenario;
  seed: number;
  host?: HostMode;
  /** Stop after this many minutes of session time (default: when the script ends, at most 90). */
  minutes?: number;
  /** Viewers (default: the scenario's bots.count). */
  bots?: number;
  ratePerMinute?: number;
  /** Simulation step in ms of session time. */
  stepMs?: number;
  /** Facilitator incidents to fire: [incidentId, at ms]. Scheduled `at` incidents fire on their own. */
  fire?: Array<[string, number]>;
  store?: RecordingStore;
  /** Called with the room's durable state after every flush (the live snapshots replay is checked against). */
  onCommit?: (state: SessionState) => void;
}

export interface SimulationResult {
  record: SessionRecord;
  events: SessionEvent[];
  state: SessionState;
  audience: Audience;
  refused: Array<{ who: string; command: string; code: string; message: string }>;
}

const START = Date.UTC(2026, 0, 5, 1, 0, 0);

export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
  const clock = new ManualClock(START);
  const store = opts.store ?? new MemoryStore();
  const events: SessionEvent[] = [];
  const audience = new Audience({
    scenario: opts.scenario,
    seed: opts.seed,
    count: opts.bots,
    ratePerMinute: opts.ratePerMinute,
  });
  const host = new ScriptedHost(opts.scenario, opts.host ?? 'careful', opts.seed);
  const rooms = new RoomRegistry({
    store,
    clock,
    // Headless: no seats; the simulator reads every durable batch as an observer.
    transport: { broadcast: () => undefined, send: () => undefined, seat: () => () => undefined },
    log: () => undefined,
  });
  rooms.onDurable((_id, batch) => {
    for (const e of batch) {
      events.push(e);
      audience.observe(e);
      host.observe(e);
    }
    if (opts.onCommit && roomRef) opts.onCommit(roomRef.snapshot());
  });
  let roomRef: SessionRoom | null = null;
  const room = await rooms.create(opts.scenario, { seed: opts.seed });
  roomRef = room;
  const refused: SimulationResult['refused'] = [];
  const hostActor: Actor & { role: Role } = { id: 'p-host', role: 'trainee', name: '主播' };
  await settle(room, room.join(hostActor.id, 'trainee', hostActor.name));

  const viewerActors = new Map<number, Actor & { role: Role }>();
  const step = opts.stepMs ?? 250;
  const limit = (opts.minutes ?? 90) * 60_000;
  const fire = [...(opts.fire ?? [])].sort((a, b) => a[1] - b[1]);
  const facilitator: Actor & { role: Role } = { id: 'p-facilitator', role: 'facilitator', name: '培训师' };

  const command = async (actor: Actor & { role: Role }, name: CommandName, payload: unknown) => {
    const p = room.command(actor, name, payload) as Promise<Ack<CommandOk>>;
    room.flush();
    const ack = await p;
    if (!ack.ok) refused.push({ who: actor.name, command: name, code: ack.code, message: ack.message });
    return ack;
  };

  const actions: AudienceAction[] = [];
  for (let t = 0; t <= limit; t += step) {
    clock.advance(step);
    const now = clock.now() - START;
    const state = room.snapshot();
    if (state.status === 'ended') break;

    for (const a of host.advance(now)) await hostAct(a);
    // Incidents the scenario schedules fire by themselves, as in a live room.
    await room.fireDueIncidents();
    await room.tickMarket();
    while (fire.length && fire[0]![1] <= now)
      await command(facilitator, 'incident.fire', { incidentId: fire.shift()![0] });

    actions.length = 0;
    audience.advance(now, actions);
    for (const a of actions) await viewerAct(a);
  }
  room.close();
  return { record: room.record, events, state: room.snapshot(), audience, refused };

  async function hostAct(a: HostAction): Promise<void> {
    switch (a.cmd) {
      case 'session.start':
      case 'segment.next':
      case 'session.end':
        return void (await command(hostActor, a.cmd, {}));
      case 'host.say':
        return void (await command(hostActor, 'host.say', { text: a.text, lineIndex: a.lineIndex }));
      case 'chat.send':
        return void (await command(hostActor, 'chat.send', { text: a.text, replyTo: a.replyTo }));
      case 'trade.invite':
        return void (await command(hostActor, 'trade.invite', a.invite));
      case 'stream.pause':
        return void (await command(hostActor, 'stream.pause', { paused: a.paused }));
      case 'disclosure.set':
        return void (await command(hostActor, 'disclosure.set', { on: a.on }));
    }
  }

  async function viewerAct(a: AudienceAction): Promise<void> {
    if (a.kind === 'arrive') {
      const actor = { id: `v-${a.viewer}`, role: 'bot' as const, name: a.name };
      viewerActors.set(a.viewer, actor);
      audience.bind(a.viewer, actor.id);
      await settle(room, room.join(actor.id, 'bot', actor.name));
      return;
    }
    const actor = viewerActors.get(a.viewer);
    if (!actor) return;
    if (a.kind === 'say')
      return void (await command(actor, 'chat.send', { text: a.text, kind: a.chatKind, replyTo: a.replyTo }));
    if (a.kind === 'signal')
      return void (await command(actor, 'viewer.signal', {
        sentiment: a.sentiment,
        trust: a.trust,
        intent: a.intent,
        ...(a.leaving ? { leaving: a.leaving } : {}),
      }));
    if (a.kind === 'order') {
      const ack = await command(actor, 'trade.place', a.order);
      if (ack.ok && ack.trade) audience.orderOutcome(a.viewer, a.order, ack.trade);
      return;
    }
    await settle(room, room.leave(actor));
  }
}

async function settle(room: SessionRoom, p: Promise<number>): Promise<void> {
  room.flush();
  await p;
}
