/**
 * The virtual branch: one Canvas with the hall, stage, LED wall, host and audience. Loaded lazily
 * (three and @react-three/fiber are most of the client's bytes) so the lobby paints first.
 * `preserveDrawingBuffer` lets tests read pixels; no antialiasing keeps software GL affordable.
 */
import { Canvas } from '@react-three/fiber';
import type { ReactNode } from 'react';
import { AddressedTag } from './addressed-tag.js';
import { Audience } from './audience.js';
import { Chairs } from './chairs.js';
import { CAMERA } from './layout.js';
import { LedWall } from './led-wall.js';
import { Reception } from './reception.js';
import { Room } from './room.js';
import { Stage } from './stage.js';
import { TestHooks } from './test-hooks.js';
import { TradeBoard } from './trade-board.js';
import { HostToolsBoard } from './host-tools-board.js';
import { XrMount } from '../xr/xr-mount.js';

const BACKGROUND = '#07090f';

/** `children`: extra scene parts from the page (the replay's camera). */
export default function BranchScene({ children }: { children?: ReactNode }) {
  return (
    <Canvas
      className="scene-canvas"
      gl={{ preserveDrawingBuffer: true, antialias: false, powerPreference: 'high-performance' }}
      dpr={[1, 1.5]}
      camera={{ position: [...CAMERA.position], fov: CAMERA.fov, near: 0.1, far: 120 }}
      onCreated={({ camera }) => camera.lookAt(...CAMERA.target)}
    >
      <color attach="background" args={[BACKGROUND]} />
      <fog attach="fog" args={[BACKGROUND, 30, 80]} />
      {/* Cheap lighting: sky/ground fill, one key light, one warm light over the stage. */}
      <hemisphereLight args={['#d5dcff', '#2b1f16', 1.1]} />
      <directionalLight position={[5, 9, 8]} intensity={1.4} />
      <pointLight position={[0, 5.5, -5.5]} intensity={45} distance={16} decay={2} color="#ffe2b8" />
      <Room />
      <Reception />
      <Stage />
      <LedWall />
      <TradeBoard />
      <HostToolsBoard />
      <Chairs />
      <Audience />
      <AddressedTag />
      {children}
      <TestHooks />
      <XrMount />
    </Canvas>
  );
}
