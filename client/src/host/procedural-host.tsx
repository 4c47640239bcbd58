/**
 * The default virtual host: a stylised presenter behind the desk, built from code (no file). Nine
 * draw calls: body, head, pupils, eyelids, mouth and four arm segments. Every frame (useFrame,
 * refs only, nothing allocated) it breathes and sways, blinks, looks at the camera or at the
 * viewer being answered, shapes its mouth from the viseme timeline of the line being spoken,
 * gestures when a segment starts and makes small beat gestures while talking.
 */
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { MeshBasicMaterial, MeshLambertMaterial, Vector3, type Group, type Mesh } from 'three';
import {
  bodyGeometry,
  eyelidsGeometry,
  forearmGeometry,
  headGeometry,
  HOST_RIG,
  mouthGeometry,
  pupilsGeometry,
  upperArmGeometry,
} from './host-geometry.js';
import { useHostMotion } from './host-motion.js';

/** Mouth scale (x, y) per shape aa ih ou ee oh; a closed mouth is (1, 0.14). */
const MOUTH_SX = [1.1, 1.25, 0.6, 1.4, 0.8];
const MOUTH_SY = [1.0, 0.45, 0.65, 0.35, 0.85];
const CLOSED_Y = 0.14;

/** Arm poses (upper x, upper z outwards, elbow x) at rest and for each gesture. */
const REST = [-0.35, 0.12, -1.25] as const;
const GESTURE_POSES: readonly (readonly [number, number, number])[] = [
  [-0.95, 0.55, -0.75], // both arms open: "welcome"
  [-1.15, 0.25, -0.95], // presenting forward
  [-0.7, -0.15, -1.55], // hands together in front: explaining
];

export function ProceduralHost() {
  const parts = useMemo(() => {
    const skin = new MeshLambertMaterial({ vertexColors: true });
    return {
      skin,
      mouthMat: new MeshBasicMaterial({ vertexColors: true }),
      body: bodyGeometry(),
      head: headGeometry(),
      pupils: pupilsGeometry(),
      lids: eyelidsGeometry(),
      mouth: mouthGeometry(),
      upper: upperArmGeometry(),
      fore: forearmGeometry(),
    };
  }, []);
  const motion = useHostMotion();
  const root = useRef<Group>(null);
  const body = useRef<Group>(null);
  const head = useRef<Group>(null);
  const pupils = useRef<Mesh>(null);
  const lids = useRef<Mesh>(null);
  const mouth = useRef<Mesh>(null);
  const shoulders = [useRef<Group>(null), useRef<Group>(null)] as const;
  const elbows = [useRef<Group>(null), useRef<Group>(null)] as const;
  const headWorld = useMemo(() => new Vector3(), []);

  useFrame(({ clock, camera }, delta) => {
    const t = clock.elapsedTime;
    if (!root.current || !body.current || !head.current) return;
    head.current.getWorldPosition(headWorld);
    headWorld.y += 0.2;
    motion.update(t, Math.min(delta, 0.2), camera, headWorld, 'procedural');
    const talk = motion.open;

    body.current.rotation.z = Math.sin(t * 0.7) * 0.015;
    body.current.rotation.y = motion.yaw * 0.3 + Math.sin(t * 0.35) * 0.03;
    body.current.position.y = Math.sin(t * 1.4) * 0.006;

    head.current.rotation.y = motion.yaw * 0.7 + Math.sin(t * 0.5 + 1) * 0.04;
    head.current.rotation.x = motion.pitch + Math.sin(t * 1.1) * 0.02 + talk * 0.05;
    head.current.rotation.z = Math.sin(t * 0.43) * 0.02;

    if (pupils.current) {
      pupils.current.position.x = Math.sin(motion.eyeYaw + motion.yaw * 0.3) * 0.012;
      pupils.current.position.y = HOST_RIG.eyeY - Math.sin(motion.eyePitch) * 0.01;
    }
    if (lids.current) lids.current.scale.y = 0.05 + 0.95 * motion.blink;
    if (mouth.current) {
      let sx = 1;
      let sy = CLOSED_Y;
      for (let i = 0; i < MOUTH_SX.length; i++) {
        const w = motion.mouth[i]!;
        sx += w * (MOUTH_SX[i]! - 1);
        sy += w * (MOUTH_SY[i]! - CLOSED_Y);
      }
      mouth.current.scale.set(sx, sy, 1);
    }

    const g = motion.gestureAmount;
    const pose = GESTURE_POSES[motion.gesture]!;
    for (let i = 0; i < 2; i++) {
      const side = i === 0 ? -1 : 1; // 0: the host's right (at -x), 1: left
      const sh = shoulders[i]!.current;
      const el = elbows[i]!.current;
      if (!sh || !el) continue;
      // Beat gestures: the right forearm lifts a little with the syllables.
      const beat = i === 0 ? talk * 0.18 * (1 - g) : 0;
      sh.rotation.x = REST[0] + (pose[0] - REST[0]) * g;
      sh.rotation.z = side * (REST[1] + (pose[1] - REST[1]) * g);
      el.rotation.x = REST[2] + (pose[2] - REST[2]) * g - beat;
    }
  });

  const { skin, mouthMat } = parts;
  return (
    <group ref={root} name="host" userData={{ kind: 'procedural' }}>
      <group ref={body}>
        <mesh geometry={parts.body} material={skin} />
        {[-1, 1].map((side, i) => (
          <group
            key={side}
            ref={shoulders[i]}
            position={[side * HOST_RIG.shoulderX, HOST_RIG.shoulderY, 0]}
            rotation={[REST[0], side * REST[1], 0]}
          >
            <mesh geometry={parts.upper} material={skin} />
            <group ref={elbows[i]} position={[0, -HOST_RIG.elbow, 0]} rotation={[REST[2], 0, 0]}>
              <mesh geometry={parts.fore} material={skin} />
            </group>
          </group>
        ))}
        <group ref={head} position={[0, HOST_RIG.neckY, 0]}>
          <mesh geometry={parts.head} material={skin} />
          <mesh ref={pupils} geometry={parts.pupils} material={skin} position={[0, HOST_RIG.eyeY, 0]} />
          <mesh ref={lids} geometry={parts.lids} material={skin} position={[0, HOST_RIG.eyeY + 0.004, 0]} />
          <mesh
            ref={mouth}
            name="host-mouth"
            geometry={parts.mouth}
            material={mouthMat}
            position={[0, HOST_RIG.mouthY, HOST_RIG.mouthZ]}
          />
        </group>
      </group>
    </group>
  );
}
