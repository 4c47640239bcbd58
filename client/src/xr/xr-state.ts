/**
 * The little XR state the rest of the app may import without pulling in @react-three/xr: whether
 * the browser can do immersive VR, whether the XR layer has been asked for (that loads its chunk),
 * and the `enter` function the layer publishes once its <XR> is mounted in the Canvas. The Enter
 * VR button reads it; the heavy code lives in xr-layer.tsx and loads only on VR-capable browsers.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { XR_EMULATOR } from './emulator-flag.js';

export interface XrUiState {
  /** null while asking navigator.xr; then whether immersive-vr is offered. */
  supported: boolean | null;
  /** Mount the XR layer (and so load its chunk). Set as soon as VR is supported, to preload it. */
  wanted: boolean;
  /** Published by the mounted layer: requests the immersive session (must run in a click). */
  enter: (() => Promise<void>) | null;
  /** Ends the session; null when not presenting. */
  exit: (() => Promise<void>) | null;
  presenting: boolean;
  /** The last failure to enter VR, for the button's tooltip and alert. */
  error: string | null;
}

export const xrUiStore = createStore<XrUiState>()(() => ({
  supported: null,
  wanted: false,
  enter: null,
  exit: null,
  presenting: false,
  error: null,
}));

export function useXrUi<T>(selector: (s: XrUiState) => T): T {
  return useStore(xrUiStore, selector);
}

let probing: Promise<void> | null = null;

/**
 * Ask once whether immersive VR is available. In `vite dev` @react-three/xr's emulator can stand
 * in for a headset, so any navigator.xr counts there.
 */
export function probeXrSupport(): Promise<void> {
  probing ??= (async () => {
    const xr = typeof navigator === 'undefined' ? undefined : navigator.xr;
    let supported = false;
    if (xr) {
      try {
        supported = (await xr.isSessionSupported('immersive-vr')) || XR_EMULATOR;
      } catch {
        supported = XR_EMULATOR;
      }
    }
    xrUiStore.setState({ supported, wanted: supported || xrUiStore.getState().wanted });
  })();
  return probing;
}
