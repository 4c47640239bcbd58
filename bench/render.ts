/**
 * Render budget of the virtual branch: the built client in Debian's Chromium (SwiftShader, CPU
 * WebGL) with 0, 100 and 1,000 real viewers (bot connections from the server's demo room). For
 * each: draw calls and triangles of one frame (renderer.info), JS heap, and frame time — the last
 * only as a relative figure, software GL on a shared CPU says nothing about a GPU. Also the
 * initial JS of the rehearsal page (everything loaded until the trainee's view first rendered,
 * gzip). Budgets (issue 7): ≤ 150 draw calls, ≤ 500,000 triangles at 1,000 viewers, ≤ 450 KB.
 * Run: npm run bench -- render [--viewers 0,100,1000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/browser.js';
import { ensureClientBuilt } from '../test/harness/build-client.js';
import { frameStats, frameTimeMs, openStudio, startStream, waitSeated } from './lib/scene-probe.js';

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--viewers');
const COUNTS = (i > 0 ? process.argv[i + 1]! : '0,100,1000').split(',').map(Number);
const BUDGET = { drawCalls: 150, triangles: 500_000, initialJsGzipKB: 450 };

await ensureClientBuilt();
const browser = await launchChromium();
const rows: {
  viewers: number;
  seated: number;
  drawCalls: number;
  triangles: number;
  jsHeapMB: number;
  frameMs: number;
}[] = [];
let initialJsGzipKB = NaN;
let initialJs: { url: string; gzip: number }[] = [];
try {
  for (const viewers of COUNTS) {
    const studio = await openStudio(browser, { viewers, rampSec: viewers > 200 ? 6 : 2 });
    try {
      if (Number.isNaN(initialJsGzipKB)) {
        initialJs = studio.initialJs;
        initialJsGzipKB = Math.round(initialJs.reduce((a, f) => a + f.gzip, 0) / 102.4) / 10;
      }
      await startStream(studio.page);
      if (viewers > 0) await waitSeated(studio, viewers);
      const stats = await frameStats(studio.page);
      const frameMs = await frameTimeMs(studio.page);
      rows.push({
        viewers,
        seated: stats.seated,
        drawCalls: stats.drawCalls,
        triangles: stats.triangles,
        jsHeapMB: stats.jsHeapMB,
        frameMs: Math.round(frameMs),
      });
      console.error(`render: ${viewers} viewers measured`);
    } finally {
      await studio.close();
    }
  }
} finally {
  await browser.close();
}

console.log('\nThe virtual branch, one frame (Chromium + SwiftShader, 1280×800)\n');
console.log('viewers  seated  draw calls  triangles  JS heap MB  frame ms (relative)');
for (const r of rows)
  console.log(
    `${String(r.viewers).padStart(7)}  ${String(r.seated).padStart(6)}  ${String(r.drawCalls).padStart(10)}  ${String(r.triangles).padStart(9)}  ${String(r.jsHeapMB).padStart(10)}  ${String(r.frameMs).padStart(8)}`,
  );
console.log(`\ninitial JS of the rehearsal page: ${initialJsGzipKB} KB gzip (budget ${BUDGET.initialJsGzipKB})`);
for (const f of initialJs) console.log(`  ${(f.gzip / 1024).toFixed(1).padStart(7)} KB  ${new URL(f.url).pathname}`);
const at1000 = rows.find((r) => r.viewers === 1000);
if (at1000)
  console.log(
    `budgets at 1,000 viewers: draw calls ${at1000.drawCalls}/${BUDGET.drawCalls}, triangles ${at1000.triangles}/${BUDGET.triangles}`,
  );

const byViewers = <K extends 'drawCalls' | 'triangles' | 'jsHeapMB' | 'frameMs' | 'seated'>(k: K) =>
  Object.fromEntries(rows.map((r) => [String(r.viewers), r[k]]));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'render.json'),
  `${JSON.stringify(
    {
      bench: 'render',
      at: new Date().toISOString(),
      renderer: 'Chromium + SwiftShader (software WebGL)',
      viewport: '1280x800',
      viewers: COUNTS,
      drawCalls: byViewers('drawCalls'),
      triangles: byViewers('triangles'),
      seated: byViewers('seated'),
      jsHeapMB: byViewers('jsHeapMB'),
      frameMsRelative: byViewers('frameMs'),
      initialJsGzipKB,
      initialJs: initialJs.map((f) => ({ path: new URL(f.url).pathname, gzipBytes: f.gzip })),
      budgets: BUDGET,
    },
    null,
    2,
  )}\n`,
);
console.log('\nwrote bench/results/render.json');
process.exit(0);
