/**
 * Seeded convergence fuzz of the sync path (modelled on tldraw's sync-core syncFuzz): a real room
 * authority and several real SessionClients (client/src/net) over in-memory links
 * (test/harness/memory-socket.ts) whose frames the fuzz delivers late, out of order, or not at
 * all, and whose links it cuts and restores. Clients chat, direct viewers' lines and reconnect.
 * When the network heals and one last event goes out, every client's folded state must equal the
 * room's, through its view (a trainee never holds `directedBy`). A failing seed is printed; keep it
 * in REGRESSIONS with what it found. With the gateway's resync deliberately broken, it must fail.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { Rng } from '../../core/random.js';
import type { SessionState } from '../../core/session.js';
import { viewState, type View } from '../../core/views.js';
import { SessionClient } from '../../client/src/net/session-client.js';
import { initialSessionStore, type SessionStore } from '../../client/src/stores/session-store.js';
import { loadScenes } from '../../server/content/scenes.js';
import { ManualClock } from '../../server/rooms/clock.js';
import { RoomRegistry } from '../../server/rooms/room-registry.js';
import { ManualScheduler } from '../../server/rooms/room-transport.js';
import { MemoryStore } from '../../server/store/memory-store.js';
import { MemoryGateway, MemoryNetwork } from '../harness/memory-socket.js';

const { scenarios } = loadScenes(join(import.meta.dirname, '../../scenes'));
const scenario = scenarios.get('crisis-drill-wrong-data') ?? [...scenarios.values()][0]!;

/** Seeds that once failed, with what they found; they run first, every time. */
const REGRESSIONS: Array<{ seed: number; found: string }> = [];

const RUNS = 300;
const STEPS = 200;

interface Member {
  name: string;
  role: 'trainee' | 'facilitator' | 'observer';
  view: View;
  store: SessionStore;
  client: SessionClient;
  socket: () => { cut(): void; open(): void; connected: boolean } | null;
}

/** What the runs exercised, summed: a fuzz that never drops or reconnects proves nothing. */
const seen = { events: 0, dropped: 0, reordered: 0, cuts: 0, syncs: 0, directed: 0 };

const tick = () => new Promise<void>((r) => setImmediate(r));

