/**
 * The app's one XR store. Part of the lazily loaded XR chunk (only VR-capable browsers load it).
 *
 * - `emulate`: false in every build, which is also what the headset test runs against (it
 *   injects iwer itself, before the app); only `vite dev` keeps @react-three/xr's Quest 3 emulator
 *   for developers without a headset.
 * - `baseAssetPath`: controller and hand models come from this origin (see profiles.ts), never
 *   from the CDN that @pmndrs/xr defaults to. Unknown controllers draw the Touch Plus model.
 * - Click thresholds: a press is a click however long the trigger or pinch is held (panels have
 *   nothing to drag), which also keeps presses working when frames are slow.
 */
import { createXRStore } from '@react-three/xr';
import { appAssetUrl } from '../app-base.js';
import { XR_EMULATOR } from './emulator-flag.js';
import { XR_CONTROLLER_PROFILES, XR_HAND_PROFILE, XR_PROFILE_PATH } from './profiles.js';

const CLICK_MS = 10_000;
const pointer = { clickThresholdMs: CLICK_MS };

export const xrStore = createXRStore({
  emulate: XR_EMULATOR ? 'metaQuest3' : false,
  // From the app's base, not document.baseURI: joined via /join/CODE that would be /join/xr-profiles/.
  baseAssetPath: appAssetUrl(XR_PROFILE_PATH),
  defaultControllerProfileId: XR_CONTROLLER_PROFILES[0],
  defaultXRHandProfileId: XR_HAND_PROFILE,
  // Browsers that offer a session on their own (Quest's browser) would start VR unasked.
  offerSession: false,
  controller: { rayPointer: pointer, grabPointer: pointer, teleportPointer: false },
  hand: { rayPointer: pointer, grabPointer: pointer, touchPointer: pointer, teleportPointer: false },
  frameRate: 'high',
});
