/**
 * Placeholder host on stage, built from primitives: suit, shirt and tie, head and hair, arms on
 * the desk. Idle sway and a livelier nod for a moment after each delivered line. useFrame mutates
 * refs and reads the store with getState(); nothing is allocated per frame.
 */
import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { Group } from 'three';
import { sessionStore } from '../stores/session-store.js';

const SUIT = '#1d2a48';
const SKIN = '#e4b894';

export function HostFigure({ position }: { position: [number, number, number] }) {
  const body = useRef<Group>(null);
  const head = useRef<Group>(null);
  const speech = useRef({ lines: -1, since: -10 });

  useFrame(({ clock }) => {
    const t = clock.elapsedTime;
    const lines = sessionStore.getState().state.counters.hostLines;
    const sp = speech.current;
    if (lines !== sp.lines) {
      // The first reading only syncs the counter; later changes mean a line was just delivered.
      if (sp.lines >= 0) sp.since = t;
      sp.lines = lines;
    }
    const talking = Math.max(0, 1 - (t - sp.since) / 3);
    if (body.current) {
      body.current.rotation.z = Math.sin(t * 0.7) * 0.02;
      body.current.rotation.y = Math.sin(t * 0.35) * 0.06;
      body.current.position.y = Math.sin(t * 1.4) * 0.008;
    }
    if (head.current) {
      head.current.rotation.x = Math.sin(t * 1.1) * 0.04 + Math.sin(t * 7) * 0.07 * talking;
      head.current.rotation.y = Math.sin(t * 0.5 + 1) * 0.12;
    }
  });

  return (
    <group position={position} name="host">
      <group ref={body}>
        {/* Legs (mostly hidden by the desk). */}
        {[-0.13, 0.13].map((x) => (
          <mesh key={x} position={[x, 0.45, 0]}>
            <cylinderGeometry args={[0.09, 0.08, 0.9, 10]} />
            <meshLambertMaterial color="#161c2c" />
          </mesh>
        ))}
        <mesh position={[0, 1.22, 0]} scale={[1.25, 1, 0.75]}>
          <capsuleGeometry args={[0.22, 0.5, 4, 14]} />
          <meshLambertMaterial color={SUIT} />
        </mesh>
        {/* Shirt and tie at the open collar, facing the audience (+z). */}
        <mesh position={[0, 1.5, 0.155]} rotation={[0.15, 0, 0]}>
          <planeGeometry args={[0.18, 0.22]} />
          <meshLambertMaterial color="#f1f3f8" />
        </mesh>
        <mesh position={[0, 1.44, 0.17]} rotation={[0.15, 0, 0]}>
          <planeGeometry args={[0.05, 0.24]} />
          <meshLambertMaterial color="#c8102e" />
        </mesh>
        {/* Arms reaching forward to the desk. */}
        {[-1, 1].map((side) => (
          <mesh key={side} position={[side * 0.33, 1.2, 0.16]} rotation={[-0.9, 0, side * 0.12]}>
            <capsuleGeometry args={[0.07, 0.5, 4, 8]} />
            <meshLambertMaterial color={SUIT} />
          </mesh>
        ))}
        <group ref={head} position={[0, 1.62, 0]}>
          <mesh position={[0, 0.07, 0]}>
            <cylinderGeometry args={[0.06, 0.07, 0.12, 10]} />
            <meshLambertMaterial color={SKIN} />
          </mesh>
          <mesh position={[0, 0.25, 0]} scale={[0.92, 1.08, 0.98]}>
            <sphereGeometry args={[0.15, 18, 14]} />
            <meshLambertMaterial color={SKIN} />
          </mesh>
          {[-0.05, 0.05].map((x) => (
            <mesh key={x} position={[x, 0.27, 0.13]}>
              <sphereGeometry args={[0.017, 8, 6]} />
              <meshBasicMaterial color="#1b1512" />
            </mesh>
          ))}
          <mesh position={[0, 0.3, -0.02]} rotation={[-0.35, 0, 0]}>
            <sphereGeometry args={[0.158, 18, 10, 0, Math.PI * 2, 0, Math.PI * 0.55]} />
            <meshLambertMaterial color="#1b1512" />
          </mesh>
        </group>
      </group>
    </group>
  );
}
