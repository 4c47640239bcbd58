/**
 * The headset, end to end: Debian's Chromium with the iwer WebXR runtime (Meta Quest 3 profile)
 * injected before the app, the production client build (its XR store uses `emulate: false`), the
 * real server and a real socket.io-client viewer. The trainee joins through an invitation link
 * /join/CODE (the input profiles must still come from the app's root), enters VR from the HUD button, the
 * session presents and renders XR frames, the emulated right controller is aimed at a quick-reply
 * card and its trigger pulled, and the reply reaches the server (the viewer receives it with
 * replyTo = the question's seq) and the chat. Nothing may leave the machine: every request is
 * observed and anything not local is aborted and reported. Screenshot: test/artifacts/xr-headset.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/events.js';
import { quickRepliesFor } from '../../core/xr/quick-replies.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';
import { joinPeer, type Peer } from '../harness/peers.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const require = createRequire(import.meta.url);
const IWER = readFileSync(join(require.resolve('iwer/package.json'), '..', 'build', 'iwer.min.js'), 'utf8');
/** Runs before any script of the page: the emulated Quest 3 replaces Chromium's native navigator.xr. */
const INSTALL_IWER = `${IWER}
;(() => {
  const device = new IWER.XRDevice(IWER.metaQuest3);
  device.installRuntime({ forceInstall: true });
  globalThis.__iwerDevice = device;
})();`;
/**
 * A stand-in for the browser's speech recognition (Chromium's needs Google's service): start()
 * "hears" globalThis.__spoken and reports it as a final result, remembering the language asked for.
 */
const FAKE_RECOGNITION = `
globalThis.webkitSpeechRecognition = globalThis.SpeechRecognition = class {
  constructor() { this.lang = ''; this.onresult = null; this.onerror = null; this.onend = null; }
  start() {
    globalThis.__recognitionLang = this.lang;
    setTimeout(() => {
      const result = Object.assign([{ transcript: globalThis.__spoken ?? '' }], { isFinal: true });
      this.onresult?.({ resultIndex: 0, results: [result] });
      this.onend?.();
    }, 100);
  }
  stop() { this.onend?.(); }
};`;
const XR_TEXT = JSON.parse(readFileSync(join(ROOT, 'client/src/locales/zh/xr.json'), 'utf8')) as {
  replies: Record<string, { text: string }>;
};
/** SwiftShader renders two eyes at a few frames a second: wait on conditions, poll on a timer. */
const WAIT = { timeout: 90_000, polling: 250 } as const;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let peer: Peer | null = null;
/** The teleprompter line the headset delivered (the caption test looks for it). */
let delivered = '';
const requested: string[] = [];
const blocked: string[] = [];
const failed: string[] = [];
const pageErrors: string[] = [];

