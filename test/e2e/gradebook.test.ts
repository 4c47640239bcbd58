/**
 * The gradebook in Chromium against the real server (issue 12 pts 7, 8, 10): a trainee rates the
 * session after it ends (1–5 on three scales and a comment); retries from the moment a viewer
 * asked and sees the original and the retry side by side (the two replies to that question, on
 * the stream clock); the cohort page shows the rating beside the pass rate, voids an attempt with
 * a reason (it leaves the statistics and shows the reason) and takes a comment — all through the
 * shared ConfirmDialog, never a browser prompt.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';
import { facilitatorCookie } from '../harness/test-server.js';

const WAIT = { timeout: 45_000, polling: 200 } as const;
const SCENARIO = 'anti-fraud-live';
const TRAINEES = ['周明', '吴倩'] as const;
const QUESTION = '这只基金现在能买吗？';
const SLIP = '能买，保证收益，稳赚不赔。';
const BETTER = '这个我不能给买卖建议：投资有风险，请先完成风险测评，以官方公告为准。';
const REASON = '网络中断，重新安排';
const COMMENT = '回复及时，注意风险提示要完整';

let server: RunningServer;
let origin: string;
let browser: Browser;
let console_: Page;
let trainee: Page;
let cookie = '';
let cohortId = '';
const sessions = new Map<string, { sessionId: string; joinCode: string }>();
const peers: Peer[] = [];
/** Any window.prompt / confirm / alert: the gradebook must never use one. */
const dialogs: string[] = [];

const api = (path: string, body?: unknown) =>
  fetch(`${origin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const state = (p: Page) =>
  p.evaluate(() => {
    const s = window.__branchcast?.store.getState();
    return s ? { sessionId: s.state.sessionId, status: s.state.status, parent: s.state.parent, role: s.role } : null;
  });

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: { bots: 0 }, log: () => {} });
  origin = `http://127.0.0.1:${server.port}`;
  cookie = await facilitatorCookie(server);
  browser = await launching;
  const staff = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const [name, value] = cookie.split('=') as [string, string];
  await staff.addCookies([{ name, value, url: origin }]);
  console_ = await staff.newPage();
  trainee = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  for (const p of [console_, trainee])
    p.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.dismiss();
    });

  const cohort = (await (await api('/api/cohorts', { name: '评分册验收' })).json()) as { id: string };
  cohortId = cohort.id;
  await api(`/api/cohorts/${cohortId}/trainees`, { names: [...TRAINEES] });
  const started = (await (
    await api(`/api/cohorts/${cohortId}/sessions`, { scenarioId: SCENARIO, bots: { count: 0 } })
  ).json()) as { sessions: Array<{ sessionId: string; joinCode: string; traineeName?: string; name?: string }> };
  const progress = (await (await api(`/api/cohorts/${cohortId}/progress`)).json()) as {
    trainees: Array<{ name: string; attempts: Array<{ sessionId: string }> }>;
  };
  for (const tr of progress.trainees) {
    const s = started.sessions.find((x) => x.sessionId === tr.attempts[0]!.sessionId)!;
    sessions.set(tr.name, s);
  }

  // The second trainee's attempt, by a socket peer: a promise of returns, then the end.
  const other = sessions.get(TRAINEES[1])!;
  const host = await joinPeer(origin, other.joinCode, TRAINEES[1], 'trainee');
  peers.push(host);
  await host.send('session.start', {});
  await host.send('host.say', { text: '跟着我买，保证收益，稳赚不赔。', lineIndex: null });
  await api(`/api/live/${other.sessionId}/end`, {});
}, 240_000);

afterAll(async () => {
  for (const p of peers) p.close();
  await browser?.close();
  await server?.close();
});

