/** Scheduled incidents fire on the room's own clock in a live room; the scenario decides when. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/rooms/clock.js';
import { joinPeer } from '../harness/peers.js';
import { startTestServer } from '../harness/test-server.js';

describe('scheduled incidents', () => {
  it('fire once, at their segment and delay, with the system as actor', async () => {
    const clock = new ManualClock();
    const server = await startTestServer({ clock });
    try {
      const codes = server.demo!.codes;
      const room = server.rooms.get(server.demo!.sessionId)!;
      const lure = room.scenario.incidents.find((i) => i.kind === 'lure_flood' && i.at)!;
      const segIndex = room.scenario.segments.findIndex((s) => s.id === lure.at!.segment);
      const trainee = await joinPeer(server.url, codes.trainee, '主播', 'trainee');
      const observer = await joinPeer(server.url, codes.observer, '观察', 'observer');
      await trainee.send('session.start', {});
      for (let i = 0; i < segIndex; i++) await trainee.send('segment.next', {});
      clock.advance(lure.at!.afterSec * 1000 - 1000);
      await server.rooms.tick();
      expect(room.snapshot().firedIncidents).toEqual([]);
      clock.advance(2000);
      await server.rooms.tick();
      await server.rooms.tick();
      const fired = await observer.waitFor((e) => e.type === 'incident.fired');
      expect(fired).toMatchObject({ incidentId: lure.id, actor: { role: 'system' } });
      expect(room.snapshot().firedIncidents).toEqual([lure.id]);
      trainee.close();
      observer.close();
    } finally {
      await server.close();
    }
  });
});