async function runSeed(seed: number, opts: { brokenSync?: boolean } = {}): Promise<string | null> {
  const rng = new Rng(seed);
  const chance = (p: number) => rng.next() < p;
  const pick = (n: number) => Math.floor(rng.next() * n);
  const clock = new ManualClock();
  const scheduler = new ManualScheduler();
  const store = new MemoryStore();
  let rooms: RoomRegistry | null = null;
  const gateway = new MemoryGateway(() => rooms!);
  gateway.brokenSync = opts.brokenSync ?? false;
  const net = new MemoryNetwork(gateway);
  rooms = new RoomRegistry({ store, clock, scheduler, transport: net.transport, log: () => undefined });
  const creating = rooms.create(scenario, { seed });
  scheduler.runAll();
  const room = await creating;

  const sockets = new Map<string, ReturnType<Member['socket']>>();
  const factory = net.socketFactory();
  const members: Member[] = (
    [
      ['主播', 'trainee'],
      ['导师', 'facilitator'],
      ['旁听甲', 'observer'],
      ['旁听乙', 'observer'],
    ] as const
  ).map(([name, role]) => {
    const s = createStore(initialSessionStore);
    const client = new SessionClient(s, undefined, () => {
      const sock = factory();
      sockets.set(name, sock as never);
      return sock;
    });
    return {
      name,
      role,
      view: role === 'facilitator' ? 'staff' : 'room',
      store: s,
      client,
      socket: () => sockets.get(name) ?? null,
    };
  });

  /** Let promises run and the room flush, until nothing moves. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await tick();
      scheduler.runAll();
    }
  };
  /** Deliver everything in flight, in order, with no losses (the network has healed). */
  const drain = async () => {
    for (let guard = 0; guard < 10_000; guard++) {
      await settle();
      if (net.inFlight.length === 0 && scheduler.size === 0) return;
      while (net.inFlight.length > 0) net.deliver(0);
    }
  };

  const joins = members.map((m) => m.client.join({ code: room.record.codes[m.role], name: m.name, role: m.role }));
  await drain();
  for (const j of await Promise.all(joins)) if (!j.ok) return `join failed: ${j.code} ${j.message}`;
  const trainee = members[0]!;
  void trainee.client.command('session.start', {});
  let n = 0;

  for (let step = 0; step < STEPS; step++) {
    clock.advance(pick(400));
    const r = rng.next();
    const m = members[pick(members.length)]!;
    if (r < 0.22) {
      if (m.role !== 'observer') void m.client.command('chat.send', { text: `${m.name}-${++n}`, kind: 'chat' });
    } else if (r < 0.27) {
      // Director mode: the facilitator writes as an online observer.
      const viewer = members[2 + pick(2)]!.store.getState().participantId;
      if (viewer)
        void members[1]!.client.command('director.say', { viewerId: viewer, text: `导演-${++n}`, kind: 'question' });
    } else if (r < 0.33) {
      scheduler.runAll();
    } else if (r < 0.37) {
      if (m.socket()?.connected) seen.cuts++;
      m.socket()?.cut();
    } else if (r < 0.43) {
      const s = m.socket();
      if (s && !s.connected) s.open();
    } else if (net.inFlight.length > 0) {
      // Mostly the oldest frame; sometimes a later one (a reorder); sometimes a batch is lost.
      const i = chance(0.7) ? 0 : pick(net.inFlight.length);
      if (net.inFlight[i]!.droppable && chance(0.15)) {
        seen.dropped++;
        net.drop(i);
      } else {
        if (i > 0) seen.reordered++;
        net.deliver(i);
      }
    }
    await tick();
  }

  // Heal: everyone back on, everything delivered, then one last event, which closes any gap.
  for (const m of members) {
    const s = m.socket();
    if (s && !s.connected) s.open();
  }
  await drain();
  void trainee.client.command('chat.send', { text: 'end', kind: 'chat' });
  await drain();

  const truth = room.snapshot();
  seen.events += truth.lastSeq;
  seen.syncs += gateway.syncs;
  seen.directed += truth.chat.filter((c) => c.directedBy).length;
  for (const m of members) {
    const want: SessionState = JSON.parse(JSON.stringify(viewState(m.view, truth))) as SessionState;
    const got = m.store.getState().state;
    if (got.lastSeq !== want.lastSeq) return `${m.name} (${m.role}) at seq ${got.lastSeq}, room at ${want.lastSeq}`;
    try {
      expect(got).toEqual(want);
    } catch {
      return `${m.name} (${m.role}) folded a different state at seq ${got.lastSeq}`;
    }
    if (m.view !== 'staff' && got.chat.some((c) => c.directedBy)) return `${m.name} (${m.role}) holds directedBy`;
  }
  for (const m of members) m.client.leave();
  return null;
}

describe('sync convergence fuzz (in-memory links: drops, delays, reorders, reconnects)', () => {
  // A re-join cut short by another cut is expected here; the client's warning about it is noise.
  beforeAll(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined));

  it.each(REGRESSIONS)('regression: seed $seed ($found)', async ({ seed }) => {
    expect(await runSeed(seed)).toBeNull();
  });

  it(`${RUNS} seeded runs: every client's state equals the room's`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const why = await runSeed(seed);
      if (why) failures.push(`seed ${seed}: ${why}`);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    console.log(`sync fuzz, ${RUNS} runs: ${JSON.stringify(seen)}`);
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(RUNS);
  });

  it('fails when resync is broken (the fuzz can fail)', async () => {
    const reasons: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const why = await runSeed(seed, { brokenSync: true });
      if (why) reasons.push(why);
    }
    expect(reasons.length).toBeGreaterThan(0);
    // It fails for the right reason: a client stuck behind a gap it could not fill.
    expect(reasons[0]).toMatch(/at seq \d+, room at \d+/);
  });
});
