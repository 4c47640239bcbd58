/** Replay: seeking equals the live state; checkpoints equal folding from the start (docs/SPEC.md RP1–RP3). */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReplayIndex, markers } from '../../core/replay/replay-index.js';
import { Rng } from '../../core/random.js';
import { fold, type SessionState } from '../../core/session.js';
import type { Scenario } from '../../core/scenario.js';
import { loadScenes } from '../../server/content/scenes.js';
import { simulate, type SimulationResult } from '../../server/sim/simulate.js';

let sim: SimulationResult;
let scenario: Scenario;
const snapshots = new Map<number, SessionState>();

beforeAll(async () => {
  scenario = loadScenes(resolve(import.meta.dirname, '../../scenes')).scenarios.get('metaverse-investor-day')!;
  sim = await simulate({ scenario, seed: 77, bots: 40, minutes: 20, onCommit: (s) => snapshots.set(s.lastSeq, s) });
});

describe('replay', () => {
  it('RP1: the state after seeking to any moment equals the live state the room had then', () => {
    const index = new ReplayIndex(sim.events, 64);
    const rng = new Rng(3);
    const seqs = [...snapshots.keys()];
    expect(seqs.length).toBeGreaterThan(100);
    for (let k = 0; k < 150; k++) {
      const seq = rng.pick(seqs);
      expect(index.stateAtIndex(index.indexOfSeq(seq)), `seq ${seq}`).toEqual(snapshots.get(seq));
    }
    expect(index.final).toEqual(sim.state);
  });

  it('RP2: folding from a checkpoint gives the same state as folding from the start, at any interval', () => {
    const a = new ReplayIndex(sim.events, 1);
    const b = new ReplayIndex(sim.events, 500);
    const rng = new Rng(4);
    for (let k = 0; k < 20; k++) {
      const i = rng.int(sim.events.length);
      const fromStart = fold(sim.events.slice(0, i + 1));
      expect(b.stateAtIndex(i)).toEqual(fromStart);
      expect(a.stateAtIndex(i)).toEqual(fromStart);
    }
  });

  it('RP2: seeking by time lands after every event at or before t; the sliced seek gives the same state', () => {
    const index = new ReplayIndex(sim.events, 100);
    const t = sim.events[Math.floor(sim.events.length / 2)]!.t;
    const i = index.indexAtTime(t);
    expect(sim.events[i]!.t).toBeLessThanOrEqual(t);
    expect(sim.events[i + 1]!.t).toBeGreaterThan(t);
    const steps = index.seekSteps(i, 7);
    let r = steps.next();
    let yields = 0;
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    expect(yields).toBeGreaterThan(0);
    expect(r.value).toEqual(index.stateAtTime(t));
    expect(index.stateAtTime(-1)).toEqual(index.stateAtIndex(-1));
  });

  it('RP12: a lazy index answers seeks while it builds, with the same states as a built one', () => {
    const lazy = new ReplayIndex(sim.events, 64, { lazy: true });
    expect(lazy.indexed).toBe(0);
    expect(lazy.complete).toBe(false);
    expect(lazy.startedT).toBe(sim.events.find((e) => e.type === 'session.started')!.t);
    const rng = new Rng(5);
    const seqs = [...snapshots.keys()];
    for (let k = 0; k < 60; k++) {
      // Build a slice between seeks, as the player does between frames.
      lazy.build(rng.int(300));
      const seq = rng.pick(seqs);
      const i = lazy.indexOfSeq(seq);
      if (k % 2) {
        const steps = lazy.seekSteps(i, 50);
        let r = steps.next();
        while (!r.done) r = steps.next();
        expect(r.value, `seq ${seq}`).toEqual(snapshots.get(seq));
      } else expect(lazy.stateAtIndex(i), `seq ${seq}`).toEqual(snapshots.get(seq));
    }
    while (!lazy.build(1000));
    expect(lazy.final).toEqual(sim.state);
    // Every checkpoint lands where an eager build puts it, whatever drove the build.
    const eager = new ReplayIndex(sim.events, 64);
    expect(lazy.checkpoints.map((c) => c.index)).toEqual(eager.checkpoints.map((c) => c.index));
  });

  it('RP3: the same seed replays the same session: messages, prices and fills', async () => {
    // The scenario as loaded: state.scenario has {host} filled with the trainee's name.
    const again = await simulate({ scenario, seed: 77, bots: 40, minutes: 20 });
    const strip = (es: typeof sim.events) => es.map((e) => JSON.stringify({ ...e, sessionId: undefined }));
    expect(strip(again.events)).toEqual(strip(sim.events));
    expect(JSON.stringify(again.state.scenario)).toEqual(JSON.stringify(sim.state.scenario));
    expect(markers(sim.events).some((m) => m.kind === 'segment')).toBe(true);
  });
});
