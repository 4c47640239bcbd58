/**
 * Vite plugin (build time, Node): copies the few WebXR input profiles the app uses out of
 * @webxr-input-profiles/assets into `<outDir>/xr-profiles/`, with a profilesList.json trimmed to
 * them (an untrimmed list would send other controllers to folders that are not there), and serves
 * the same files under `/xr-profiles/` in `vite dev`. Keeps the ~98 MB package out of the build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { XR_PROFILE_PATH, XR_SHIPPED_PROFILES } from '../profiles.js';

const require = createRequire(import.meta.url);

function profilesDir(): string {
  return join(dirname(require.resolve('@webxr-input-profiles/assets/package.json')), 'dist', 'profiles');
}

/** Relative path (under xr-profiles/) -> file contents. */
export function xrProfileFiles(ids: readonly string[] = XR_SHIPPED_PROFILES): Map<string, Buffer> {
  const root = profilesDir();
  const files = new Map<string, Buffer>();
  const list: Record<string, { path: string }> = {};
  for (const id of ids) {
    const dir = join(root, id);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new Error(`xr-profiles: no input profile "${id}" in @webxr-input-profiles/assets (${dir})`);
    for (const name of readdirSync(dir)) files.set(`${id}/${name}`, readFileSync(join(dir, name)));
    list[id] = { path: `${id}/profile.json` };
  }
  files.set('profilesList.json', Buffer.from(JSON.stringify(list, null, 2)));
  return files;
}

const TYPES: Record<string, string> = { json: 'application/json', glb: 'model/gltf-binary' };

export function xrProfilesPlugin(): Plugin {
  let files: Map<string, Buffer> | null = null;
  const get = () => (files ??= xrProfileFiles());
  return {
    name: 'branchcast-xr-profiles',
    configureServer(server) {
      server.middlewares.use(`/${XR_PROFILE_PATH}`, (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
        const body = get().get(rel);
        if (!body) return next();
        res.setHeader('Content-Type', TYPES[rel.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.end(body);
      });
    },
    generateBundle() {
      for (const [rel, source] of get()) this.emitFile({ type: 'asset', fileName: `${XR_PROFILE_PATH}${rel}`, source });
    },
  };
}
