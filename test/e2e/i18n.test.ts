/**
 * Interface languages in Chromium: Chinese by default; the toggle switches the lobby and the
 * rehearsal HUD to English with no Chinese left in the interface's own words (scenario content,
 * names and chat are data and stay as they are), sets <html lang>, and survives a reload
 * (localStorage). Also: a /join/CODE link fills the lobby's code.
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { chromeText as sharedChromeText, CJK } from '../harness/interface-text.js';
import { facilitatorCookie } from '../harness/test-server.js';

const WAIT = { timeout: 60_000, polling: 250 } as const;

let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/**
 * Data inside the screens read below — scenario titles and lines, chat, names, the segment title —
 * and the language toggle (it names the other language): not the interface's own words.
 */
const DATA = [
  '.status-title',
  '.segment-title',
  '.chat-list',
  '.teleprompter ol',
  '.scenario-text strong',
  '.scenario-text p',
  '.programme-ref',
  '[data-testid=lang-toggle]',
  '.role-tag + .codes code',
  '.report-body td',
  '.report-note',
  '.report-finding',
  '.report-quote',
];
const chromeText = (p: Page, selector: string) => sharedChromeText(p, selector, DATA);

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    defaultRoom: { bots: 0 },
    log: () => {},
  });
  if (!server.demo) throw new Error('the server opened no demo room');
  browser = await launching;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('interface languages', () => {
  it('starts in Simplified Chinese', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=scenario-item]', WAIT);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await expect(page.textContent('[data-testid=join-form] h2')).resolves.toBe('加入演练');
    await expect(page.textContent('[data-testid=lang-toggle]')).resolves.toBe('EN');
  });

  it('switches the lobby to English with no Chinese left in its own words', async () => {
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(() => document.documentElement.lang === 'en', null, WAIT);
    await expect(page.textContent('[data-testid=join-form] h2')).resolves.toBe('Join a rehearsal');
    await expect(page.textContent('[data-testid=lobby-join]')).resolves.toBe('Join');
    await expect(page.textContent('[data-testid=lang-toggle]')).resolves.toBe('中文');
    // Segment counts go through i18next plurals.
    await expect(page.textContent('[data-testid=scenario-item] small')).resolves.toMatch(/\d+ segments?/);
    const text = await chromeText(page, '[data-testid=lobby]');
    expect(text).toMatch(/scenarios/i);
    expect(text.match(CJK), text).toBeNull();
  });

  it('keeps English after a reload', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid=scenario-item]', WAIT);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(page.textContent('[data-testid=join-form] h2')).resolves.toBe('Join a rehearsal');
  });

  it('shows the rehearsal HUD in English', async () => {
    await page.fill('[data-testid=lobby-name]', '陈悦');
    await page.click('[data-testid=lobby-join]');
    await page.waitForSelector('[data-testid=hud]', WAIT);
    await expect(page.textContent('[data-testid=status-session]')).resolves.toBe('Not started');
    await expect(page.textContent('[data-testid=control-start]')).resolves.toBe('Start');
    await page.click('[data-testid=control-start]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=status-session]')?.textContent?.includes('Live'),
      null,
      WAIT,
    );
    await expect(page.textContent('[data-testid=status-segment]')).resolves.toMatch(/^Segment 1\/\d+$/);
    const text = await chromeText(page, '[data-testid=hud]');
    expect(text).toMatch(/live chat/i);
    expect(text).toMatch(/teleprompter/i);
    expect(text.match(CJK), text).toBeNull();
  });

  it('shows the report in English', async () => {
    await page.click('[data-testid=open-report]');
    await page.waitForSelector('[data-testid=report-total]', WAIT);
    const text = await chromeText(page, '[data-testid=report-page]');
    expect(text).toMatch(/Rehearsal report/i);
    expect(text).toMatch(/pass mark \d+/);
    expect(text.match(CJK), text).toBeNull();
    await page.click('[data-testid=report-close]');
  });

  it('switches the HUD back to Chinese in place', async () => {
    await page.click('[data-testid=lang-toggle]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=status-session]')?.textContent?.includes('直播中'),
      null,
      WAIT,
    );
    await expect(page.textContent('[data-testid=control-next]')).resolves.toBe('下一环节');
    await page.click('[data-testid=leave]');
  });

  it('shows the replays list in English, dates in the English locale', async () => {
    const [name, value] = (await facilitatorCookie(server)).split('=') as [string, string];
    await page.context().addCookies([{ name, value, url: server.url }]);
    await page.click('[data-testid=lang-toggle]');
    await page.goto(`${server.url}/sessions`);
    await page.waitForSelector('[data-testid=session-row]', WAIT);
    const text = await chromeText(page, '[data-testid=sessions-page]');
    expect(text).toMatch(/Replays & critique/);
    expect(text.match(CJK), text).toBeNull();
    const created = await page.textContent('[data-testid=session-row] td');
    const year = String(new Date().getFullYear());
    expect(created).toContain(year);
    expect(created).not.toContain('年');
    await page.click('[data-testid=lang-toggle]');
    await expect(page.textContent('[data-testid=session-row] td')).resolves.toContain('年');
  });

  it('fills the lobby from an invitation link /join/CODE', async () => {
    const code = server.demo!.codes.trainee;
    await page.goto(`${server.url}/join/${code}`);
    await page.waitForSelector('[data-testid=lobby-code]', WAIT);
    await expect(page.inputValue('[data-testid=lobby-code]')).resolves.toBe(code);
    await expect(page.textContent('[data-testid=lobby-demo-hint]')).resolves.toContain('邀请链接');
  });

  it('throws no error in the page on any of these screens', () => {
    expect(pageErrors).toEqual([]);
  });
});
