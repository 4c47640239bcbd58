/**
 * The browser globals the client declares for tests (`window.__branchcast` with its XR part,
 * `window.__branchcastReplay`) and WebXR's `navigator.xr`. The client is its own project under
 * `tsc -b`, so its `declare global` blocks reach test/ and bench/ only through a module that
 * imports them: this one.
 */
/// <reference types="webxr" />
export type { BranchcastTestHooks } from '../../client/src/scene/test-hooks.js';
export type { XrTestHooks } from '../../client/src/xr/xr-test-hooks.js';
export type { BranchcastReplayHooks } from '../../client/src/replay/replay-player.js';
