/**
 * A user's VRM avatar as the host, driven like the procedural one: the mouth expressions aa ih ou
 * ee oh from the viseme timeline, blink, lookAt towards the camera or the viewer being answered,
 * arms lowered from the T-pose with the same gestures. Only types come from @pixiv/three-vrm; the
 * loaded VRM object carries its own code, so this file adds nothing to the initial bundle.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { Object3D, Vector3, type Group } from 'three';
import type { VRM, VRMHumanBoneName } from '@pixiv/three-vrm';
import { VISEMES } from '../../../core/avatar/visemes.js';
import { gazeTarget } from './gaze.js';
import { useHostMotion } from './host-motion.js';

const ARM_DOWN = 1.2;

export function VrmHost({ vrm }: { vrm: VRM }) {
  const motion = useHostMotion();
  const root = useRef<Group>(null);
  const scratch = useMemo(() => ({ head: new Vector3(), look: new Object3D() }), []);

  useEffect(() => {
    root.current?.add(vrm.scene);
    // lookAt follows an Object3D we move each frame (in world space, added to the root's parent).
    if (vrm.lookAt) vrm.lookAt.target = scratch.look;
    return () => {
      vrm.scene.removeFromParent();
      if (vrm.lookAt) vrm.lookAt.target = null;
    };
  }, [vrm, scratch]);

  useFrame(({ clock, camera }, delta) => {
    const t = clock.elapsedTime;
    const dt = Math.min(delta, 0.2);
    const h = vrm.humanoid;
    const headNode = h.getNormalizedBoneNode('head');
    if (headNode) headNode.getWorldPosition(scratch.head);
    else root.current?.getWorldPosition(scratch.head);
    motion.update(t, dt, camera, scratch.head, 'vrm');

    const em = vrm.expressionManager;
    if (em) {
      for (let i = 0; i < 5; i++) em.setValue(VISEMES[i]!, motion.mouth[i]!);
      em.setValue('blink', motion.blink);
    }
    gazeTarget(camera, scratch.look.position);
    scratch.look.updateMatrixWorld();

    // Arms down from the T-pose (VRM 1.0: the model's left is +x), with the gesture on top.
    const g = motion.gestureAmount;
    const lift = g * (motion.gesture === 0 ? 0.8 : 0.5);
    setZ(vrm, 'leftUpperArm', -(ARM_DOWN - lift));
    setZ(vrm, 'rightUpperArm', ARM_DOWN - lift);
    const spine = h.getNormalizedBoneNode('spine');
    if (spine) spine.rotation.y = motion.yaw * 0.2 + Math.sin(t * 0.35) * 0.03;
    const neck = h.getNormalizedBoneNode('neck') ?? headNode;
    if (neck) neck.rotation.x = Math.sin(t * 1.1) * 0.02 + motion.open * 0.04;
    vrm.update(dt);
  });

  return <group ref={root} name="host" userData={{ kind: 'vrm' }} />;
}

function setZ(vrm: VRM, bone: VRMHumanBoneName, z: number): void {
  const n = vrm.humanoid.getNormalizedBoneNode(bone);
  if (n) n.rotation.z = z;
}
