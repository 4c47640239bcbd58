/**
 * Builds the browser client (client/dist) for browser tests, unless the build is already newer
 * than every source file. Use `ensureClientBuilt()` in a beforeAll, or this module as a vitest
 * globalSetup (its default export).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST_INDEX = join(ROOT, 'client', 'dist', 'index.html');
/** Everything the client build reads besides node_modules. */
const SOURCES = [
  join(ROOT, 'client', 'src'),
  join(ROOT, 'client', 'index.html'),
  join(ROOT, 'core'),
  join(ROOT, 'vite.config.ts'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function clientBuildIsFresh(): boolean {
  if (!existsSync(DIST_INDEX)) return false;
  const built = statSync(DIST_INDEX).mtimeMs;
  return SOURCES.every((s) => newestMtime(s) <= built);
}

let building: Promise<void> | null = null;

/** Run `vite build` (programmatically) unless client/dist is up to date. */
export function ensureClientBuilt(): Promise<void> {
  if (clientBuildIsFresh()) return Promise.resolve();
  building ??= (async () => {
    const { build } = await import('vite');
    // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build: the
    // browser tests must run (and the render bench measure) what ships.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'client'), logLevel: 'warn' });
    } finally {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    }
  })().finally(() => {
    building = null;
  });
  return building;
}

/** vitest globalSetup: `globalSetup: ['test/harness/build-client.ts']`. */
export default async function setup(): Promise<void> {
  await ensureClientBuilt();
}
