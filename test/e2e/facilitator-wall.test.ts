/**
 * Issue 17's "Done when", in Chromium against the real server started with a public URL: links
 * printed and shown with it (a QR code that decodes to it); a wall of three live rooms where a
 * critical finding lights its card; a message to all rooms reaching every trainee; director mode
 * with a cast member and a hotkey line the trainee sees as that viewer's; an ended session's panel
 * linking to its report; a Chinese CSV with local times; a colleague disabled and unable to log
 * in; a trainee's teleprompter naming that trainee. Every wait is on state (DOM attributes, events),
 * never a sleep. The wall's screenshot lands in test/artifacts/wall.png (docs/images/ with
 * UPDATE_DOCS_IMAGES=1).
 */
import jsQR from 'jsqr';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';
import { startupLines } from '../../server/cli/serve.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { saveDocsScreenshot } from '../harness/screenshots.js';
import { facilitatorCookie } from '../harness/test-server.js';

const WAIT = { timeout: 45_000, polling: 250 } as const;
const SCENARIO = 'crisis-drill-wrong-data';
const PUBLIC = 'http://branch-room.lan.test:8080';
const TRAINEES = ['周婷', '吴昊', '郑爽'] as const;
const CRITICAL = '这只基金稳赚不赔，保证收益，包赚不亏！';
const NOTICE = '还有五分钟，请准备收尾';

let server: RunningServer;
let origin: string;
let browser: Browser;
let page: Page;
let traineePage: Page;
let cookie = '';
const peers: Peer[] = [];
let cohortId = '';
const sessions = new Map<string, { sessionId: string; code: string }>();

const card = (name: string) => `[data-testid=wall-card]:has([data-testid=wall-trainee]:text-is("${name}"))`;

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cookie', cookie);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${origin}${path}`, { ...init, headers });
}

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    publicUrl: PUBLIC,
    defaultRoom: { bots: 0 },
    workshopBotTickMs: 100,
    log: () => {},
  });
  origin = `http://127.0.0.1:${server.port}`;
  // Accounts: the tests' facilitator and a colleague to disable later.
  cookie = await facilitatorCookie(server);
  await server.access.auth.addFacilitator('zhao.colleague', 'colleague-pass-2026');
  browser = await launching;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([
    { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: origin, httpOnly: true },
  ]);
  page = await context.newPage();
  traineePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();

  const cohort = (await (
    await api('/api/cohorts', { method: 'POST', body: JSON.stringify({ name: '投教直播 二期' }) })
  ).json()) as {
    id: string;
  };
  cohortId = cohort.id;
  await api(`/api/cohorts/${cohortId}/trainees`, { method: 'POST', body: JSON.stringify({ names: TRAINEES }) });
  const started = (await (
    await api(`/api/cohorts/${cohortId}/sessions`, {
      method: 'POST',
      body: JSON.stringify({ scenarioId: SCENARIO, bots: { count: 2, ratePerMinute: 1, rampSec: 0 } }),
    })
  ).json()) as { sessions: Array<{ name: string; sessionId: string; joinCode: string }> };
  for (const s of started.sessions) sessions.set(s.name, { sessionId: s.sessionId, code: s.joinCode });
});

afterAll(async () => {
  for (const p of peers) p.close();
  await browser?.close();
  await server?.close();
});