function isLocal(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

interface IwerHandle {
  primaryInputMode: 'controller' | 'hand';
  quaternion: IwerPose['quaternion'];
  controllers: { right?: IwerPose & { updateButtonValue(id: string, value: number): void } };
  hands: { right?: IwerPose & { updatePinchValue(value: number): void } };
}
interface IwerPose {
  position: { set(x: number, y: number, z: number): void; x: number; y: number; z: number };
  quaternion: { set(x: number, y: number, z: number, w: number): void };
}
type Input = 'controller' | 'hand';

/** XR frames rendered so far (counted by the app's XR test hook). */
const frames = () => page.evaluate(() => window.__branchcast?.xr?.frames ?? 0);

async function waitFrames(n: number): Promise<void> {
  const from = await frames();
  await page.waitForFunction((f) => (window.__branchcast?.xr?.frames ?? 0) >= f, from + n, WAIT);
}

/**
 * Point the emulated right controller's (or tracked hand's) ray, its -z axis, at the centre of the
 * named panel, then pull and release the trigger (or pinch and let go), each held for a couple of
 * XR frames.
 */
async function aimAndPress(name: string, input: Input = 'controller'): Promise<void> {
  await page.waitForFunction((n) => window.__branchcast?.xr?.locate(n) != null, name, WAIT);
  await page.evaluate(
    ({ n, input }) => {
      const target = window.__branchcast!.xr!.locate(n)!;
      const device = (globalThis as unknown as { __iwerDevice: IwerHandle }).__iwerDevice;
      const c = input === 'hand' ? device.hands.right! : device.controllers.right!;
      c.position.set(0.25, 1.3, -0.2);
      let dx = target.x - c.position.x;
      let dy = target.y - c.position.y;
      let dz = target.z - c.position.z;
      const len = Math.hypot(dx, dy, dz);
      dx /= len;
      dy /= len;
      dz /= len;
      // Shortest rotation taking (0, 0, -1) to (dx, dy, dz): axis (0,0,-1) x d, w = 1 + (0,0,-1)·d.
      const [x, y, z, w] = [dy, -dx, 0, 1 - dz];
      const q = Math.hypot(x, y, z, w);
      c.quaternion.set(x / q, y / q, z / q, w / q);
    },
    { n: name, input },
  );
  await waitFrames(3); // the ray pointer picks up the new pose and finds the panel
  const press = (value: number) =>
    page.evaluate(
      ({ input, value }) => {
        const device = (globalThis as unknown as { __iwerDevice: IwerHandle }).__iwerDevice;
        if (input === 'hand') device.hands.right!.updatePinchValue(value);
        else device.controllers.right!.updateButtonValue('trigger', value);
      },
      { input, value },
    );
  await press(1);
  await waitFrames(2);
  await press(0);
  await waitFrames(2);
}

/** A viewer's question, once the trainee's store holds it. */
async function ask(text: string): Promise<{ seq: number; text: string }> {
  const ack = await peer!.send('chat.send', { text, kind: 'question' });
  expect(ack.ok).toBe(true);
  const seq = (ack as unknown as { seq: number }).seq;
  await page.waitForFunction(
    (s) => window.__branchcast?.store.getState().state.questions.some((q) => q.seq === s) === true,
    seq,
    WAIT,
  );
  return { seq, text };
}

/** The trainee's reply to `seq`, as the viewer receives it. */
async function replyTo(seq: number): Promise<Extract<SessionEvent, { type: 'chat.message' }>> {
  return (await peer!.waitFor(
    (e) => e.type === 'chat.message' && e.actor.role === 'trainee' && e.replyTo === seq,
    60_000,
  )) as Extract<SessionEvent, { type: 'chat.message' }>;
}

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined); // awaited below, where a missing browser fails the suite
  await ensureClientBuilt();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    // No bots: the one question comes from the test's own viewer, so the cards are known.
    defaultRoom: { bots: 0 },
    log: () => {},
  });
  if (!server.demo) throw new Error('the server opened no demo room (is scenes/ empty?)');
  browser = await launching;
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Observe every request; anything that would leave the machine is aborted and reported.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  // What VR needs from the server: the client's chunks and the input profiles.
  const needed = (url: string) => /\/(assets|xr-profiles)\//.test(url);
  context.on('requestfailed', (r) => {
    if (needed(r.url())) failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  context.on('response', (r) => {
    if (needed(r.url()) && r.status() >= 400) failed.push(`${r.url()} HTTP ${r.status()}`);
  });
  await context.addInitScript({ content: INSTALL_IWER });
  await context.addInitScript({ content: FAKE_RECOGNITION });
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

describe('a desktop browser without a headset', () => {
  it('shows no Enter VR button and never downloads the VR chunk', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const urls: string[] = [];
    desktop.on('request', (r) => urls.push(r.url()));
    const p = await desktop.newPage();
    await p.goto(`http://127.0.0.1:${server.port}/`);
    // An observer: the trainee's seat stays free for the headset tests below.
    await p.check('[data-testid=lobby-role-observer]');
    await expect.poll(() => p.inputValue('[data-testid=lobby-code]')).toBe(server.demo!.codes.observer);
    await p.fill('[data-testid=lobby-name]', '桌面观察员');
    await p.click('[data-testid=lobby-join]');
    await p.waitForSelector('[data-testid=hud]', { timeout: 30_000 });
    await p.waitForFunction(() => (window.__branchcast?.renderer?.info.render.frame ?? 0) > 2, null, WAIT);
    // Chromium's own navigator.xr answers that immersive-vr is unsupported without a device.
    await p.waitForFunction(() => navigator.xr !== undefined, null, WAIT);
    await expect(p.evaluate(() => navigator.xr!.isSessionSupported('immersive-vr'))).resolves.toBe(false);
    await expect(p.locator('[data-testid=enter-vr]').count()).resolves.toBe(0);
    expect(urls.filter((u) => /xr-layer|xr-profiles/.test(u))).toEqual([]);
    await desktop.close();
  });
});

describe('the trainee in a headset (iwer, Meta Quest 3)', () => {
  let question = { seq: 0, text: '' };

  it('joins as trainee through an invitation link /join/CODE, starts, and a viewer asks a question', async () => {
    // Not from `/`: a page under /join/ once resolved the input profiles as /join/xr-profiles/ (404).
    await page.goto(`http://127.0.0.1:${server.port}/join/${server.demo!.codes.trainee}`);
    await page.waitForSelector('[data-testid=lobby-join]', { timeout: 60_000 });
    await expect(page.inputValue('[data-testid=lobby-code]')).resolves.toBe(server.demo!.codes.trainee);
    await page.fill('[data-testid=lobby-name]', '陈悦');
    await page.click('[data-testid=lobby-join]');
    await page.waitForSelector('[data-testid=hud]', { timeout: 30_000 });
    await page.click('[data-testid=control-start]');
    await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'live', null, WAIT);

    peer = await joinPeer(server.url, server.demo!.codes.bot, '测试观众');
    question = await ask('有没有保本的产品推荐一下？');
  });

  it('offers Enter VR (iwer says immersive-vr is supported) and enters a presenting session', async () => {
    const button = page.locator('[data-testid=enter-vr][data-state=ready]');
    await button.waitFor({ timeout: 60_000 });
    await button.click();
    await page.waitForFunction(
      () => {
        const xr = window.__branchcast?.xr;
        return xr !== undefined && xr.presenting() && xr.sessionMode() === 'immersive-vr';
      },
      null,
      WAIT,
    );
    // Frames render: the XR frame count moves on and the renderer draws in them.
    await waitFrames(3);
    const drawn = await page.evaluate(() => window.__branchcast!.renderer!.info.render.calls);
    expect(drawn).toBeGreaterThan(0);
    await expect(page.getAttribute('[data-testid=enter-vr]', 'data-state')).resolves.toBe('presenting');
  });

  it('shows the teleprompter, the waiting question and its quick replies as world-space panels', async () => {
    for (const name of ['xr-teleprompter', 'xr-questions', 'xr-question-0', 'xr-reply-0', 'xr-reply-2', 'xr-controls'])
      await page.waitForFunction((n) => window.__branchcast?.xr?.locate(n) != null, name, WAIT);
    // The trainee faces the panels: in origin space they lie ahead (-z), within arm's reach.
    const card = await page.evaluate(() => window.__branchcast!.xr!.locate('xr-reply-0')!);
    expect(card.z).toBeLessThan(0);
    expect(Math.hypot(card.x, card.z)).toBeLessThan(1.2);
  });

  it('a trigger pull on a control card toggles the risk disclosure for the whole room', async () => {
    await aimAndPress('xr-control-disclosure');
    const room = server.rooms.get(server.demo!.sessionId)!;
    await expect.poll(() => room.snapshot().disclosureOn, { timeout: 60_000 }).toBe(true);
  });

  it('paused, a card in front of the trainee says so; a trigger pull on it resumes', async () => {
    await expect(page.evaluate(() => window.__branchcast!.xr!.pauseCard())).resolves.toBeNull();
    await aimAndPress('xr-control-pause');
    await page.waitForFunction(() => window.__branchcast?.xr?.pauseCard()?.title === '直播已暂停', null, WAIT);
    // Straight ahead at about eye height, nearer than the audience: in front of the trainee.
    const card = await page.evaluate(() => window.__branchcast!.xr!.locate('xr-pause-card')!);
    expect(Math.abs(card.x)).toBeLessThan(0.1);
    expect(card.z).toBeLessThan(-0.5);
    expect(card.y).toBeGreaterThan(1.3);
    await aimAndPress('xr-pause-card');
    const room = server.rooms.get(server.demo!.sessionId)!;
    await expect.poll(() => room.snapshot().paused, { timeout: 60_000 }).toBe(false);
    await page.waitForFunction(() => window.__branchcast?.xr?.pauseCard() === null, null, WAIT);
  });

  it('a trigger pull on the teleprompter delivers the highlighted line', async () => {
    const cursor = await page.evaluate(() => window.__branchcast!.store.getState().state.lineCursor);
    await aimAndPress('xr-teleprompter');
    const said = (await peer!.waitFor((e) => e.type === 'host.said' && e.lineIndex === cursor, 60_000)) as Extract<
      SessionEvent,
      { type: 'host.said' }
    >;
    const line = await page.evaluate((i) => {
      const s = window.__branchcast!.store.getState().state;
      return s.scenario!.segments[s.segmentIndex]!.lines[i]!.zh;
    }, cursor);
    expect(said.text).toBe(line);
    delivered = line;
  });

  it('captions the delivered line on the caption panel in the headset, as the 2D page does', async () => {
    const said = delivered;
    expect(said).not.toBe('');
    // The panel shows while the line is spoken (and a moment after), then hides: poll for it.
    await page.waitForFunction(
      (text) => {
        const c = window.__branchcast?.xr?.caption();
        return c != null && c.visible && c.text === text;
      },
      said,
      WAIT,
    );
    const caption = (await page.evaluate(() => window.__branchcast!.xr!.caption()))!;
    expect(caption.who).toBe('host');
    // The rows drawn on the canvas are the line itself, wrapped (an over-long line ends in "…").
    expect(caption.lines.length).toBeGreaterThan(0);
    expect(caption.lines.length).toBeLessThanOrEqual(3);
    const drawn = caption.lines.join('').replace(/…$/, '');
    expect(said.replace(/\s/g, '').startsWith(drawn.replace(/\s/g, ''))).toBe(true);
    expect(drawn.length).toBeGreaterThan(Math.min(said.length, 60) * 0.8);
    // Same source as the 2D captions.
    await expect(page.textContent('[data-testid=caption-text]')).resolves.toBe(said);
    // Between the teleprompter and the audience, in front of the trainee.
    const [panel, prompter] = await page.evaluate(() => [
      window.__branchcast!.xr!.locate('xr-captions')!,
      window.__branchcast!.xr!.locate('xr-teleprompter')!,
    ]);
    expect(panel.y).toBeGreaterThan(prompter.y);
    expect(panel.y).toBeLessThan(1.6);
    expect(panel.z).toBeLessThan(0);
  });

  it('a trigger pull on the first quick-reply card answers the question: the viewer and the chat get it', async () => {
    const expected = XR_TEXT.replies[quickRepliesFor(question.text)[0]!]!.text;
    // Look right and a little down, at the questions panel, for the screenshot.
    await page.evaluate(() => {
      const [yaw, pitch] = [(-62 * Math.PI) / 180, -0.3];
      const [sy, cy, sp, cp] = [Math.sin(yaw / 2), Math.cos(yaw / 2), Math.sin(pitch / 2), Math.cos(pitch / 2)];
      const head = (globalThis as unknown as { __iwerDevice: IwerHandle }).__iwerDevice;
      head.quaternion.set(cy * sp, sy * cp, -sy * sp, cy * cp); // yaw about y, then pitch about x
    });
    await waitFrames(3);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'xr-questions.png') });
    await aimAndPress('xr-reply-0');
    const reply = await replyTo(question.seq);
    expect(reply.text).toBe(expected);
    // The 2D chat shows the reply under the question, which is now answered.
    await page.locator(`[data-testid=chat-item][data-reply-to="${question.seq}"]`).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (seq) => window.__branchcast?.store.getState().state.chat.find((c) => c.seq === seq)?.answerSeq != null,
      question.seq,
      WAIT,
    );
    // And the headset's question list empties: no card is left to press.
    await page.waitForFunction(() => window.__branchcast?.xr?.locate('xr-reply-0') === null, null, WAIT);
    await page.screenshot({ path: join(ARTIFACTS, 'xr-headset.png') });
  });

  it('with hand tracking, a pinch on a card answers the next question', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { __iwerDevice: IwerHandle }).__iwerDevice.primaryInputMode = 'hand';
    });
    const next = await ask('开户需要准备什么材料？');
    const expected = XR_TEXT.replies[quickRepliesFor(next.text)[0]!]!.text;
    await aimAndPress('xr-reply-0', 'hand');
    const reply = await replyTo(next.seq);
    expect(reply.text).toBe(expected);
  });

  it('answers by voice: a pinch on the voice card, the words are sent as the reply, in the viewer language', async () => {
    const next = await ask('Can I buy 300xxx tomorrow?');
    const spoken = 'We do not give calls on individual stocks; please decide based on your own situation.';
    await page.evaluate((text) => {
      (globalThis as unknown as { __spoken: string }).__spoken = text;
    }, spoken);
    await aimAndPress('xr-voice', 'hand');
    const reply = await replyTo(next.seq);
    expect(reply.text).toBe(spoken);
    await expect(
      page.evaluate(() => (globalThis as unknown as { __recognitionLang: string }).__recognitionLang),
    ).resolves.toBe('en-US');
  });

  it('loaded the controller and hand profiles from its own origin, made no request beyond localhost, threw nothing', () => {
    expect(blocked).toEqual([]);
    expect(requested.filter((u) => !isLocal(u))).toEqual([]);
    expect(failed).toEqual([]);
    // From the app's root, though the page is /join/CODE (never /join/xr-profiles/…).
    const root = `http://127.0.0.1:${server.port}/xr-profiles/`;
    expect(requested).toContain(`${root}profilesList.json`);
    expect(requested).toContain(`${root}meta-quest-touch-plus/profile.json`);
    expect(requested).toContain(`${root}generic-hand/right.glb`);
    expect(requested.filter((u) => u.includes('/join/') && !u.endsWith(`/join/${server.demo!.codes.trainee}`))).toEqual(
      [],
    );
    expect(pageErrors).toEqual([]);
  });
});
