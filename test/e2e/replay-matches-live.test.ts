/**
 * Issue 16 points 5, 7 and 8 in Debian's Chromium: the crisis drill watched live by an observer,
 * then replayed — at each moment the replay's LED wall draws the same words as the live one did
 * (the slide, the wrong 8.5 %, the correction ribbon the host's request put up at once, the pause
 * card); 1× playback advances at wall-clock speed within 10 % while the CPU is throttled six times
 * (frames far apart); and a trainee with no account starts a practice session from the lobby,
 * finds it under their own replays, and a facilitator's switch on the team page turns it off.
 * Waits are on state (store fields, data attributes), never on frames.
 */
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../core/scenario.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { createSession, facilitatorCookie, TEST_FACILITATOR } from '../harness/test-server.js';
import '../harness/client-globals.js';

const WAIT = { timeout: 60_000, polling: 250 } as const;
const CRISIS = 'crisis-drill-wrong-data';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie: string;
let scenario: Scenario;
let sessionId: string;
let host: Peer;
let fac: Peer;
const pageErrors: string[] = [];
/** What the live wall drew at each moment: the seq shown and the strings painted. */
const moments: Array<{ name: string; seq: number; text: string[] }> = [];

type LedView = NonNullable<NonNullable<Window['__branchcast']>['led']>['view'];

/** Wait until the page's wall satisfies `want` (fields of its view that must match), then record it. */
async function capture(name: string, want: Partial<Record<keyof LedView | 'slideKind' | 'corrected', unknown>>) {
  await page.waitForFunction(
    (w) => {
      const led = window.__branchcast?.led?.view;
      if (!led) return false;
      const have: Record<string, unknown> = {
        ...led,
        slideKind: led.slide.kind,
        corrected: led.slide.correction !== null,
      };
      return Object.entries(w).every(([k, v]) => have[k] === v);
    },
    want,
    WAIT,
  );
  const m = await page.evaluate(() => ({
    seq: window.__branchcast!.store.getState().state.lastSeq,
    text: window.__branchcast!.led!.text,
  }));
  moments.push({ name, ...m });
}

async function waitSeq(seq: number): Promise<void> {
  await page.waitForFunction((s) => window.__branchcast?.store.getState().state.lastSeq === s, seq, WAIT);
}

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: false, log: () => {} });
  cookie = await facilitatorCookie(server);
  scenario = server.scenarios.get(CRISIS)!;
  const made = await createSession(server, CRISIS, cookie);
  sessionId = made.sessionId;
  host = await joinPeer(server.url, made.codes.trainee!, '何岚', 'trainee');
  fac = await joinPeer(server.url, made.codes.facilitator!, '讲师', 'facilitator');
  browser = await launching;
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The observer watches live, as a viewer would.
  await page.goto(`${server.url}/`);
  await page.click('[data-testid=lobby-role-observer]');
  await page.fill('[data-testid=lobby-code]', made.codes.observer!);
  await page.click('[data-testid=lobby-join]');
  await page.waitForFunction((id) => window.__branchcast?.store.getState().state.sessionId === id, sessionId, WAIT);
});

afterAll(async () => {
  host?.close();
  fac?.close();
  await browser?.close();
  await server?.close();
});

