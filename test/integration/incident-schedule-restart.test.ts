/**
 * Scheduled incidents survive a restart (issue 15, point 8): a schedule made over REST is
 * recorded as `incident.scheduled` by the facilitator who made it; a server restarted on the same
 * data folder has it pending again and fires it when the stream's clock gets there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.js';
import { ManualClock } from '../../server/rooms/clock.js';
import { joinPeer } from '../harness/peers.js';
import { createSession, facilitatorCookie, startTestServer } from '../harness/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'branchcast-sched-'));
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduled incidents', () => {
  it('are recorded, restored after a restart, and fire on time', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ dataDir: dir, clock, defaultRoom: false });
    const cookie = await facilitatorCookie(server);
    const { sessionId, codes } = await createSession(server, 'anti-fraud-live', cookie);
    const t = await joinPeer(server.url, codes.trainee!, '学员', 'trainee');
    await t.send('session.start', {});
    const res = await fetch(`${server.url}/api/live/${sessionId}/incident`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ incidentId: 'lure-flood-qa', atMs: 60_000 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, scheduledAtMs: 60_000 });
    const recorded = server.store.readEvents(sessionId).filter((e) => e.type === 'incident.scheduled');
    expect(recorded).toMatchObject([{ incidentId: 'lure-flood-qa', atMs: 60_000, actor: { role: 'facilitator' } }]);
    t.close();
    await server.close();

    clock.advance(30_000);
    server = await startTestServer({ dataDir: dir, clock, defaultRoom: false });
    expect(server.workshop.control.scheduledAt(sessionId, 'lure-flood-qa')).toBe(60_000);
    await server.workshop.control.tick();
    expect(server.rooms.get(sessionId)!.snapshot().firedIncidents).not.toContain('lure-flood-qa');
    clock.advance(40_000);
    await server.workshop.control.tick();
    expect(server.rooms.get(sessionId)!.snapshot().firedIncidents).toContain('lure-flood-qa');
    expect(server.workshop.control.scheduledAt(sessionId, 'lure-flood-qa')).toBeNull();
  });
});
