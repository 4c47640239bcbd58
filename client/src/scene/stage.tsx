/**
 * The stage: a raised platform with a lit edge, the host desk with the channel's front panel, the
 * host (procedural or the user's VRM), the live-stream camera rig facing the host, and a few props
 * (plants, studio lights on stands) so the space reads as a studio.
 */
import { useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace, type Texture } from 'three';
import { fitText, makeCanvas } from './canvas-text.js';
import { HostAvatar } from '../host/host-avatar.js';
import { CameraRig } from './camera-rig.js';
import { STAGE } from './layout.js';

function deskPanelTexture(): Texture {
  const { canvas, ctx } = makeCanvas(512, 192);
  ctx.fillStyle = '#c8102e';
  ctx.fillRect(0, 0, 512, 192);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  fitText(ctx, '投教直播', 256, 78, 460, 72, 700);
  fitText(ctx, 'BRANCHCAST  INVESTOR EDUCATION', 256, 148, 460, 24, 500);
  const t = new CanvasTexture(canvas);
  t.colorSpace = SRGBColorSpace;
  return t;
}

function Plant({ x, z }: { x: number; z: number }) {
  return (
    <group position={[x, STAGE.height, z]}>
      <mesh position={[0, 0.3, 0]}>
        <cylinderGeometry args={[0.28, 0.22, 0.6, 12]} />
        <meshLambertMaterial color="#ede6da" />
      </mesh>
      <mesh position={[0, 1.05, 0]} scale={[1, 1.35, 1]}>
        <sphereGeometry args={[0.55, 12, 10]} />
        <meshLambertMaterial color="#2f6b3f" />
      </mesh>
    </group>
  );
}

function LightStand({ x, z, rotY }: { x: number; z: number; rotY: number }) {
  return (
    <group position={[x, 0, z]} rotation={[0, rotY, 0]}>
      <mesh position={[0, 1.1, 0]}>
        <cylinderGeometry args={[0.03, 0.03, 2.2, 6]} />
        <meshLambertMaterial color="#202020" />
      </mesh>
      <mesh position={[0, 2.25, 0]} rotation={[0.5, 0, 0]}>
        <boxGeometry args={[0.7, 0.5, 0.12]} />
        <meshLambertMaterial color="#111318" />
      </mesh>
      <mesh position={[0, 2.22, 0.07]} rotation={[0.5, 0, 0]}>
        <planeGeometry args={[0.6, 0.4]} />
        <meshBasicMaterial color="#fff4dc" toneMapped={false} />
      </mesh>
    </group>
  );
}

export function Stage() {
  const panel = useMemo(deskPanelTexture, []);
  const top = STAGE.height;
  const frontZ = STAGE.z + STAGE.depth / 2;
  return (
    <group>
      <mesh position={[0, top / 2, STAGE.z]} name="stage">
        <boxGeometry args={[STAGE.width, top, STAGE.depth]} />
        <meshLambertMaterial color="#3b2c24" />
      </mesh>
      {/* Glowing edge along the stage front. */}
      <mesh position={[0, top - 0.04, frontZ + 0.01]}>
        <boxGeometry args={[STAGE.width, 0.06, 0.04]} />
        <meshBasicMaterial color="#4da3ff" toneMapped={false} />
      </mesh>
      {/* Host desk. */}
      <group position={[0, top, -7.0]}>
        <mesh position={[0, 1.02, 0]}>
          <boxGeometry args={[2.8, 0.08, 0.9]} />
          <meshLambertMaterial color="#e9e4da" />
        </mesh>
        <mesh position={[0, 0.5, 0.2]}>
          <boxGeometry args={[2.6, 1.0, 0.4]} />
          <meshLambertMaterial color="#23262e" />
        </mesh>
        <mesh position={[0, 0.52, 0.405]}>
          <planeGeometry args={[2.4, 0.9]} />
          <meshLambertMaterial map={panel} />
        </mesh>
        {/* A monitor and a microphone on the desk. */}
        <mesh position={[0.85, 1.25, -0.05]} rotation={[0, -0.3, 0]}>
          <boxGeometry args={[0.6, 0.38, 0.04]} />
          <meshLambertMaterial color="#0d0f14" />
        </mesh>
        <mesh position={[-0.5, 1.2, 0.1]} rotation={[0.4, 0, 0]}>
          <cylinderGeometry args={[0.035, 0.02, 0.3, 8]} />
          <meshLambertMaterial color="#1a1a1a" />
        </mesh>
      </group>
      <HostAvatar position={[0, top, -7.75]} />
      <CameraRig position={[1.6, top, -4.3]} />
      <Plant x={-6.8} z={-10.2} />
      <Plant x={6.8} z={-10.2} />
      <LightStand x={-6.2} z={-3.8} rotY={2.21} />
      <LightStand x={6.2} z={-3.8} rotY={-2.21} />
    </group>
  );
}
