/**
 * The replay's viewpoint, inside the Canvas: an audience seat (the live camera), the host's view
 * from the stage, or a free camera (three's OrbitControls: drag to orbit, wheel to zoom, right
 * drag to pan). Leaving the replay puts the live camera back.
 */
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CAMERA, STAGE } from '../scene/layout.js';
import { useReplay, type Viewpoint } from './replay-store.js';

const VIEWS: Record<Exclude<Viewpoint, 'free'>, { position: readonly number[]; target: readonly number[] }> = {
  audience: { position: CAMERA.position, target: CAMERA.target },
  // Standing at the host's mark, eye height, looking out over the seats.
  host: { position: [0, STAGE.height + 1.65, STAGE.z + 0.8], target: [0, 1.2, 6] },
};

function place(camera: PerspectiveCamera, v: { position: readonly number[]; target: readonly number[] }) {
  camera.position.set(v.position[0]!, v.position[1]!, v.position[2]!);
  camera.lookAt(v.target[0]!, v.target[1]!, v.target[2]!);
  camera.updateMatrixWorld();
}

export default function ReplayCamera() {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const viewpoint = useReplay((s) => s.viewpoint);

  useEffect(() => {
    if (viewpoint !== 'free') {
      place(camera, VIEWS[viewpoint]);
      invalidate();
      return;
    }
    const controls = new OrbitControls(camera, gl.domElement);
    controls.target.set(...CAMERA.target);
    controls.maxDistance = 40;
    controls.update();
    const changed = () => invalidate();
    controls.addEventListener('change', changed);
    return () => {
      controls.removeEventListener('change', changed);
      controls.dispose();
    };
  }, [viewpoint, camera, gl, invalidate]);

  useEffect(() => () => place(camera, VIEWS.audience), [camera]);
  return null;
}
