/**
 * The trainee's studio in Chromium, in English (issue 16, points 1, 4 and 6): a trainee joins
 * through an invitation link /join/CODE; the status bar fits at 1280 and 1440 px; End is off
 * before the start; the keyboard pauses (the badge says Paused, the clock stops) and is ignored
 * while typing; R picks the waiting question; the chat follows the newest line through 200+ lines
 * and, scrolled up, shows a "New messages" marker; the last segment says it is the last; End asks
 * and ends only when confirmed; the report opens over an opaque backdrop with a visible close,
 * leads with "Fix these three first", exports without the join code in any URL, and prints alone.
 * Waits are on state (store, DOM attributes), never on frames. Screenshots: test/artifacts/studio-*.png
 * (docs/images with UPDATE_DOCS_IMAGES=1).
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../core/scenario.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { saveDocsScreenshot } from '../harness/screenshots.js';

const WAIT = { timeout: 60_000, polling: 250 } as const;

let server: RunningServer;
let browser: Browser;
let page: Page;
let peer: Peer;
let scenario: Scenario;
let code = '';
const requested: string[] = [];
const pageErrors: string[] = [];

const store = <T>(fn: string) => page.evaluate(fn) as Promise<T>;
const live = () => store<string>('window.__branchcast.store.getState().state.status');

/** Bounding boxes of the status bar's items (and the language toggle) that overlap, by test id or class. */
async function statusBarOverlaps(): Promise<{ overlaps: string[]; titleCut: boolean; outside: string[] }> {
  return page.evaluate(() => {
    const bar = document.querySelector('[data-testid=status-bar]')!;
    const items = [...bar.children, document.querySelector('[data-testid=lang-toggle]')].filter(
      (el): el is HTMLElement => el instanceof HTMLElement && el.getClientRects().length > 0,
    );
    const name = (el: HTMLElement) => el.dataset.testid ?? el.className;
    const boxes = items.map((el) => ({ n: name(el), r: el.getBoundingClientRect() }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.r, boxes[j]!.r];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          overlaps.push(`${boxes[i]!.n} × ${boxes[j]!.n}`);
      }
    const outside = boxes.filter((b) => b.r.right > window.innerWidth + 0.5 || b.r.left < 0).map((b) => b.n);
    const title = bar.querySelector<HTMLElement>('.status-title')!;
    const titleCut = title.scrollHeight > title.clientHeight + 1 || title.scrollWidth > title.clientWidth + 1;
    return { overlaps, titleCut, outside };
  });
}

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    // No bots: the test's own viewer writes every line, so counts are known.
    defaultRoom: { bots: 0, scenarioId: 'metaverse-investor-day' },
    // The chat test posts 230 lines at once.
    rateLimit: { burst: 1000, perSecond: 1000 },
    log: () => {},
  });
  if (!server.demo) throw new Error('the server opened no demo room');
  scenario = server.scenarios.get(server.demo.scenarioId)!;
  code = server.demo.codes.trainee!;
  browser = await launching;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(`localStorage.setItem('branchcast.lang', 'en')`);
  context.on('request', (r) => requested.push(r.url()));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  peer?.close();
  await browser?.close();
  await server?.close();
});

