/**
 * The branch's entrance and reception, front-left of the hall beside the stage: glass doors in from
 * the branch lobby with an entrance sign, and the reception counter (with a receptionist) under
 * the branch's name board. Static: one merged vertex-coloured mesh plus two canvas signs, drawn
 * once.
 */
import { useMemo } from 'react';
import {
  BoxGeometry,
  CanvasTexture,
  CapsuleGeometry,
  MeshLambertMaterial,
  SphereGeometry,
  SRGBColorSpace,
  type BufferGeometry,
  type Texture,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { colored } from './flat-colour.js';
import { fitText, makeCanvas } from './canvas-text.js';
import { ROOM } from './layout.js';

const WALL_Z = ROOM.front + 0.02;
const DOOR_X = -9.4;
const DESK_X = -12.4;

function box(w: number, h: number, d: number, x: number, y: number, z: number, color: string): BufferGeometry {
  const b = new BoxGeometry(w, h, d);
  b.translate(x, y, z);
  return colored(b, color);
}

function staticGeometry(): BufferGeometry {
  const parts = [
    // Doors: frame, two glass leaves, handles, a mat in front.
    box(2.0, 2.7, 0.12, DOOR_X, 1.35, WALL_Z + 0.06, '#8d97a8'),
    box(0.86, 2.45, 0.06, DOOR_X - 0.45, 1.25, WALL_Z + 0.13, '#5f7894'),
    box(0.86, 2.45, 0.06, DOOR_X + 0.45, 1.25, WALL_Z + 0.13, '#5f7894'),
    box(0.04, 0.5, 0.05, DOOR_X - 0.08, 1.1, WALL_Z + 0.19, '#d8dde6'),
    box(0.04, 0.5, 0.05, DOOR_X + 0.08, 1.1, WALL_Z + 0.19, '#d8dde6'),
    box(2.2, 0.02, 1.2, DOOR_X, 0.01, WALL_Z + 0.8, '#7a1424'),
    // Reception: the backdrop panel, the counter with a white top and a red strip.
    box(3.8, 3.0, 0.1, DESK_X, 2.0, WALL_Z + 0.05, '#e9e4da'),
    box(3.0, 1.05, 0.7, DESK_X, 0.525, WALL_Z + 2.9, '#6b4a32'),
    box(3.1, 0.06, 0.8, DESK_X, 1.08, WALL_Z + 2.9, '#f4f1ea'),
    box(3.0, 0.12, 0.02, DESK_X, 0.8, WALL_Z + 3.26, '#c8102e'),
    box(0.5, 0.32, 0.04, DESK_X + 0.7, 1.28, WALL_Z + 2.75, '#15171c'), // the counter's screen
  ];
  // The receptionist behind the counter.
  const body = new CapsuleGeometry(0.2, 0.55, 3, 8);
  body.scale(1.15, 1, 0.8);
  body.translate(DESK_X - 0.3, 1.15, WALL_Z + 2.35);
  parts.push(colored(body, '#7a1424'));
  const head = new SphereGeometry(0.13, 10, 8);
  head.translate(DESK_X - 0.3, 1.72, WALL_Z + 2.35);
  parts.push(colored(head, '#e4b894'));
  const hair = new SphereGeometry(0.14, 10, 6, 0, Math.PI * 2, 0, Math.PI * 0.6);
  hair.rotateX(-0.3);
  hair.translate(DESK_X - 0.3, 1.75, WALL_Z + 2.33);
  parts.push(colored(hair, '#1b1512'));
  const g = mergeGeometries(parts);
  for (const p of parts) p.dispose();
  if (!g) throw new Error('reception geometry: parts do not merge');
  return g;
}

function signTexture(
  draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => void,
  w: number,
  h: number,
): Texture {
  const { canvas, ctx } = makeCanvas(w, h);
  draw(ctx, w, h);
  const t = new CanvasTexture(canvas);
  t.colorSpace = SRGBColorSpace;
  return t;
}

export function Reception() {
  const { geometry, material, nameBoard, entrance } = useMemo(
    () => ({
      geometry: staticGeometry(),
      material: new MeshLambertMaterial({ vertexColors: true }),
      nameBoard: signTexture(
        (ctx, w, h) => {
          ctx.fillStyle = '#c8102e';
          ctx.fillRect(0, 0, w, h);
          ctx.fillStyle = '#ffffff';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          fitText(ctx, '虚拟营业部 · 接待处', w / 2, h * 0.36, w - 40, 58, 700);
          fitText(ctx, 'Virtual Branch · Reception · 开户咨询', w / 2, h * 0.74, w - 40, 28, 400);
        },
        768,
        224,
      ),
      entrance: signTexture(
        (ctx, w, h) => {
          ctx.fillStyle = '#0f6b3a';
          ctx.fillRect(0, 0, w, h);
          ctx.fillStyle = '#ffffff';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          fitText(ctx, '入口  ENTRANCE', w / 2, h / 2, w - 24, 44, 700);
        },
        384,
        96,
      ),
    }),
    [],
  );
  return (
    <group name="reception">
      <mesh geometry={geometry} material={material} />
      <mesh position={[DESK_X, 2.75, WALL_Z + 0.11]}>
        <planeGeometry args={[3.4, 0.99]} />
        <meshBasicMaterial map={nameBoard} toneMapped={false} />
      </mesh>
      <mesh position={[DOOR_X, 3.0, WALL_Z + 0.04]}>
        <planeGeometry args={[1.6, 0.4]} />
        <meshBasicMaterial map={entrance} toneMapped={false} />
      </mesh>
    </group>
  );
}
