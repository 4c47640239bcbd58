/**
 * 场控 end to end in Chromium: the trainee deletes a lure (from the keyboard) and warns the room,
 * deletes a viewer's complaint, blocks a lurer after confirming, puts up a product card with its
 * risk line and one without, adjusts the teleprompter; the report then scores the lure as handled
 * (HT1), the deleted complaint as a finding (HT2) and the bare card as a disclosure finding (HT3).
 * Viewers are real socket.io-client peers. Waits are on state, never on frames or sleeps.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreEvents } from '../../core/rubric/scorer.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { loadRubrics } from '../../server/content/rubrics.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { saveDocsScreenshot } from '../harness/screenshots.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const WAIT = { timeout: 60_000, polling: 250 } as const;

let server: RunningServer;
let browser: Browser;
let page: Page;
const peers: Peer[] = [];
const pageErrors: string[] = [];

/** Wait until the page's folded state passes `check` (run in the browser with `arg`). */
function stateWhere<A extends string | number | null>(check: (arg: A) => boolean, arg: A): Promise<unknown> {
  return page.waitForFunction(check as (arg: unknown) => boolean, arg, WAIT);
}

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: { bots: 0 }, log: () => {} });
  if (!server.demo) throw new Error('no demo room');
  browser = await launching;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 180_000);

afterAll(async () => {
  for (const p of peers) p.close();
  await browser?.close();
  await server?.close();
});

async function post(peer: Peer, text: string, kind = 'chat'): Promise<number> {
  const ack = (await peer.send('chat.send', { text, kind })) as { ok: boolean; seq: number };
  expect(ack.ok).toBe(true);
  await page.locator(`[data-testid=chat-item][data-seq="${ack.seq}"]`).waitFor({ timeout: 30_000 });
  return ack.seq;
}

