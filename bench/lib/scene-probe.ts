/**
 * The virtual branch in Chromium with N real viewers, for the render bench and the budget test:
 * the real server in-process opens its demo room with N bots (real socket.io-client connections
 * via BotRunner, arriving over a short ramp), the built client joins as the trainee and starts
 * the stream, and we wait until the audience mesh seats every viewer online. Then renderer.info
 * is read between frames: WebGLRenderer resets it at the start of each render() (autoReset), so
 * what we read is exactly the last frame's draw calls and triangles — deterministic counts.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../server/main.js';

/** SwiftShader draws a few frames a second: wait generously, poll on a timer (rAF is slow). */
export const WAIT = { timeout: 120_000, polling: 250 } as const;

export interface Studio {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** JS loaded until the rehearsal view first rendered: url and gzip size (bytes). */
  initialJs: { url: string; gzip: number }[];
  requested: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export interface FrameStats {
  drawCalls: number;
  triangles: number;
  /** Viewers seated in the audience mesh. */
  seated: number;
  /** Viewers online in the session state. */
  audience: number;
  jsHeapMB: number;
}

/** Start a server whose demo room has `viewers` bots and open the trainee's rehearsal page. */
export async function openStudio(
  browser: Browser,
  opts: {
    viewers: number;
    rampSec?: number;
    scenarioId?: string;
    viewport?: { width: number; height: number };
    /** Script run in the page before the app (e.g. a stand-in speech synthesiser). */
    initScript?: string;
    /** More server options (e.g. `asr` pointing at a FunASR stand-in). */
    server?: Partial<ServerOptions>;
  },
): Promise<Studio> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    defaultRoom: { bots: opts.viewers, rampSec: opts.rampSec ?? 3, reserveShare: 0, scenarioId: opts.scenarioId },
    log: () => {},
    ...opts.server,
  });
  if (!server.demo) throw new Error('the server opened no demo room (is scenes/ empty?)');
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  if (opts.initScript) await context.addInitScript(opts.initScript);
  const page = await context.newPage();
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const js = new Map<string, Promise<number>>();
  let recordJs = true;
  context.on('request', (r) => requested.push(r.url()));
  page.on('websocket', (ws) => requested.push(ws.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (!recordJs || !/\.m?js(\?|$)/.test(r.url())) return;
    js.set(
      r.url(),
      r.body().then(
        (b) => gzipSync(b).length,
        () => 0,
      ),
    );
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    await server.close();
  };
  try {
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForSelector('[data-testid=lobby-join]', { timeout: WAIT.timeout });
    await page.fill('[data-testid=lobby-name]', '陈悦');
    await page.click('[data-testid=lobby-join]');
    await page.waitForSelector('[data-testid=hud]', { timeout: WAIT.timeout });
    await page.waitForFunction(() => (window.__branchcast?.renderer?.info.render.frame ?? 0) > 1, null, WAIT);
    recordJs = false;
    const initialJs = await Promise.all([...js].map(async ([url, size]) => ({ url, gzip: await size })));
    return { server, context, page, initialJs, requested, pageErrors, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Press Start (the trainee's control) and wait until the stream is live. */
export async function startStream(page: Page): Promise<void> {
  await page.click('[data-testid=control-start]');
  await page.waitForFunction(() => window.__branchcast?.store.getState().state.status === 'live', null, WAIT);
}

/** Wait until every bot joined and the audience mesh seats exactly the viewers online (≥ min). */
export async function waitSeated(studio: Studio, min: number): Promise<void> {
  const deadline = Date.now() + WAIT.timeout;
  while ((studio.server.bots?.stats.joined ?? 0) < min) {
    if (Date.now() > deadline) throw new Error(`only ${studio.server.bots?.stats.joined ?? 0} of ${min} bots joined`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await studio.page.waitForFunction(
    (n) => {
      const b = window.__branchcast;
      const mesh = b?.audienceMesh;
      if (!b || !mesh) return false;
      const audience = b.store.getState().state.audience;
      return audience >= n && mesh.userData.seated === audience;
    },
    min,
    WAIT,
  );
}

/** Let the renderer draw `frames` more frames, then read the last frame's counts. */
export async function frameStats(page: Page, frames = 3): Promise<FrameStats> {
  const at = await page.evaluate(() => window.__branchcast!.renderer!.info.render.frame);
  await page.waitForFunction((f) => window.__branchcast!.renderer!.info.render.frame >= f, at + frames, WAIT);
  return page.evaluate(() => {
    const b = window.__branchcast!;
    const info = b.renderer!.info.render;
    const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return {
      drawCalls: info.calls,
      triangles: info.triangles,
      seated: Number(b.audienceMesh!.userData.seated),
      audience: b.store.getState().state.audience,
      jsHeapMB: mem ? Math.round((mem.usedJSHeapSize / 1048576) * 10) / 10 : NaN,
    };
  });
}

/** Milliseconds per rendered frame over `ms` of wall time (software GL: a relative figure only). */
export async function frameTimeMs(page: Page, ms = 5000): Promise<number> {
  return page.evaluate(async (span) => {
    const info = window.__branchcast!.renderer!.info.render;
    const f0 = info.frame;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, span));
    const frames = info.frame - f0;
    return frames > 0 ? (performance.now() - t0) / frames : NaN;
  }, ms);
}
