/**
 * End to end in Debian's Chromium (SwiftShader WebGL): the real server in-process with a demo
 * room of bots, the built client, a trainee who joins, starts, and answers a question asked by a
 * real socket.io-client peer. Nothing may leave localhost. Waits are on conditions, never on
 * frame rate; a screenshot lands in test/artifacts/rehearsal.png.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import type { Scenario } from '../../core/scenario.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const BOTS = 3;
/** SwiftShader draws a few frames a second: wait generously, poll on a timer (rAF is slow). */
const WAIT = { timeout: 60_000, polling: 250 } as const;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let peer: Peer | null = null;
let scenario: Scenario;
const requested: string[] = [];
const pageErrors: string[] = [];

function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

beforeAll(async () => {
  // Fails (never skips) when Chromium is missing; started first so a missing browser costs no build.
  const launching = launchChromium();
  launching.catch(() => undefined); // awaited below, where a missing browser fails the suite
  await ensureClientBuilt();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    defaultRoom: { bots: BOTS, rampSec: 2, reserveShare: 0 },
    log: () => {},
  });
  if (!server.demo) throw new Error('the server opened no demo room (is scenes/ empty?)');
  const s = server.scenarios.get(server.demo.scenarioId);
  if (!s) throw new Error(`demo scenario ${server.demo.scenarioId} not loaded`);
  scenario = s;
  browser = await launching;
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.on('request', (r) => requested.push(r.url()));
  page = await context.newPage();
  page.on('websocket', (ws) => requested.push(ws.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.warn(`[browser] ${m.text()}`);
  });
});

afterAll(async () => {
  peer?.close();
  await browser?.close();
  await server?.close();
});