describe('replay matches live', () => {
  it('the live wall: the slide, the wrong figure, the ribbon at the host’s request, the pause card', async () => {
    const overview = scenario.segments.findIndex((s) => s.id === 'market-overview');
    await host.send('session.start', {});
    for (let i = 0; i < overview; i++) await host.send('segment.next', {});
    await host.send('host.say', { text: scenario.segments[overview]!.lines[0]!.zh, lineIndex: 0 });
    await capture('slide', { status: 'live', segmentIndex: overview, slideKind: 'slide' });
    await fac.send('incident.fire', { incidentId: 'wrong-figure' });
    await capture('wrong figure', { slideKind: 'wrong' });
    expect(moments.at(-1)!.text.join(' ')).toContain('8.5%');
    // The host asks the studio to fix the wall: the ribbon goes up now, in the same segment.
    await host.send('chat.send', { text: '请导播把大屏这一页撤下来更正', kind: 'chat', replyTo: null });
    await capture('correction ribbon', { corrected: true, segmentIndex: overview });
    expect(moments.at(-1)!.text.join(' ')).toContain('0.85%');
    await host.send('stream.pause', { paused: true });
    await capture('paused', { paused: true });
    await host.send('stream.pause', { paused: false });
    await host.send('session.end', {});
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'ended', null, WAIT);
  });

  it('RP10: the replay’s wall at each of those moments draws what the live wall drew', async () => {
    await page.goto(`${server.url}/replay/${encodeURIComponent(sessionId)}`);
    await page.waitForFunction(() => window.__branchcastReplay?.player?.index.length, null, WAIT);
    for (const m of moments) {
      await page.evaluate((s) => window.__branchcastReplay!.player!.seekSeq(s), m.seq);
      await waitSeq(m.seq);
      const drawn = await page
        .waitForFunction(
          (want) => JSON.stringify(window.__branchcast?.led?.text) === want,
          JSON.stringify(m.text),
          WAIT,
        )
        .then(
          () => m.text,
          async () => page.evaluate(() => window.__branchcast?.led?.text ?? []),
        );
      expect(drawn, m.name).toEqual(m.text);
    }
  });

  it('RP11: 1× playback follows the wall clock within 10 % while frames are slow', async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    try {
      // Record every playhead move with the wall time it was made at.
      await page.evaluate(() => {
        const r = window.__branchcastReplay!;
        r.store.setState({ speed: 1, skipIdle: false });
        r.player!.seekIndex(-1);
        const log: Array<[number, number]> = [];
        (window as unknown as { __playLog: typeof log }).__playLog = log;
        r.store.subscribe((s) => log.push([performance.now(), s.t]));
        r.player!.play();
      });
      const duration = await page.evaluate(() => window.__branchcastReplay!.player!.index.duration);
      const windowMs = Math.min(8000, duration * 0.7);
      expect(windowMs).toBeGreaterThan(2000);
      await page.waitForFunction(
        (w) => {
          const log = (window as unknown as { __playLog: Array<[number, number]> }).__playLog;
          return log.length > 1 && log.at(-1)![1] - log[0]![1] > w;
        },
        windowMs,
        { timeout: 60_000, polling: 500 },
      );
      const log = await page.evaluate(() => {
        window.__branchcastReplay!.player!.pause();
        return (window as unknown as { __playLog: Array<[number, number]> }).__playLog;
      });
      const moves = log.filter(([, t], i) => i > 0 && t !== log[i - 1]![1]);
      const first = moves[0]!;
      const last = moves.at(-1)!;
      const rate = (last[1] - first[1]) / (last[0] - first[0]);
      const gaps = moves.slice(1).map(([w], i) => w - moves[i]![0]);
      console.log(
        `1× replay: ${rate.toFixed(3)}× over ${Math.round(last[0] - first[0])} ms, mean frame gap ${Math.round(gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length))} ms`,
      );
      expect(rate).toBeGreaterThan(0.9);
      expect(rate).toBeLessThan(1.1);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
  });
});

describe('self-practice from the lobby', () => {
  it('a trainee with no account starts a practice session alone and finds it under their replays', async () => {
    const trainee = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await trainee.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await p.goto(`${server.url}/`);
      await p.waitForSelector('[data-testid=scenario-list][data-practice="1"]', WAIT);
      await p.click(`[data-testid=scenario-item][data-scenario-id="${CRISIS}"] [data-testid=scenario-practice]`);
      await p.waitForFunction(
        (id) => {
          const s = window.__branchcast?.store.getState();
          return s?.role === 'trainee' && s.state.scenario?.id === id;
        },
        CRISIS,
        WAIT,
      );
      await p.click('[data-testid=control-start]:not([disabled])');
      await p.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'live', null, WAIT);
      const practiceId = await p.evaluate(() => window.__branchcast!.store.getState().state.sessionId);
      // No facilitator ever joined; the recording has it from the start.
      const events = (await (
        await fetch(`${server.url}/api/sessions/${practiceId}/events`, { headers: { cookie } })
      ).json()) as { events: Array<{ type: string; role?: string }> };
      expect(events.events.some((e) => e.type === 'session.started')).toBe(true);
      expect(events.events.filter((e) => e.type === 'participant.joined' && e.role === 'facilitator')).toEqual([]);
      await p.goto(`${server.url}/sessions`);
      await p.waitForSelector(`[data-testid=session-row][data-session-id="${practiceId}"]`, WAIT);
    } finally {
      await trainee.close();
    }
  });

  it('a facilitator turns it off on the team page; the lobby then offers no practice', async () => {
    const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await staff.newPage();
    try {
      // Signed in through the login page, which comes back to the team page.
      await p.goto(`${server.url}/login?next=${encodeURIComponent('/console/facilitators')}`);
      await p.waitForSelector('[data-testid=login-form]', WAIT);
      await p.fill('[data-testid=login-username]', TEST_FACILITATOR.username);
      await p.fill('[data-testid=login-password]', TEST_FACILITATOR.password);
      await p.click('[data-testid=login-submit]');
      await p.waitForSelector('[data-testid=practice-mode]:not([disabled])', WAIT);
      await p.selectOption('[data-testid=practice-mode]', 'off');
      await p.waitForSelector('[data-testid=practice-mode]:not([disabled])', WAIT);
      const mode = (await (await fetch(`${server.url}/api/practice`)).json()) as { mode: string; allowed: boolean };
      expect(mode).toEqual({ mode: 'off', allowed: false });
      const trainee = await browser.newContext();
      const t = await trainee.newPage();
      await t.goto(`${server.url}/`);
      await t.waitForSelector('[data-testid=scenario-list][data-practice="0"]', WAIT);
      await expect(t.locator('[data-testid=scenario-practice]').count()).resolves.toBe(0);
      await trainee.close();
    } finally {
      await staff.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
