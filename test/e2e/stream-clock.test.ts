/**
 * One session clock in the browser (docs/RUBRICS.md ST2): the room opens 3 minutes before the
 * trainee starts; a line said at stream time 02:05 is reported at 02:05 (JSON, HTML export) and the
 * report's link opens a replay whose timeline and HUD read 02:05. Fails (never skips) when
 * Chromium is missing.
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/rubric/report-model.js';
import { ManualClock } from '../../server/rooms/clock.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer } from '../harness/peers.js';
import { facilitatorCookie } from '../harness/test-server.js';

const WAIT = { timeout: 60_000, polling: 200 } as const;
let server: RunningServer;
let browser: Browser;
let page: Page;
let cookie: string;
let sessionId: string;
let report: Report;
let html: string;

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  // Starts at the wall clock: the login cookie the browser carries is checked against it.
  const clock = new ManualClock(Date.now());
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: false, log: () => {}, clock });
  cookie = await facilitatorCookie(server);
  const room = await server.rooms.create(server.scenarios.get('anti-fraud-live')!);
  sessionId = room.id;
  clock.advance(180_000); // the room waits three minutes for its trainee
  const trainee = await joinPeer(server.url, room.record.codes.trainee, '陈悦', 'trainee');
  await trainee.send('session.start', {});
  clock.advance(125_000);
  await trainee.send('host.say', { text: '这只基金稳赚不赔，放心买。', lineIndex: null });
  clock.advance(20_000);
  await trainee.send('session.end', {});
  trainee.close();
  report = (await (
    await fetch(`${server.url}/api/sessions/${sessionId}/report`, { headers: { cookie } })
  ).json()) as Report;
  html = await (await fetch(`${server.url}/api/sessions/${sessionId}/report.html`, { headers: { cookie } })).text();
  browser = await launching;
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await context.addCookies([
    { name: 'bc_session', value: cookie.split('=')[1]!, domain: '127.0.0.1', path: '/', sameSite: 'Strict' },
  ]);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('ST2 a finding at HUD 02:05 is reported and replayed at 02:05', () => {
  it('the report says 02:05 (JSON and HTML), not the room clock 05:05', () => {
    const f = report.findings[0]!;
    expect(f.streamT).toBe(125_000);
    expect(html).toContain('在回放中查看 02:05');
    expect(html).not.toContain('05:05');
  });

  it("the report's link opens a replay whose timeline and HUD read 02:05", async () => {
    const f = report.findings[0]!;
    await page.goto(`http://127.0.0.1:${server.port}${f.link}`);
    await page.waitForFunction(
      (seq) =>
        window.__branchcast?.store.getState().state.lastSeq === seq &&
        window.__branchcastReplay?.store.getState().seeking === false,
      f.seq,
      WAIT,
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid=replay-time]')?.textContent === '02:05',
      null,
      WAIT,
    );
    expect(await page.textContent('[data-testid=status-elapsed]')).toContain('02:05');
    const marker = page.locator(`[data-testid=timeline-marker][data-kind=finding][data-seq="${f.seq}"]`).first();
    expect(await marker.getAttribute('title')).toContain('02:05');
  });
});