describe('the host console (场控) in the browser', () => {
  it('joins as the trainee and starts; the 场控 panel and the teleprompter tools show', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForSelector('[data-testid=lobby-code]', { timeout: 60_000 });
    await page.fill('[data-testid=lobby-code]', server.demo!.codes.trainee);
    await page.fill('[data-testid=lobby-name]', '陈悦');
    await page.click('[data-testid=lobby-join]');
    await page.waitForSelector('[data-testid=hud]', { timeout: 30_000 });
    await page.click('[data-testid=control-start]');
    await stateWhere(() => window.__branchcast?.store.getState().state.status === 'live', null);
    await page.waitForSelector('[data-testid=host-tools] [data-testid=pin-editor]');
    await page.waitForSelector('[data-testid=prompt-budget]');
    // Font size: A+ grows the script and is kept on this browser.
    const before = Number(await page.getAttribute('[data-testid=teleprompter] ol', 'data-font-size'));
    await page.click('[data-testid=prompt-font-larger]');
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid=teleprompter] ol')?.getAttribute('data-font-size')) > b,
      before,
      WAIT,
    );
    const saved = await page.evaluate(() => localStorage.getItem('branchcast.prompter'));
    expect(JSON.parse(saved ?? '{}')).toMatchObject({ font: expect.any(Number) });
  });

  it('deletes a lure from the keyboard and warns the room; viewers get the deletion', async () => {
    const lurer = await joinPeer(server.url, server.demo!.codes.bot, '老师助理');
    const watcher = await joinPeer(server.url, server.demo!.codes.observer, '观众小李', 'observer');
    peers.push(lurer, watcher);
    const seq = await post(lurer, '免费荐股，加vx进群，天天涨停', 'lure');
    await page.focus(`[data-testid=chat-item][data-seq="${seq}"] [data-testid=line-delete]`);
    await page.keyboard.press('Enter');
    await stateWhere(
      (s) => window.__branchcast!.store.getState().state.chat.find((c) => c.seq === s)?.deleted !== undefined,
      seq,
    );
    await page.locator(`[data-testid=chat-item][data-seq="${seq}"] [data-testid=chat-deleted]`).waitFor();
    const del = await watcher.waitFor((e) => e.type === 'chat.deleted' && e.targetSeq === seq, 30_000);
    expect(del.actor.name).toBe('陈悦');
    await page.fill(
      '[data-testid=reply-box]',
      '大家注意，这是诈骗，不要加任何私人联系方式，请认准官方App，可拨打12386举报。',
    );
    await page.click('[data-testid=reply-send]');
    await stateWhere(
      () => window.__branchcast!.store.getState().state.chat.some((c) => c.actor.role === 'trainee'),
      null,
    );
  });

  it('pins a warning, blocks a lurer after confirming, and deletes a complaint', async () => {
    await page.fill('[data-testid=pin-text]', '谨防诈骗：本直播间不会索要私人联系方式，请认准官方App');
    await page.click('[data-testid=pin-submit]');
    await page.locator('[data-testid=pinned-notice]').waitFor();
    const second = await joinPeer(server.url, server.demo!.codes.bot, '股神助理');
    peers.push(second);
    const lure = await post(second, '扣1进群领内部消息，带单翻倍', 'lure');
    await page.click(`[data-testid=chat-item][data-seq="${lure}"] [data-testid=line-block]`);
    await page.click('[data-testid=block-confirm-yes]');
    await stateWhere(
      (id) => window.__branchcast!.store.getState().state.hostTools.blocked.includes(id),
      second.join.participantId,
    );
    const viewer = await joinPeer(server.url, server.demo!.codes.bot, '小王');
    peers.push(viewer);
    const complaint = await post(viewer, '问了半天没人理，只顾念稿');
    await page.click(`[data-testid=chat-item][data-seq="${complaint}"] [data-testid=line-delete]`);
    await stateWhere(
      (s) => window.__branchcast!.store.getState().state.chat.find((c) => c.seq === s)?.deleted !== undefined,
      complaint,
    );
  });

  it('HC5: puts up a product card with its risk line, then one without; both show over the chat', async () => {
    await page.selectOption('[data-testid=product-choose]', 'demo-money-fund');
    await page.click('[data-testid=product-show]');
    await page
      .locator('[data-testid=product-card][data-product=demo-money-fund] [data-testid=product-risk-line]')
      .waitFor();
    await expect(page.textContent('[data-testid=product-risk]')).resolves.toContain('R1');
    await page.selectOption('[data-testid=product-choose]', 'demo-bond-fund');
    await page.fill('[data-testid=product-risk-line-input]', '');
    await page.click('[data-testid=product-show]');
    await page
      .locator('[data-testid=product-card][data-product=demo-bond-fund] [data-testid=product-risk-line-missing]')
      .waitFor();
    // The room draws the pin and the card on the board beside the LED wall.
    await page.waitForFunction(
      () => {
        const board = window.__branchcast?.hostToolsBoard;
        const drawn = (board?.userData.drawn as string[] | undefined)?.join(' ') ?? '';
        return board?.userData.visible === true && drawn.includes('演示纯债基金C') && drawn.includes('未展示风险提示');
      },
      null,
      WAIT,
    );
    const drawn = await page.evaluate(() =>
      (window.__branchcast!.hostToolsBoard!.userData.drawn as string[]).join(' '),
    );
    expect(drawn).toContain('谨防诈骗');
    expect(drawn).toContain('风险等级 R2');
    await saveDocsScreenshot(page, 'host-console.png');
  });

  it('the report scores the lure as handled, the deleted complaint and the bare card as findings', async () => {
    // The demo room reopens under a new id when it ends: score the session that was played.
    const sessionId = server.demo!.sessionId;
    const room = server.rooms.get(sessionId)!;
    const facilitator = await joinPeer(server.url, server.demo!.codes.facilitator, '培训师', 'facilitator');
    peers.push(facilitator);
    expect((await facilitator.send('session.end', {})).ok).toBe(true);
    await page.waitForSelector('[data-testid=report-page] .report-criteria', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid=report-page] .report-criteria tbody tr', (trs) =>
      trs.map((tr) => tr.textContent ?? ''),
    );
    const row = (label: string) => rows.find((r) => r.startsWith(label)) ?? '';
    expect(row('诈骗引流处置')).toContain('已删除或拉黑并提醒观众');
    expect(row('诈骗引流处置')).toMatch(/100$/);
    expect(row('观众参与')).toContain('删除了 1 条观众投诉或提问');
    expect(row('风险揭示')).toContain('1 次没有风险提示');
    // The same report from the recording, with the evidence behind those lines.
    const rubric = loadRubrics(join(ROOT, 'scenes', 'rubrics')).rubrics.get(room.scenario.rubric)!;
    const report = scoreEvents(server.store.readEvents(sessionId), rubric);
    const c = (k: string) => report.criteria.find((x) => x.kind === k)!;
    expect(c('lure_handling').score).toBe(100);
    expect(
      c('engagement')
        .evidence.map((e) => e.note.en)
        .join(' '),
    ).toContain('complaint (HT2)');
    const bare = c('risk_disclosure').evidence.filter((e) => e.note.en.includes('(HT3)'));
    expect(bare.map((e) => e.quote)).toEqual(['演示纯债基金C']);
    expect(c('risk_disclosure').score).toBe(50);
    expect(pageErrors).toEqual([]);
  });
});
