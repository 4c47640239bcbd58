/**
 * Whether @react-three/xr's Quest 3 emulator may run: true only under `vite dev` (defined by
 * build/no-emulator-plugin.ts from Vite's command). Not import.meta.env.DEV: a build run inside
 * Vitest keeps NODE_ENV=test and so reports DEV, but it is still a build and must behave as one.
 */
declare const __BRANCHCAST_XR_EMULATOR__: boolean | undefined;

export const XR_EMULATOR: boolean =
  typeof __BRANCHCAST_XR_EMULATOR__ === 'boolean' ? __BRANCHCAST_XR_EMULATOR__ : false;
