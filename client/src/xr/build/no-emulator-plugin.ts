/**
 * Vite plugin. Defines __BRANCHCAST_XR_EMULATOR__ (true only for `vite dev`, see
 * emulator-flag.ts). In builds: @pmndrs/xr's store imports its WebXR emulator (iwer,
 * @iwer/devui, @iwer/sem: several MB) with a dynamic `import('./emulate.js')`. Production builds
 * create the store with `emulate: false`, so that import is dead code; this plugin swaps it for a
 * stub so the emulator is not in the build output at all, let alone the entry chunk
 * (test/unit/xr-build-output.test.ts checks dist). `vite dev` keeps the real emulator.
 */
import type { Plugin } from 'vite';

const STUB = '\0branchcast-no-xr-emulator';

export function noXrEmulatorPlugin(): Plugin {
  let build = false;
  return {
    name: 'branchcast-no-xr-emulator',
    enforce: 'pre',
    config(_config, { command }) {
      build = command === 'build';
      return { define: { __BRANCHCAST_XR_EMULATOR__: JSON.stringify(!build) } };
    },
    resolveId(source, importer) {
      if (build && source === './emulate.js' && importer && /@pmndrs[\\/]xr[\\/]dist[\\/]store\.js$/.test(importer))
        return STUB;
      return null;
    },
    load(id) {
      if (id !== STUB) return null;
      return 'export function emulate() { throw new Error("the WebXR emulator is not part of production builds (use vite dev)"); }';
    },
  };
}
