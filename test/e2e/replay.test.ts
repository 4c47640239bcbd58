/**
 * Replay for critique, end to end in Debian's Chromium: a short session driven by real
 * socket.io-client peers, opened from the sessions list; seeks compared with ReplayIndex in Node
 * (RP1, RP2), an incident marker, findings, two facilitator annotations (RP7), the critique HTML and
 * the recording exported, the recording imported on a second server and replayed identically
 * (RP5), and a retry branched from a moment and completed beside the first attempt (RP8, RP9).
 * Fails (never skips) when Chromium is missing.
 */
import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { ReplayIndex } from '../../core/replay/replay-index.js';
import type { Report } from '../../core/rubric/report-model.js';
import type { SessionState } from '../../core/session.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer } from '../harness/peers.js';
import { facilitatorCookie } from '../harness/test-server.js';
import { MemoryAuthStore } from '../../server/auth/memory-auth-store.js';

const WAIT = { timeout: 60_000, polling: 200 } as const;

let a: RunningServer;
let b: RunningServer;
let browser: Browser;
let page: Page;
let sessionId: string;
let events: SessionEvent[];
let index: ReplayIndex;
const pageErrors: string[] = [];
let recordingBytes: Buffer;
/** One facilitator login for both servers (they share the account store) and the browser. */
const accounts = new MemoryAuthStore();
let cookie: string;

const get = async <T>(s: RunningServer, path: string): Promise<T> =>
  (await fetch(`${s.url}${path}`, { headers: { cookie } })).json() as Promise<T>;

/** The session store's state in the page (the replayed SessionState). */
const shown = (p: Page) => p.evaluate(() => window.__branchcast!.store.getState().state) as Promise<SessionState>;

async function waitCursorSeq(seq: number): Promise<void> {
  await page.waitForFunction(
    (s) => {
      const st = window.__branchcast?.store.getState().state;
      return st?.lastSeq === s && window.__branchcastReplay?.store.getState().seeking === false;
    },
    seq,
    WAIT,
  );
}