describe('a facilitator console for a 20-trainee workshop (issue 17)', () => {
  it('prints and shows links at the public URL, with a QR code that decodes to the link', async () => {
    const printed = startupLines(server, { demo: 'local' }).join('\n');
    expect(printed).toContain(`Branchcast is serving on ${PUBLIC}`);
    expect(printed).toContain(`${PUBLIC}/console`);
    expect(printed).toMatch(new RegExp(`trainee link ${PUBLIC.replace(/\./g, '\\.')}/join/[A-Z0-9]+`));

    await page.goto(`${origin}/console/cohorts/${encodeURIComponent(cohortId)}`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=assignment-row]').length === 3,
      null,
      WAIT,
    );
    const row = page.locator(`[data-testid=assignment-row][data-session-id="${sessions.get(TRAINEES[0])!.sessionId}"]`);
    const expected = `${PUBLIC}/join/${sessions.get(TRAINEES[0])!.code}`;
    await page.waitForFunction(
      (url) =>
        [...document.querySelectorAll('[data-testid=assignment-link]')].some((a) => a.getAttribute('href') === url),
      expected,
      WAIT,
    );
    await expect(row.locator('[data-testid=assignment-link]').getAttribute('href')).resolves.toBe(expected);
    await row.locator('[data-testid=qr-toggle]').click();
    await row.locator('[data-testid=join-qr]').waitFor(WAIT);
    // Decode the image the page shows (its pixels, read back from a canvas) with jsQR.
    const img = await row.locator('[data-testid=join-qr]').evaluate(async (el) => {
      const im = el as HTMLImageElement;
      await im.decode();
      const c = document.createElement('canvas');
      c.width = im.naturalWidth;
      c.height = im.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(im, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height);
      return { w: d.width, h: d.height, data: Array.from(d.data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(img.data), img.w, img.h);
    expect(decoded?.data).toBe(expected);
  });

  it('names the trainee on their teleprompter; three rooms go live on the wall', async () => {
    const [first, ...others] = TRAINEES;
    await traineePage.goto(`${origin}/join/${sessions.get(first)!.code}`);
    await traineePage.fill('[data-testid=lobby-name]', first);
    await traineePage.click('[data-testid=lobby-join]');
    await traineePage.waitForSelector('[data-testid=control-start]:not([disabled])', WAIT);
    await traineePage.click('[data-testid=control-start]');
    // The script says {host}: the teleprompter says who hosts.
    await traineePage.waitForSelector(`[data-testid=prompt-line]:has-text("我是主播${first}")`, WAIT);
    expect(await traineePage.locator('[data-testid=teleprompter]').textContent()).not.toContain('{host}');
    for (const name of others) {
      const peer = await joinPeer(origin, sessions.get(name)!.code, name, 'trainee');
      peers.push(peer);
      expect((await peer.send('session.start', {})).ok).toBe(true);
    }
    await page.goto(`${origin}/console`);
    await page.click('[data-testid=wall-mode-wall]');
    await page.waitForFunction(
      (names) =>
        names.every((n) =>
          [...document.querySelectorAll('[data-testid=wall-card]')].some(
            (c) =>
              c.querySelector('[data-testid=wall-trainee]')?.textContent === n && c.querySelector('.pill.status-live'),
          ),
        ),
      [...TRAINEES],
      WAIT,
    );
    await expect(page.locator('[data-testid=wall-card]').count()).resolves.toBe(3);
  });

  it('lights the card of a room where a critical finding is made, and lists it in the feed', async () => {
    const careless = peers[0]!;
    const name = TRAINEES[1];
    expect(await page.getAttribute(card(name), 'data-alert')).toBe('none');
    await careless.send('host.say', { text: CRITICAL, lineIndex: null });
    await page.waitForSelector(`${card(name)}[data-alert=critical]`, WAIT);
    await page.waitForSelector(`[data-testid=feed-item][data-kind=critical]:has-text("${name}")`, WAIT);
    // The others stay dark.
    for (const other of [TRAINEES[0], TRAINEES[2]])
      expect(await page.getAttribute(card(other), 'data-alert')).toBe('none');
    await saveDocsScreenshot(page, 'wall.png');
  });

  it('sends a message to all rooms; every trainee gets it as a facilitator notice', async () => {
    await page.fill('[data-testid=notice-all-text]', NOTICE);
    await page.click('[data-testid=notice-all]');
    await page.waitForSelector('[data-testid=bulk-result]', WAIT);
    await traineePage.waitForSelector(`[data-testid=facilitator-notice-text]:text-is("${NOTICE}")`, WAIT);
    for (const p of peers) {
      const e = await p.waitFor((x) => x.type === 'facilitator.notice');
      expect(e).toMatchObject({ text: NOTICE });
    }
  });

  it('speaks as a cast member with a hotkey; the trainee sees the line as that viewer’s', async () => {
    const name = TRAINEES[0];
    await page.click(card(name));
    await page.waitForSelector(`[data-testid=session-panel] .panel-title:text-is("${name}")`, WAIT);
    const member = page.locator('[data-testid=cast-member][data-cast-id=retiree]');
    await member.locator('input').check();
    const line = (await page.locator('[data-testid=director-line]').nth(2).textContent())!;
    const text = line.replace(/^\s*3\s*\S+\s*/, '').trim();
    // Keys 1–9 work while the panel has focus outside a text field.
    await page.focus('[data-testid=panel-director]');
    await page.keyboard.press('3');
    await page.waitForSelector('[data-testid=director-sent]', WAIT);
    const item = traineePage.locator(`[data-testid=chat-item]:has(.text:text-is("${text}"))`);
    await item.waitFor(WAIT);
    await expect(item.locator('.who').textContent()).resolves.toBe('退休张阿姨');
    await expect(item.textContent()).resolves.not.toMatch(/导演|directed/);
    // The console's chat marks it directed.
    await page.waitForSelector(`[data-testid=panel-chat-item][data-directed=true]:has-text("${text}")`, WAIT);
  });

  it('keeps an ended session with its final score and a link to its report', async () => {
    const name = TRAINEES[2];
    const id = sessions.get(name)!.sessionId;
    await page.click(card(name));
    await page.waitForSelector(`[data-testid=session-panel] .panel-title:text-is("${name}")`, WAIT);
    await page.click('[data-testid=panel-end]');
    await page.click('[data-testid=end-yes]');
    // The open panel becomes the ended session's, and the session moves to today's ended list.
    await page.waitForSelector(`[data-testid=ended-row][data-session-id="${id}"]`, WAIT);
    const link = page.locator('[data-testid=session-panel][data-ended=true] [data-testid=ended-report-link]');
    await link.waitFor(WAIT);
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/api/sessions/${id}/report.html?lang=zh`);
    await page.waitForSelector('[data-testid=session-panel][data-ended=true] [data-testid=ended-score]', WAIT);
    const report = await api(href);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
  });

  it('exports a Chinese CSV with local times', async () => {
    const bytes = new Uint8Array(await (await api(`/api/cohorts/${cohortId}/results.csv`)).arrayBuffer());
    // The UTF-8 byte-order mark Excel needs to read Chinese.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const [head, ...rows] = csv.split('\r\n').filter(Boolean);
    expect(head).toMatch(/^班级,学员,场景,状态,开播时间（.+）,结束时间（.+）,直播时长,得分,结果,/);
    const ended = rows.find((r) => r.includes(`,${TRAINEES[2]},`))!;
    expect(ended).toMatch(/,已结束,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
    expect(csv).not.toMatch(/T\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
  });

  it('disables a colleague, who then cannot log in', async () => {
    await page.goto(`${origin}/console/facilitators`);
    const row = page.locator('[data-testid=facilitator-row][data-username="zhao.colleague"]');
    await row.locator('[data-testid=account-disable]').click();
    await row.locator('[data-testid=account-disable-yes]').click();
    await page.waitForSelector(
      '[data-testid=facilitator-row][data-username="zhao.colleague"][data-disabled=true]',
      WAIT,
    );
    const other = await (await browser.newContext()).newPage();
    await other.goto(`${origin}/login`);
    await other.fill('[data-testid=login-username]', 'zhao.colleague');
    await other.fill('[data-testid=login-password]', 'colleague-pass-2026');
    await other.click('[data-testid=login-submit]');
    await expect(other.waitForSelector('[data-testid=login-error]', WAIT).then((e) => e.textContent())).resolves.toBe(
      '此账户已被停用，请联系同事重新启用',
    );
    expect(new URL(other.url()).pathname).toBe('/login');
    await other.close();
  });
});