describe('the studio console', () => {
  it('joins through /join/CODE; End is off before the start; the English status bar fits at 1280 and 1440', async () => {
    await page.goto(`${server.url}/join/${code}`);
    await page.fill('[data-testid=lobby-name]', 'Chen Yue');
    await page.click('[data-testid=lobby-join]');
    await page.waitForSelector('[data-testid=hud]', WAIT);
    await expect(page.isDisabled('[data-testid=control-end]')).resolves.toBe(true);
    await page.click('[data-testid=control-start]');
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'live', null, WAIT);
    await expect(page.isDisabled('[data-testid=control-end]')).resolves.toBe(false);
    peer = await joinPeer(server.url, server.demo!.codes.bot!, 'Viewer');
    await page.waitForFunction(() => (window.__branchcast?.store.getState().state.audience ?? 0) > 0, null, WAIT);
    // The longest English title of the shipped scenarios, with the room codes and the Report button.
    expect(scenario.title.en!.length).toBeGreaterThan(50);
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction((w) => window.innerWidth === w, width, WAIT);
      const fit = await statusBarOverlaps();
      expect(fit.overlaps, `overlaps at ${width}`).toEqual([]);
      expect(fit.outside, `outside at ${width}`).toEqual([]);
      expect(fit.titleCut, `title cut at ${width}`).toBe(false);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('pauses from the keyboard: the badge says Paused, the clock stops; P in the reply box types a P', async () => {
    await expect(page.textContent('[data-testid=status-session]')).resolves.toBe('Live');
    await page.locator('body').press('p');
    await page.waitForSelector('[data-testid=status-session][data-paused="1"]', WAIT);
    await expect(page.textContent('[data-testid=status-session]')).resolves.toBe('Paused');
    await page.waitForSelector('[data-testid=paused-banner]', WAIT);
    const stopped = await page.textContent('[data-testid=status-elapsed]');
    // Let the room's clock move on (two seconds of events), then check the HUD's did not.
    const t0 = await store<number>('window.__branchcast.store.getState().state.t');
    for (let i = 0; ; i++) {
      await peer.send('chat.send', { text: `still there? ${i}`, kind: 'chat' });
      const t = await store<number>('window.__branchcast.store.getState().state.t');
      if (t - t0 > 2200) break;
      await page.waitForFunction((s) => window.__branchcast!.store.getState().state.t > s, t, WAIT);
    }
    await expect(page.textContent('[data-testid=status-elapsed]')).resolves.toBe(stopped);
    await expect(page.getAttribute('[data-testid=status-elapsed]', 'data-stopped')).resolves.toBe('1');
    await saveDocsScreenshot(page, 'studio-paused.png');
    // Typing in the reply box is typing, not a shortcut.
    await page.fill('[data-testid=reply-box]', '');
    await page.press('[data-testid=reply-box]', 'p');
    await expect(page.inputValue('[data-testid=reply-box]')).resolves.toBe('p');
    await expect(store<boolean>('window.__branchcast.store.getState().state.paused')).resolves.toBe(true);
    await page.fill('[data-testid=reply-box]', '');
    await page.locator('[data-testid=teleprompter] h2').click();
    await page.locator('body').press('p');
    await page.waitForSelector('[data-testid=status-session][data-paused="0"]', WAIT);
    await expect(page.getAttribute('[data-testid=status-elapsed]', 'data-stopped')).resolves.toBe('0');
    // The help lists the keys.
    await page.hover('[data-testid=shortcuts-help]');
    await expect(page.locator('[data-testid=shortcuts-list]').isVisible()).resolves.toBe(true);
  });

  it('N says the next line; R replies to the question that waited longest', async () => {
    const cursor = await store<number>('window.__branchcast.store.getState().state.lineCursor');
    await page.locator('body').press('n');
    await page.waitForFunction((c) => window.__branchcast!.store.getState().state.lineCursor > c, cursor, WAIT);
    const ack = (await peer.send('chat.send', { text: 'Is this product capital-guaranteed?', kind: 'question' })) as {
      seq?: number;
    };
    await page.waitForSelector(`[data-testid=chat-item][data-seq="${ack.seq}"]`, WAIT);
    await page.locator('body').press('r');
    await page.waitForSelector(`[data-testid=replying-to][data-seq="${ack.seq}"]`, WAIT);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('reply-box');
    await expect(page.inputValue('[data-testid=reply-box]')).resolves.toBe('');
    await page.click('[data-testid=replying-to] button');
  });

  it('the chat stays on the newest line through 230 lines; scrolled up, it shows New messages', async () => {
    for (let i = 0; i < 230; i++) void peer.send('chat.send', { text: `line ${i}`, kind: 'chat' });
    await page.waitForFunction(
      () => window.__branchcast!.store.getState().state.chat.at(-1)?.text === 'line 229',
      null,
      WAIT,
    );
    const newestInView = () =>
      page.evaluate(() => {
        const list = document.querySelector('[data-testid=chat-list]')!;
        const last = list.querySelector('[data-testid=chat-item]:last-of-type')!;
        const [l, r] = [list.getBoundingClientRect(), last.getBoundingClientRect()];
        return last.textContent?.includes('line 229') === true && r.bottom <= l.bottom + 1 && r.top >= l.top - 1;
      });
    await page.waitForFunction(
      () => {
        const list = document.querySelector('[data-testid=chat-list]')!;
        return list.scrollHeight - list.scrollTop - list.clientHeight < 2;
      },
      null,
      WAIT,
    );
    await expect(newestInView()).resolves.toBe(true);
    await expect(page.locator('[data-testid=chat-new-messages]').count()).resolves.toBe(0);
    // The trainee scrolls up to read; three more lines arrive.
    await page.evaluate(() => {
      document.querySelector('[data-testid=chat-list]')!.scrollTop = 0;
    });
    // The scroll event comes with a frame (slow on SwiftShader): wait until the list has let go.
    await page.waitForSelector('[data-testid=chat-list][data-following="0"]', WAIT);
    for (let i = 0; i < 3; i++) await peer.send('chat.send', { text: `later ${i}`, kind: 'chat' });
    const marker = page.locator('[data-testid=chat-new-messages]');
    await marker.waitFor(WAIT);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=chat-new-messages]')?.textContent?.includes('3') === true,
      null,
      WAIT,
    );
    await expect(marker.textContent()).resolves.toMatch(/New messages/);
    await expect(
      page.evaluate(() => document.querySelector('[data-testid=chat-list]')!.scrollTop),
    ).resolves.toBeLessThan(100);
    await marker.click();
    await page.waitForFunction(
      () => {
        const list = document.querySelector('[data-testid=chat-list]')!;
        const last = list.querySelector('[data-testid=chat-item]:last-of-type')!;
        return last.textContent?.includes('later 2') && list.scrollHeight - list.scrollTop - list.clientHeight < 2;
      },
      null,
      WAIT,
    );
    await expect(marker.count()).resolves.toBe(0);
  });

  it('on the last segment, 下一环节 is off and the teleprompter says it is the last', async () => {
    const n = scenario.segments.length;
    for (let i = await store<number>('window.__branchcast.store.getState().state.segmentIndex'); i < n - 1; i++) {
      await page.click('[data-testid=control-next]');
      await page.waitForFunction((k) => window.__branchcast!.store.getState().state.segmentIndex === k, i + 1, WAIT);
    }
    await expect(page.isDisabled('[data-testid=control-next]')).resolves.toBe(true);
    await expect(page.textContent('[data-testid=control-next]')).resolves.toBe('Last segment');
    await page.waitForSelector('[data-testid=prompt-last]', WAIT);
    const lines = scenario.segments[n - 1]!.lines.length;
    for (let c = 0; c < lines; c++) {
      await page.locator('body').press('n');
      await page.waitForFunction((k) => window.__branchcast!.store.getState().state.lineCursor > k, c, WAIT);
    }
    const hint = await page.textContent('[data-testid=prompt-hint]');
    expect(hint).toMatch(/Last segment/);
    expect(hint).not.toMatch(/next segment/i);
    expect(await live()).toBe('live');
  });

  it('End asks first: cancelled it stays live, confirmed it ends', async () => {
    await page.click('[data-testid=control-end]');
    await page.waitForSelector('[data-testid=end-confirm]', WAIT);
    await saveDocsScreenshot(page, 'studio-end-confirm.png');
    await page.click('[data-testid=end-confirm-no]');
    await expect(page.locator('[data-testid=end-confirm]').count()).resolves.toBe(0);
    expect(await live()).toBe('live');
    await page.click('[data-testid=control-end]');
    await page.click('[data-testid=end-confirm-yes]');
    // The server's session.ended, as the trainee's store received it (the demo room then reopens).
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'ended', null, WAIT);
  });

  it('the report: opaque, a visible close, Fix these three first, an export with no code in its URL', async () => {
    await page.waitForSelector('[data-testid=report-total]', WAIT);
    const look = await page.evaluate(() => {
      const alpha = (c: string) => (c.startsWith('rgba') ? Number(c.split(',')[3]!.replace(')', '')) : 1);
      const report = getComputedStyle(document.querySelector('[data-testid=report-page]')!);
      const close = document.querySelector<HTMLElement>('[data-testid=report-close]')!;
      const cs = getComputedStyle(close);
      const r = close.getBoundingClientRect();
      return {
        reportAlpha: alpha(report.backgroundColor),
        backdrop: alpha(getComputedStyle(document.querySelector('[data-testid=report-backdrop]')!).backgroundColor),
        closeText: close.textContent,
        closeColours: [cs.color, cs.backgroundColor],
        closeSize: [r.width, r.height],
      };
    });
    expect(look.reportAlpha).toBe(1);
    expect(look.backdrop).toBeGreaterThan(0.85);
    expect(look.closeText).toBe('Close');
    expect(look.closeColours[0]).not.toBe(look.closeColours[1]);
    expect(look.closeSize[0]).toBeGreaterThan(50);
    await expect(page.textContent('[data-testid=report-fix-first] h3')).resolves.toBe('Fix these three first');
    await expect(page.locator('[data-testid=report-fix-item]').count()).resolves.toBeGreaterThan(0);
    const exported = page.locator('[data-testid=report-export][href^="blob:"]');
    await exported.waitFor(WAIT);
    const html = await page.evaluate(async () => {
      const a = document.querySelector<HTMLAnchorElement>('[data-testid=report-export]')!;
      return (await fetch(a.href)).text();
    });
    expect(html).toContain('Rehearsal report');
    expect(html).toContain('Fix these three first');
    expect(html).toContain('<link rel="icon" href="data:,">');
    expect(html).not.toContain(code);
    expect(requested.filter((u) => u.includes('/report') && u.includes(code))).toEqual([]);
    expect(requested.filter((u) => /[?&]code=/.test(u))).toEqual([]);
    expect(requested.filter((u) => u.endsWith('/favicon.ico'))).toEqual([]);
    await saveDocsScreenshot(page, 'studio-report.png');
  });

  it('prints the report alone: the HUD, the 3D scene and the buttons are left out', async () => {
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const visible = (sel: string) => {
        const el = document.querySelector(sel);
        return el !== null && (el as HTMLElement).checkVisibility() && el.getClientRects().length > 0;
      };
      return {
        report: visible('[data-testid=report-page]'),
        total: visible('[data-testid=report-total]'),
        fixFirst: visible('[data-testid=report-fix-first]'),
        hud: visible('[data-testid=hud]'),
        statusBar: visible('[data-testid=status-bar]'),
        canvas: visible('canvas'),
        close: visible('[data-testid=report-close]'),
        backdrop: visible('[data-testid=report-backdrop]'),
        // Not clipped to the window: the whole report flows onto the pages.
        overflow: getComputedStyle(document.querySelector('[data-testid=report-page]')!).overflow,
        position: getComputedStyle(document.querySelector('[data-testid=report-page]')!).position,
      };
    });
    expect(shown).toEqual({
      report: true,
      total: true,
      fixFirst: true,
      hud: false,
      statusBar: false,
      canvas: false,
      close: false,
      backdrop: false,
      overflow: 'visible',
      position: 'static',
    });
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-testid=report-close]');
    await expect(page.locator('[data-testid=report-page]').count()).resolves.toBe(0);
  });

  it('threw nothing in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
