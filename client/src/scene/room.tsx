/**
 * The hall of the virtual branch: carpeted floor, walls with panels and brand-red accents, the
 * ceiling with light strips and two investor-education boards on the side walls. The static
 * shell is two merged meshes with baked shading (room-shell.ts). Textures are drawn once into
 * canvases; nothing here changes after mount.
 */
import { useMemo } from 'react';
import {
  CanvasTexture,
  MeshBasicMaterial,
  MeshLambertMaterial,
  RepeatWrapping,
  SRGBColorSpace,
  type Texture,
} from 'three';
import { font, fitText, makeCanvas } from './canvas-text.js';
import { ROOM } from './layout.js';
import { BOARDS_Z, shellGeometry, stripsGeometry } from './room-shell.js';

function carpetTexture(): Texture {
  const { canvas, ctx } = makeCanvas(256, 256);
  ctx.fillStyle = '#262c3a';
  ctx.fillRect(0, 0, 256, 256);
  // Carpet tiles: alternate slightly and add a fine weave so the floor reads as a floor.
  for (let ty = 0; ty < 2; ty++)
    for (let tx = 0; tx < 2; tx++) {
      ctx.fillStyle = (tx + ty) % 2 === 0 ? '#2b3243' : '#232938';
      ctx.fillRect(tx * 128, ty * 128, 128, 128);
    }
  ctx.fillStyle = 'rgba(255,255,255,0.035)';
  for (let i = 0; i < 256; i += 4) ctx.fillRect(0, i, 256, 1);
  ctx.strokeStyle = 'rgba(0,0,0,0.35)';
  ctx.strokeRect(0.5, 0.5, 255, 255);
  const t = new CanvasTexture(canvas);
  t.wrapS = t.wrapT = RepeatWrapping;
  t.repeat.set(ROOM.width / 2, (ROOM.back - ROOM.front) / 2);
  t.colorSpace = SRGBColorSpace;
  t.anisotropy = 8;
  return t;
}

function boardTexture(title: string, subtitle: string, lines: string[]): Texture {
  const { canvas, ctx } = makeCanvas(1024, 640);
  const g = ctx.createLinearGradient(0, 0, 0, 640);
  g.addColorStop(0, '#f6f1e7');
  g.addColorStop(1, '#e7dfcf');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 1024, 640);
  ctx.fillStyle = '#c8102e';
  ctx.fillRect(0, 0, 1024, 130);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  fitText(ctx, title, 512, 56, 960, 60, 700);
  ctx.font = font(26, 400);
  ctx.fillText(subtitle, 512, 106);
  ctx.fillStyle = '#1d2433';
  ctx.textAlign = 'left';
  lines.forEach((line, i) => {
    ctx.fillStyle = '#c8102e';
    ctx.fillRect(70, 200 + i * 105 - 10, 20, 20);
    ctx.fillStyle = '#1d2433';
    fitText(ctx, line, 110, 200 + i * 105, 860, 46, 500);
  });
  const t = new CanvasTexture(canvas);
  t.colorSpace = SRGBColorSpace;
  return t;
}

/** A textured board on a side wall (its wooden frame is part of the baked shell). */
function Board({ texture, x, rotY }: { texture: Texture; x: number; rotY: number }) {
  return (
    <mesh position={[x, 3.6, BOARDS_Z]} rotation={[0, rotY, 0]}>
      <planeGeometry args={[5.1, 3.2]} />
      <meshLambertMaterial map={texture} />
    </mesh>
  );
}

export function Room() {
  const { carpet, left, right } = useMemo(
    () => ({
      carpet: carpetTexture(),
      left: boardTexture('理性投资 远离非法荐股', 'Invest rationally · Beware of illegal stock tips', [
        '不承诺收益，不保本保息',
        '只通过正规渠道开户交易',
        '警惕“带单”“内幕消息”',
      ]),
      right: boardTexture('投资者教育基地', 'Investor Education Base', [
        '了解产品，匹配风险等级',
        '卖者尽责，买者自负',
        '市场有风险，投资需谨慎',
      ]),
    }),
    [],
  );
  const { shell, shellMaterial, strips, stripsMaterial } = useMemo(
    () => ({
      shell: shellGeometry(),
      shellMaterial: new MeshLambertMaterial({ vertexColors: true }),
      strips: stripsGeometry(),
      stripsMaterial: new MeshBasicMaterial({ color: '#dfe6f7', toneMapped: false }),
    }),
    [],
  );
  const depth = ROOM.back - ROOM.front;
  const midZ = (ROOM.back + ROOM.front) / 2;
  const half = ROOM.width / 2;

  return (
    <group>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0, midZ]} name="floor">
        <planeGeometry args={[ROOM.width, depth]} />
        <meshLambertMaterial map={carpet} />
      </mesh>
      {/* Walls, ceiling, wainscot, pilasters and board frames: one mesh with baked shading. */}
      <mesh geometry={shell} material={shellMaterial} name="room-shell" />
      <mesh geometry={strips} material={stripsMaterial} />
      <Board texture={left} x={-half + 0.12} rotY={Math.PI / 2} />
      <Board texture={right} x={half - 0.12} rotY={-Math.PI / 2} />
    </group>
  );
}