beforeAll(async () => {
  // Fails (never skips) when Chromium is missing; started first so a missing browser costs no build.
  const launching = launchChromium();
  launching.catch(() => undefined); // awaited below, where a missing browser fails the suite
  await ensureClientBuilt();
  const auth = { store: accounts };
  a = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: { bots: 0 }, log: () => {}, auth });
  b = await startServer({ port: 0, host: '127.0.0.1', dataDir: null, defaultRoom: false, log: () => {}, auth });
  cookie = await facilitatorCookie(a);
  sessionId = a.demo!.sessionId;
  const codes = a.demo!.codes;
  const scenario = a.scenarios.get(a.demo!.scenarioId)!;

  // A short rehearsal: lines, a question and its answer, a promise of returns, an incident.
  const trainee = await joinPeer(a.url, codes.trainee, '陈悦', 'trainee');
  const fac = await joinPeer(a.url, codes.facilitator, '讲师', 'facilitator');
  const bot = await joinPeer(a.url, codes.bot, '观众甲', 'bot');
  await trainee.send('session.start', {});
  const line0 = scenario.segments[0]!.lines[0]!.zh;
  await trainee.send('host.say', { text: line0, lineIndex: 0 });
  const q = (await bot.send('chat.send', { text: '请问这个基金能保本吗？', kind: 'question' })) as unknown as {
    seq: number;
  };
  await trainee.send('chat.send', { text: '基金不保本，投资有风险，请理性看待。', kind: 'chat', replyTo: q.seq });
  await trainee.send('segment.next', {});
  await trainee.send('host.say', { text: '跟着我买，保证收益，稳赚不赔，年化至少20%。', lineIndex: null });
  await fac.send('incident.fire', { incidentId: scenario.incidents[1]!.id });
  await bot.send('chat.send', { text: '老师带带我，加群领牛股', kind: 'chat' });
  await trainee.send('host.say', { text: scenario.segments[1]!.lines[0]!.zh, lineIndex: 0 });
  await trainee.send('segment.next', {});
  await trainee.send('session.end', {});
  trainee.close();
  fac.close();
  bot.close();
  // The recording is complete once the peers' disconnects are in it too.
  for (let i = 0; ; i++) {
    events = (await get<{ events: SessionEvent[] }>(a, `/api/sessions/${sessionId}/events`)).events;
    index = new ReplayIndex(events);
    if (Object.values(index.final.participants).every((p) => !p.online)) break;
    if (i > 100) throw new Error('peers never left');
    await new Promise((r) => setTimeout(r, 50));
  }

  browser = await launching;
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  await context.addCookies([
    { name: 'bc_session', value: cookie.split('=')[1]!, domain: '127.0.0.1', path: '/', sameSite: 'Strict' },
  ]);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.warn(`[browser] ${m.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await a?.close();
  await b?.close();
});

describe('replay in the browser', () => {
  it('opens the recorded session from the sessions list', async () => {
    await page.goto(`http://127.0.0.1:${a.port}/`);
    await page.click('[data-testid=open-replays]');
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    await row.waitFor({ timeout: 30_000 });
    // Score from the report endpoint.
    await page.waitForFunction(
      (id) =>
        /\d/.test(document.querySelector(`[data-session-id="${id}"] [data-testid=session-score]`)?.textContent ?? ''),
      sessionId,
      WAIT,
    );
    await row.locator('[data-testid=session-open]').click();
    await page.waitForFunction(() => window.__branchcastReplay?.player?.index.length, null, WAIT);
    await page.waitForSelector('[data-testid=verify][data-ok="1"]', WAIT);
    // The 3D branch is drawn behind the replay.
    await page.waitForFunction(() => (window.__branchcast?.renderer?.info.render.calls ?? 0) > 0, null, WAIT);
  });

  it('RP1, RP2: a seek shows the state at that moment in the store, chat, teleprompter and status bar', async () => {
    const answer = events.find((e) => e.type === 'chat.message' && e.actor.role === 'trainee')!;
    for (const seq of [answer.seq, 3, events.length - 2, answer.seq + 1]) {
      await page.evaluate((s) => window.__branchcastReplay!.player!.seekSeq(s), seq);
      await waitCursorSeq(seq);
      const expected = index.stateAtIndex(index.indexOfSeq(seq));
      expect(await shown(page)).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    await page.evaluate((s) => window.__branchcastReplay!.player!.seekSeq(s), answer.seq);
    await waitCursorSeq(answer.seq);
    const at = index.stateAtIndex(index.indexOfSeq(answer.seq));
    const lastChat = at.chat.at(-1)!;
    await page.waitForSelector(`[data-testid=chat-item][data-seq="${lastChat.seq}"]`, WAIT);
    await expect(page.locator('[data-testid=chat-item]').count()).resolves.toBe(at.chat.length);
    await expect(page.textContent('[data-testid=status-segment]')).resolves.toContain(
      `${at.segmentIndex + 1}/${at.scenario!.segments.length}`,
    );
    await expect(page.locator('[data-testid=prompt-line][data-state=delivered]').count()).resolves.toBe(at.lineCursor);
    // The question shows as answered at this moment.
    const question = at.chat.find((c) => c.kind === 'question')!;
    await expect(page.locator(`[data-testid=chat-item][data-seq="${question.seq}"] .tag.ok`).count()).resolves.toBe(1);
    // Stepping with the keyboard goes to the next event that is not a market tick.
    await page.keyboard.press('ArrowRight');
    const next = events.find((e) => e.seq > answer.seq && e.type !== 'market.ticked' && e.type !== 'viewer.sentiment')!;
    await waitCursorSeq(next.seq);
  });

  it('jumps to the incident marker and between findings', async () => {
    const incident = events.find((e) => e.type === 'incident.fired')!;
    await page.click(`[data-testid=timeline-marker][data-kind=incident][data-seq="${incident.seq}"]`);
    await waitCursorSeq(incident.seq);
    const st = await shown(page);
    expect(st.firedIncidents).toContain((incident as { incidentId: string }).incidentId);

    const report = await get<Report>(a, `/api/sessions/${sessionId}/report`);
    expect(report.findings.length).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=timeline-marker][data-kind=finding]', WAIT);
    await page.evaluate(() => window.__branchcastReplay!.player!.seekIndex(-1));
    await waitCursorSeq(0);
    await page.click('[data-testid=finding-next]');
    const first = [...report.findings].sort((x, y) => x.seq - y.seq)[0]!;
    await waitCursorSeq(first.seq);
    await page.keyboard.press('[');
    // Nothing before the first finding: stays.
    await waitCursorSeq(first.seq);
  });

  it('RP7: the facilitator adds two annotations, a moment and a span', async () => {
    // Signed in (the page has the facilitator's cookie): no room code asked for.
    await page.waitForSelector('[data-testid=annotation-text]', WAIT);
    expect(await page.locator('[data-testid=facilitator-code]').count()).toBe(0);
    await page.fill('[data-testid=annotation-text]', '此处承诺收益，严重违规，应立即纠正');
    await page.selectOption('[data-testid=annotation-severity]', 'critical');
    await page.click('[data-testid=annotation-submit]');
    await page.waitForSelector('[data-testid=annotation-item]', WAIT);

    const answer = events.find((e) => e.type === 'chat.message' && e.actor.role === 'trainee')!;
    await page.evaluate((s) => window.__branchcastReplay!.player!.seekSeq(s), answer.seq - 1);
    await waitCursorSeq(answer.seq - 1);
    await page.click('[data-testid=annotation-mark-start]');
    await page.evaluate((s) => window.__branchcastReplay!.player!.seekSeq(s), answer.seq);
    await waitCursorSeq(answer.seq);
    await page.fill('[data-testid=annotation-text]', '回答及时，提示了风险');
    await page.click('[data-testid=annotation-submit]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=annotation-item]').length === 2,
      null,
      WAIT,
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=timeline-marker][data-kind=annotation]').length === 2,
      null,
      WAIT,
    );
    const notes = await get<Array<{ seq: number; toSeq: number | null; severity: string | null }>>(
      a,
      `/api/sessions/${sessionId}/annotations`,
    );
    expect(notes.map((n) => [n.seq, n.toSeq])).toEqual(expect.arrayContaining([[answer.seq - 1, answer.seq]]));
    expect(notes.find((n) => n.severity === 'critical')).toBeTruthy();
  });

  it('exports the critique report (report + annotations) and the recording', async () => {
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-report]')]);
    const text = readFileSync((await html.path())!, 'utf8');
    expect(text).toContain('演练评估报告');
    expect(text).toContain('此处承诺收益，严重违规，应立即纠正');
    expect(text).toContain('回答及时，提示了风险');
    expect(text).not.toMatch(/<script/i);
    const [rec] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-recording]')]);
    recordingBytes = readFileSync((await rec.path())!);
    expect(recordingBytes[0]).toBe(0x1f); // gzip
  });

  it('RP5: the recording imports on a second server and replays identically', async () => {
    const res = await fetch(`${b.url}/api/recordings`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/gzip' },
      body: new Uint8Array(recordingBytes),
    });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { sessionId: string; annotations: number };
    expect(made).toMatchObject({ sessionId, annotations: 2 });
    const imported = (await get<{ events: SessionEvent[] }>(b, `/api/sessions/${sessionId}/events`)).events;
    expect(new ReplayIndex(imported).final).toEqual(index.final);
    // And in the player on the second server: the end of the replay is the same final state.
    await page.goto(`http://127.0.0.1:${b.port}/replay/${sessionId}`);
    await page.waitForFunction(() => window.__branchcastReplay?.player?.index.length, null, WAIT);
    await page.waitForSelector('[data-testid=verify][data-ok="1"]', WAIT);
    await page.evaluate(() => window.__branchcastReplay!.player!.seekIndex(1e9));
    await waitCursorSeq(index.final.lastSeq);
    expect(await shown(page)).toEqual(JSON.parse(JSON.stringify(index.final)));
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=annotation-item]').length === 2,
      null,
      WAIT,
    );
  });

  it('RP8: a trainee retries from the incident; the second attempt shows up next to the first', async () => {
    const incident = events.find((e) => e.type === 'incident.fired')!;
    await page.goto(`http://127.0.0.1:${a.port}/replay/${sessionId}?seq=${incident.seq}`);
    await page.waitForFunction(() => window.__branchcastReplay?.player?.index.length, null, WAIT);
    await waitCursorSeq(incident.seq);
    const seekFigures = await page.evaluate(() => {
      const s = window.__branchcastReplay!.store.getState();
      return { last: s.lastSeekMs, max: s.maxSeekMs, seeks: s.seeks };
    });
    console.log(`[replay e2e] seeks in the page: ${JSON.stringify(seekFigures)}`);
    await page.click('[data-testid=retry-here]');
    await page.waitForFunction(
      () => {
        const s = window.__branchcast?.store.getState();
        return s?.role === 'trainee' && s.connection === 'connected' && s.state.parent !== null;
      },
      null,
      WAIT,
    );
    await page.waitForSelector('[data-testid=hud]', WAIT);
    const branchState = await shown(page);
    expect(branchState.parent).toEqual({ sessionId, atSeq: incident.seq });
    expect(branchState.status).toBe('live');
    expect(branchState.firedIncidents).toContain((incident as { incidentId: string }).incidentId);
    const branchId = branchState.sessionId;
    expect(branchId).not.toBe(sessionId);
    // The second attempt: deliver the next line properly, then end.
    await page.click('[data-testid=say-next]');
    await page.waitForFunction(
      (n) => (window.__branchcast?.store.getState().state.counters.hostLines ?? 0) > n,
      branchState.counters.hostLines,
      WAIT,
    );
    await page.click('[data-testid=control-end]');
    await page.click('[data-testid=end-confirm-yes]'); // ending asks first
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'ended', null, WAIT);

    await page.goto(`http://127.0.0.1:${a.port}/sessions`);
    const branchRow = page.locator(`[data-testid=session-row][data-session-id="${branchId}"]`);
    await branchRow.waitFor({ timeout: 30_000 });
    await expect(branchRow.getAttribute('data-parent-id')).resolves.toBe(sessionId);
    const attempts = page.locator(
      `[data-testid=session-row][data-session-id="${sessionId}"] [data-testid=session-attempts] [data-testid=attempt]`,
    );
    await page.waitForFunction(
      (id) =>
        document.querySelectorAll(`[data-session-id="${id}"] [data-testid=session-attempts] [data-testid=attempt]`)
          .length === 2,
      sessionId,
      WAIT,
    );
    await expect(attempts.nth(1).getAttribute('data-session-id')).resolves.toBe(branchId);
    // Both attempts carry a score from the report endpoint.
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll(`[data-session-id="${id}"] [data-testid=attempt]`)].every((el) =>
          /\d+[✓✗]/.test(el.textContent ?? ''),
        ),
      sessionId,
      WAIT,
    );
    const verify = await get<{ ok: boolean }>(a, `/api/sessions/${branchId}/verify`);
    expect(verify.ok).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
