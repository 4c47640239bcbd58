/**
 * The live-stream camera on its tripod at the front of the stage, lens on the host, with a
 * teleprompter hood and a tally light that glows red while the stream is live (dim when paused).
 * The rig is one merged, vertex-coloured mesh; the tally light is a second one.
 */
import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import {
  BoxGeometry,
  CylinderGeometry,
  MeshBasicMaterial,
  MeshLambertMaterial,
  SphereGeometry,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { colored } from './flat-colour.js';
import { sessionStore } from '../stores/session-store.js';

/** Tripod, head, camera body, lens and prompter hood; the lens points along +z. */
function rigGeometry(): BufferGeometry {
  const parts: BufferGeometry[] = [];
  for (let i = 0; i < 3; i++) {
    const leg = new CylinderGeometry(0.02, 0.02, 1.45, 5);
    leg.translate(0, 0.7, 0);
    leg.rotateZ(0.22);
    leg.rotateY((i * Math.PI * 2) / 3);
    parts.push(colored(leg, '#1b1d22'));
  }
  const column = new CylinderGeometry(0.035, 0.035, 0.3, 6);
  column.translate(0, 1.45, 0);
  parts.push(colored(column, '#2a2d33'));
  const body = new BoxGeometry(0.26, 0.26, 0.5);
  body.translate(0, 1.72, -0.05);
  parts.push(colored(body, '#23262d'));
  const lens = new CylinderGeometry(0.09, 0.1, 0.32, 12);
  lens.rotateX(Math.PI / 2);
  lens.translate(0, 1.72, 0.35);
  parts.push(colored(lens, '#101114'));
  const glass = new CylinderGeometry(0.075, 0.075, 0.01, 12);
  glass.rotateX(Math.PI / 2);
  glass.translate(0, 1.72, 0.515);
  parts.push(colored(glass, '#3a5a8c'));
  // Teleprompter hood in front of the lens.
  const hood = new BoxGeometry(0.44, 0.34, 0.3);
  hood.translate(0, 1.72, 0.68);
  parts.push(colored(hood, '#15171b'));
  const viewfinder = new BoxGeometry(0.16, 0.1, 0.12);
  viewfinder.translate(0.17, 1.86, -0.2);
  parts.push(colored(viewfinder, '#2a2d33'));
  const handle = new CylinderGeometry(0.015, 0.015, 0.5, 5);
  handle.rotateX(Math.PI / 2 - 0.3);
  handle.translate(-0.12, 1.6, -0.45);
  parts.push(colored(handle, '#1b1d22'));
  const g = mergeGeometries(parts);
  for (const p of parts) p.dispose();
  if (!g) throw new Error('camera rig geometry: parts do not merge');
  return g;
}

export function CameraRig({ position }: { position: [number, number, number] }) {
  const { rig, rigMat, tally, tallyMat } = useMemo(() => {
    const tally = new SphereGeometry(0.03, 8, 6);
    tally.translate(0, 1.89, 0.12);
    return {
      rig: rigGeometry(),
      rigMat: new MeshLambertMaterial({ vertexColors: true }),
      tally,
      tallyMat: new MeshBasicMaterial({ color: '#400000', toneMapped: false }),
    };
  }, []);
  const last = useRef(-1);
  // Aim the lens at the host behind the desk (stage centre, z = -7.75).
  const aim = Math.atan2(0 - position[0], -7.75 - position[2]);

  useFrame(() => {
    const st = sessionStore.getState().state;
    const state = st.status !== 'live' ? 0 : st.paused ? 1 : 2;
    if (state === last.current) return;
    last.current = state;
    tallyMat.color.set(state === 2 ? '#ff2020' : state === 1 ? '#a05000' : '#400000');
  });

  return (
    <group position={position} rotation={[0, aim, 0]} name="camera-rig">
      <mesh geometry={rig} material={rigMat} />
      <mesh geometry={tally} material={tallyMat} />
    </group>
  );
}
