/**
 * The WebXR input profiles the app ships (from @webxr-input-profiles/assets, whose full set is
 * ~98 MB): only what a Meta Quest 3 needs. Served from the app's own origin at XR_PROFILE_PATH,
 * copied there by build/xr-profiles-plugin.ts, so no controller or hand model comes from a CDN.
 * Any other controller falls back to the Touch Plus model (see xr-store.ts).
 */
export const XR_PROFILE_PATH = 'xr-profiles/';

/** Controller profiles copied into the build (Quest 3 reports meta-quest-touch-plus first). */
export const XR_CONTROLLER_PROFILES = ['meta-quest-touch-plus'] as const;

/** Hand-tracking models: @react-three/xr loads `<id>/<handedness>.glb` of this profile. */
export const XR_HAND_PROFILE = 'generic-hand';

export const XR_SHIPPED_PROFILES: readonly string[] = [...XR_CONTROLLER_PROFILES, XR_HAND_PROFILE];
