/**
 * The production build, read from client/dist: the WebXR emulator (iwer, @iwer/devui, @iwer/sem)
 * is in no chunk at all (and so not in the entry chunk), @react-three/xr is not in what the
 * rehearsal page loads up front (entry + its static imports + the scene chunk's static imports),
 * and only the few input profiles the app uses are shipped, from its own origin. Prints the sizes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { XR_SHIPPED_PROFILES } from '../../client/src/xr/profiles.js';
import { ensureClientBuilt } from '../harness/build-client.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = join(ROOT, 'client', 'dist');
const ASSETS = join(DIST, 'assets');
const require = createRequire(import.meta.url);

/** Method names that survive minification: iwer's runtime and @pmndrs/xr's emulate module. */
const EMULATOR_MARKERS = ['installRuntime', 'installDevUI', 'installSEM'];
/** An error message of @pmndrs/xr's store: present wherever the XR library is bundled. */
const XR_MARKER = 'not connected to three.js';

const read = (file: string) => readFileSync(join(ASSETS, file), 'utf8');
const gzipKB = (files: Iterable<string>) =>
  Math.round([...files].reduce((n, f) => n + gzipSync(readFileSync(join(ASSETS, f))).length, 0) / 102.4) / 10;

/** Static imports of a chunk (`import … from "./x.js"`, not `import("./x.js")`), transitively. */
function staticClosure(start: string, seen = new Set<string>()): Set<string> {
  if (seen.has(start)) return seen;
  seen.add(start);
  const code = read(start);
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g))
    staticClosure(m[1]!, seen);
  return seen;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

let chunks: string[];
let entry: string;

beforeAll(async () => {
  await ensureClientBuilt();
  chunks = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const m = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html);
  if (!m) throw new Error('no module entry script in client/dist/index.html');
  entry = m[1]!;
});

describe('VR in the production build', () => {
  it('the markers would find the emulator if it were bundled', () => {
    const iwer = readFileSync(join(require.resolve('iwer/package.json'), '..', 'build', 'iwer.min.js'), 'utf8');
    const emulate = readFileSync(join(ROOT, 'node_modules/@pmndrs/xr/dist/emulate.js'), 'utf8');
    expect(iwer).toContain('installRuntime');
    expect(emulate).toContain('installDevUI');
    expect(emulate).toContain('installSEM');
  });

  it('ships no WebXR emulator: not in the entry chunk, not in any chunk', () => {
    expect(read(entry)).not.toMatch(new RegExp(EMULATOR_MARKERS.join('|')));
    const withEmulator = chunks.filter((f) => EMULATOR_MARKERS.some((k) => read(f).includes(k)));
    expect(withEmulator).toEqual([]);
  });

  it('keeps @react-three/xr out of what the rehearsal page loads up front', () => {
    const scene = chunks.find((f) => f.startsWith('branch-scene-'));
    expect(scene, 'a lazily loaded branch-scene chunk').toBeDefined();
    const initial = staticClosure(entry);
    const withScene = staticClosure(scene!, new Set(initial));
    const xrChunks = chunks.filter((f) => read(f).includes(XR_MARKER));
    expect(xrChunks.length).toBeGreaterThan(0);
    for (const f of xrChunks) expect(withScene.has(f), `${f} is loaded up front`).toBe(false);
    const xrOnly = staticClosure(xrChunks[0]!);
    for (const f of withScene) xrOnly.delete(f);
    console.log(
      `[xr-build] entry+static ${gzipKB(initial)} KB gzip; with the scene chunk ${gzipKB(withScene)} KB gzip; ` +
        `XR on demand ${gzipKB(xrOnly)} KB gzip (${[...xrOnly].join(', ')})`,
    );
  });

  it('serves only the input profiles it uses, with a profile list naming just those', () => {
    const dir = join(DIST, 'xr-profiles');
    expect(existsSync(dir)).toBe(true);
    const list = JSON.parse(readFileSync(join(dir, 'profilesList.json'), 'utf8')) as Record<string, { path: string }>;
    expect(Object.keys(list).sort()).toEqual([...XR_SHIPPED_PROFILES].sort());
    for (const [id, { path }] of Object.entries(list)) {
      expect(existsSync(join(dir, path)), path).toBe(true);
      expect(
        readdirSync(join(dir, id)).some((f) => f.endsWith('.glb')),
        `${id} models`,
      ).toBe(true);
    }
    const files = filesUnder(dir);
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set([...XR_SHIPPED_PROFILES, 'profilesList.json']));
    const bytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    console.log(`[xr-build] input profiles: ${files.length} files, ${Math.round(bytes / 1024)} KB`);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
