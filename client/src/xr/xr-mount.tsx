/**
 * The only XR piece the scene imports eagerly (a few hundred bytes): mounts the lazily loaded XR
 * layer once the browser has said it can do immersive VR, so desktop browsers never download
 * @react-three/xr. Place inside the Canvas.
 */
import { lazy, Suspense } from 'react';
import { useXrUi } from './xr-state.js';

const XrLayer = lazy(() => import('./xr-layer.js'));

export function XrMount() {
  const wanted = useXrUi((s) => s.wanted);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <XrLayer />
    </Suspense>
  );
}