describe('the gradebook in the browser', () => {
  let questionSeq = 0;

  it('the trainee answers a viewer, the session ends, and they rate it 1–5 on three scales with a comment', async () => {
    const mine = sessions.get(TRAINEES[0])!;
    await trainee.goto(`${origin}/join/${mine.joinCode}`);
    await trainee.fill('[data-testid=lobby-name]', TRAINEES[0]);
    await trainee.click('[data-testid=lobby-join]');
    await trainee.waitForSelector('[data-testid=control-start]:not([disabled])', WAIT);
    await trainee.click('[data-testid=control-start]');
    await trainee.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'live', null, WAIT);

    const room = server.rooms.get(mine.sessionId)!;
    const viewer = await joinPeer(origin, room.record.codes.bot, '观众甲', 'bot');
    peers.push(viewer);
    const asked = await viewer.send('chat.send', { text: QUESTION, kind: 'question', replyTo: null });
    questionSeq = Number((asked as { seq?: number }).seq);
    // The trainee answers it badly from the chat: that reply is the original's answer.
    const item = trainee.locator(`[data-testid=chat-item][data-seq="${questionSeq}"]`);
    await item.waitFor(WAIT);
    await item.locator('[data-testid=reply-button]').click();
    await trainee.fill('[data-testid=reply-box]', SLIP);
    await trainee.click('[data-testid=reply-send]');
    await trainee.waitForSelector(`[data-testid=chat-item][data-reply-to="${questionSeq}"]`, WAIT);
    await api(`/api/live/${mine.sessionId}/end`, {});

    // The report opens by itself at the end, with the rating form under it.
    await trainee.waitForSelector('[data-testid=report-page] [data-testid=satisfaction-form]', WAIT);
    await expect(trainee.locator('[data-testid=report-finding-link]').count()).resolves.toBeGreaterThan(0);
    const submit = trainee.locator('[data-testid=satisfaction-submit]');
    await trainee.click('[data-testid=rate-content-5]');
    await trainee.click('[data-testid=rate-instructor-4]');
    // Not every scale rated yet: nothing to send.
    await expect(submit.isDisabled()).resolves.toBe(true);
    await trainee.click('[data-testid=rate-tool-5]');
    await trainee.fill('[data-testid=satisfaction-form] textarea', '案例很贴近实际');
    await submit.click();
    await trainee.waitForSelector('[data-testid=satisfaction-sent]', WAIT);
    await trainee.click('[data-testid=report-close]');
  });

  it('retries from the moment the viewer asked and sees both replies side by side, on the stream clock', async () => {
    const parentId = sessions.get(TRAINEES[0])!.sessionId;
    await trainee.goto(`${origin}/replay/${parentId}?seq=${questionSeq}`);
    // The player has reached the moment the viewer asked (the report's links open it the same way).
    await trainee.waitForFunction(
      (seq) =>
        window.__branchcast?.store.getState().state.lastSeq === seq &&
        window.__branchcastReplay?.store.getState().seeking === false,
      questionSeq,
      WAIT,
    );
    await trainee.waitForSelector('[data-testid=retry-here]:not([disabled])', WAIT);
    await trainee.click('[data-testid=retry-here]');
    await trainee.waitForFunction(
      (id) => {
        const s = window.__branchcast?.store.getState();
        return s?.role === 'trainee' && s.connection === 'connected' && s.state.parent?.sessionId === id;
      },
      parentId,
      WAIT,
    );
    const retry = (await state(trainee))!;
    expect(retry.status).toBe('live');
    // The question is still open in the retry: the trainee answers it properly this time.
    const item = trainee.locator(`[data-testid=chat-item][data-seq="${questionSeq}"]`);
    await item.waitFor(WAIT);
    await item.locator('[data-testid=reply-button]').click();
    await trainee.fill('[data-testid=reply-box]', BETTER);
    await trainee.click('[data-testid=reply-send]');
    await trainee.waitForSelector(`[data-testid=chat-item][data-reply-to="${questionSeq}"]`, WAIT);
    await api(`/api/live/${retry.sessionId}/end`, {});

    const compare = trainee.locator('[data-testid=report-page] [data-testid=retry-compare]');
    await compare.waitFor(WAIT);
    await expect(trainee.textContent('[data-testid=report-retry]')).resolves.toMatch(/自 \d\d:\d\d 起/);
    // The branch point reads on the HUD's clock (before: the room's creation clock).
    const title = (await compare.locator('h3').textContent())!;
    const atT = server.store.readEvents(parentId, questionSeq, 1)[0]!.t;
    const startedT = server.store.readEvents(parentId).find((e) => e.type === 'session.started')!.t;
    const mmss = (ms: number) =>
      `${String(Math.floor(ms / 60_000)).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
    expect(title).toContain(mmss(atT - startedT));
    const q = compare.locator('[data-testid=compare-question]');
    await expect(q.count()).resolves.toBe(1);
    await expect(q.textContent()).resolves.toContain(QUESTION);
    await expect(q.locator('[data-testid=compare-original-reply]').textContent()).resolves.toBe(`原会话：${SLIP}`);
    await expect(q.locator('[data-testid=compare-retry-reply]').textContent()).resolves.toBe(`重试：${BETTER}`);
  });

  it('the cohort page shows the rating beside the pass rate', async () => {
    await console_.goto(`${origin}/console/cohorts/${encodeURIComponent(cohortId)}`);
    await console_.waitForSelector('[data-testid=progress-view]', WAIT);
    const summary = (
      (await (await api(`/api/cohorts/${cohortId}/progress`)).json()) as {
        summary: { satisfaction: { ratings: number; overall: number; content: number; instructor: number } };
      }
    ).summary.satisfaction;
    expect(summary).toMatchObject({ ratings: 1, content: 5, instructor: 4 });
    await console_.waitForFunction(
      () => document.querySelector('[data-testid=satisfaction]')?.textContent !== '—',
      null,
      WAIT,
    );
    await expect(console_.textContent('[data-testid=satisfaction]')).resolves.toBe(
      new Intl.NumberFormat('zh-CN').format(summary.overall),
    );
    await expect(console_.textContent('[data-testid=satisfaction-card]')).resolves.toContain('目标 ≥ 4.5 / 5');
    await expect(console_.textContent('[data-testid=satisfaction-card]')).resolves.toContain('内容实用性 5');
  });

  it('voids an attempt with a reason: it leaves the statistics and shows the reason', async () => {
    const assessed = () => console_.textContent('[data-testid=pass-rate-card] small.hint');
    await expect(assessed()).resolves.toBe('0/2 名学员至少通过一次');
    const row = console_.locator(
      `[data-testid=attempt-row][data-session-id="${sessions.get(TRAINEES[1])!.sessionId}"]`,
    );
    await row.locator('[data-testid=attempt-void]').click();
    const yes = row.locator('[data-testid=void-yes]');
    // A void needs a reason: the dialog will not confirm without one.
    await expect(yes.isDisabled()).resolves.toBe(true);
    await row.locator('[data-testid=void-input]').fill(REASON);
    await yes.click();
    await row.locator('[data-testid=attempt-voided]').waitFor(WAIT);
    await expect(row.locator('[data-testid=attempt-voided]').textContent()).resolves.toBe(`已作废：${REASON}`);
    await console_.waitForFunction(
      () => document.querySelector('[data-testid=pass-rate-card] small.hint')?.textContent === '0/1 名学员至少通过一次',
      null,
      WAIT,
    );
    const after = (await (await api(`/api/cohorts/${cohortId}/progress`)).json()) as {
      summary: { assessed: number; voided: number };
    };
    expect(after.summary).toMatchObject({ assessed: 1, voided: 1 });
  });

  it('comments on an attempt; cancelling leaves it as it was', async () => {
    const row = console_.locator(
      `[data-testid=attempt-row][data-session-id="${sessions.get(TRAINEES[0])!.sessionId}"]`,
    );
    await row.locator('[data-testid=attempt-comment]').click();
    await row.locator('[data-testid=comment-input]').fill('不会保存');
    await row.locator('[data-testid=comment-no]').click();
    await expect(row.locator('[data-testid=attempt-comment-text]').count()).resolves.toBe(0);
    await row.locator('[data-testid=attempt-comment]').click();
    await row.locator('[data-testid=comment-input]').fill(COMMENT);
    await row.locator('[data-testid=comment-yes]').click();
    await row.locator('[data-testid=attempt-comment-text]').waitFor(WAIT);
    await expect(row.locator('[data-testid=attempt-comment-text]').textContent()).resolves.toBe(COMMENT);
    expect(dialogs).toEqual([]);
  });
});