describe('rehearsal in the browser', () => {
  it('shows the lobby over the 3D branch, prefilled with the demo trainee code', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForSelector('[data-testid=scenario-item]', { timeout: 60_000 });
    await page.waitForFunction(() => (window.__branchcast?.renderer?.info.render.calls ?? 0) > 0, null, WAIT);
    await expect(page.inputValue('[data-testid=lobby-code]')).resolves.toBe(server.demo!.codes.trainee);
  });

  it('joins as trainee and starts the session', async () => {
    await page.fill('[data-testid=lobby-name]', '陈悦');
    await page.click('[data-testid=lobby-join]');
    await page.waitForSelector('[data-testid=hud]', { timeout: 30_000 });
    await page.click('[data-testid=control-start]');
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'live', null, WAIT);
    const title = scenario.segments[0]!.title.zh;
    await expect(page.textContent('[data-testid=prompt-segment-title]')).resolves.toBe(title);
    await expect(page.textContent('[data-testid=status-segment]')).resolves.toContain(`1/${scenario.segments.length}`);
  });

  it('puts the risk-disclosure banner on the LED wall and pauses the stream from the controls', async () => {
    await page.click('[data-testid=control-disclosure]');
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.disclosureOn === true, null, WAIT);
    await page.click('[data-testid=control-pause]');
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.paused === true, null, WAIT);
    await page.click('[data-testid=control-pause]');
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.paused === false, null, WAIT);
    const room = server.rooms.get(server.demo!.sessionId)!;
    expect(room.snapshot()).toMatchObject({ disclosureOn: true, paused: false });
  });

  it('draws the room: many colours, the centre is not the clear colour, draw calls made', async () => {
    // The LED wall redraws on start; give the renderer a few frames to present it.
    const framesAt = await page.evaluate(() => window.__branchcast!.renderer!.info.render.frame);
    await page.waitForFunction((f) => window.__branchcast!.renderer!.info.render.frame > f + 3, framesAt, WAIT);
    const px = await page.evaluate(() => {
      const gl = window.__branchcast!.renderer!;
      const src = gl.domElement;
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(src, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
      const colours = new Set<number>();
      for (let y = 0; y < height; y += 4)
        for (let x = 0; x < width; x += 4) {
          const i = (y * width + x) * 4;
          colours.add(((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3));
        }
      // The clear colour is #07090f; count centre pixels that are (nearly) it.
      let centre = 0;
      let clear = 0;
      for (let y = Math.floor(height * 0.4); y < height * 0.6; y += 2)
        for (let x = Math.floor(width * 0.4); x < width * 0.6; x += 2) {
          const i = (y * width + x) * 4;
          centre++;
          if (Math.abs(data[i]! - 7) + Math.abs(data[i + 1]! - 9) + Math.abs(data[i + 2]! - 15) < 6) clear++;
        }
      return { distinct: colours.size, clearShare: clear / centre, calls: gl.info.render.calls, size: [width, height] };
    });
    expect(px.size[0]).toBeGreaterThan(0);
    expect(px.distinct).toBeGreaterThan(200);
    expect(px.clearShare).toBeLessThan(0.2);
    expect(px.calls).toBeGreaterThan(0);
  });

  it('seats one instance per bot in the audience mesh', async () => {
    // Every demo bot joined; the mesh seats exactly the viewers online (a bored bot may have left
    // since: the audience policy lets viewers drift away from a silent stream).
    await expect.poll(() => server.bots!.stats.joined, { timeout: 60_000 }).toBe(BOTS);
    const seated = () => {
      const b = window.__branchcast;
      if (!b?.audienceMesh) return false;
      const online = Object.values(b.store.getState().state.participants).filter(
        (p) => p.online && (p.role === 'bot' || p.role === 'observer'),
      ).length;
      return online > 0 && b.audienceMesh.userData.seated === online && b.store.getState().state.audience === online;
    };
    await page.waitForFunction(seated, null, WAIT);
  });

  it("highlights a peer's question; the trainee's reply reaches the peer with replyTo", async () => {
    peer = await joinPeer(server.url, server.demo!.codes.bot, '测试观众');
    // The peer is one more viewer in the seats.
    await page.waitForFunction(
      (id) => {
        const b = window.__branchcast;
        const state = b?.store.getState().state;
        return state?.participants[id]?.online === true && b!.audienceMesh!.userData.seated === state.audience;
      },
      peer.join.participantId,
      WAIT,
    );

    const question = '请问主播，怎么分辨荐股群是不是骗局？';
    const ack = await peer.send('chat.send', { text: question, kind: 'question' });
    expect(ack.ok).toBe(true);
    const seq = (ack as unknown as { seq: number }).seq;
    const item = page.locator(`[data-testid=chat-item][data-seq="${seq}"]`);
    await item.waitFor({ timeout: 30_000 });
    await expect(item.getAttribute('data-kind')).resolves.toBe('question');
    await expect(item.locator('[data-testid=question-label]').isVisible()).resolves.toBe(true);
    await expect(item.locator('.text').textContent()).resolves.toBe(question);
    // Highlighted: a question's background differs from a plain message's.
    const bg = await item.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(255, 255, 255, 0.035)');

    await item.locator('[data-testid=reply-button]').click();
    await page.waitForSelector(`[data-testid=replying-to][data-seq="${seq}"]`, { timeout: 10_000 });
    const answer = '正规机构不会拉群荐股、承诺收益；请通过官方渠道核实，切勿转账。';
    await page.fill('[data-testid=reply-box]', answer);
    await page.click('[data-testid=reply-send]');

    const reply = (await peer.waitFor(
      (e) => e.type === 'chat.message' && e.actor.role === 'trainee' && e.replyTo === seq,
      30_000,
    )) as Extract<SessionEvent, { type: 'chat.message' }>;
    expect(reply.text).toBe(answer);
    // The question now shows as answered in the trainee's chat.
    await page.waitForFunction(
      (s) => {
        const entry = window.__branchcast?.store.getState().state.chat.find((c) => c.seq === s);
        return entry !== undefined && entry.answerSeq !== null;
      },
      seq,
      WAIT,
    );
    await expect(item.locator('.tag.ok').count()).resolves.toBe(1);
  });

  it('renders Chinese (HUD and LED wall) and saves a screenshot', async () => {
    // Real CJK glyphs, not .notdef boxes: two different characters must rasterise differently.
    const glyphs = await page.evaluate(() => {
      const draw = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = c.height = 48;
        const ctx = c.getContext('2d')!;
        ctx.font = '40px "Noto Sans CJK SC", sans-serif';
        ctx.fillText(ch, 4, 40);
        return Array.from(ctx.getImageData(0, 0, 48, 48).data);
      };
      const a = draw('开');
      const b = draw('场');
      return { inked: a.some((v) => v > 0) && b.some((v) => v > 0), differ: a.some((v, i) => v !== b[i]) };
    });
    expect(glyphs).toEqual({ inked: true, differ: true });
    await expect(page.textContent('[data-testid=status-session]')).resolves.toContain('直播中');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'rehearsal.png') });
  });

  it('re-joins after the connection drops and catches up on what it missed', async () => {
    // Drop the browser's transport from the server side (as a network blip would): socket.io
    // reconnects, the client re-joins with the same code and name and adopts the server's state.
    const browserSockets = [...server.io.of('/').sockets.values()].filter((s) =>
      /Chrome/.test(String(s.handshake.headers['user-agent'] ?? '')),
    );
    expect(browserSockets.length).toBe(1);
    browserSockets[0]!.conn.close();
    await page.waitForFunction(() => window.__branchcast?.store.getState().connection !== 'connected', null, WAIT);
    const missed = '断线期间发的消息';
    const ack = await peer!.send('chat.send', { text: missed, kind: 'chat' });
    expect(ack.ok).toBe(true);
    const seq = (ack as unknown as { seq: number }).seq;
    await page.waitForFunction(() => window.__branchcast?.store.getState().connection === 'connected', null, WAIT);
    await page.locator(`[data-testid=chat-item][data-seq="${seq}"]`).waitFor({ timeout: 30_000 });
    const after = await page.evaluate(() => {
      const s = window.__branchcast!.store.getState();
      return { role: s.role, name: s.name, status: s.state.status };
    });
    expect(after).toEqual({ role: 'trainee', name: '陈悦', status: 'live' });
  });

  it('made no request beyond localhost and threw no page errors', () => {
    const external = requested.filter((u) => !isLocal(u));
    expect(external).toEqual([]);
    expect(requested.some((u) => u.includes('/socket.io/'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
