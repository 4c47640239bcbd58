/**
 * The hall of the virtual branch: carpeted floor, walls with panels and brand-red accents, the
 * ceiling with light strips and two investor-education boards on the side walls. Textures are
 * drawn once into canvases; nothing here changes after mount.
 */
import { useMemo } from 'react';
import { CanvasTexture, RepeatWrapping, SRGBColorSpace, type Texture } from 'three';
import { font, fitText, makeCanvas } from './canvas-text.js';
import { ROOM } from './layout.js';

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

function Board({ texture, x, rotY }: { texture: Texture; x: number; rotY: number }) {
  return (
    <group position={[x, 3.6, -5]} rotation={[0, rotY, 0]}>
      <mesh position={[0, 0, -0.05]}>
        <boxGeometry args={[5.4, 3.5, 0.08]} />
        <meshLambertMaterial color="#3a2a1e" />
      </mesh>
      <mesh>
        <planeGeometry args={[5.1, 3.2]} />
        <meshLambertMaterial map={texture} />
      </mesh>
    </group>
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
  const depth = ROOM.back - ROOM.front;
  const midZ = (ROOM.back + ROOM.front) / 2;
  const half = ROOM.width / 2;
  const pillars = [-11, -1.2, 7, 15, 23];

  return (
    <group>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0, midZ]} name="floor">
        <planeGeometry args={[ROOM.width, depth]} />
        <meshLambertMaterial map={carpet} />
      </mesh>
      {/* Ceiling and its light strips. */}
      <mesh rotation={[Math.PI / 2, 0, 0]} position={[0, ROOM.height, midZ]}>
        <planeGeometry args={[ROOM.width, depth]} />
        <meshLambertMaterial color="#10131b" />
      </mesh>
      {[-8, 0, 8].flatMap((x) =>
        [-10, -4, 2].map((z) => (
          <mesh key={`${x},${z}`} position={[x, ROOM.height - 0.03, z]}>
            <boxGeometry args={[2.4, 0.04, 0.8]} />
            <meshBasicMaterial color="#dfe6f7" toneMapped={false} />
          </mesh>
        )),
      )}
      {/* Side walls, the wall behind the stage, and the back wall far behind the audience. */}
      {[-1, 1].map((side) => (
        <mesh key={side} position={[side * half, ROOM.height / 2, midZ]} rotation={[0, -side * (Math.PI / 2), 0]}>
          <planeGeometry args={[depth, ROOM.height]} />
          <meshLambertMaterial color="#2a3142" />
        </mesh>
      ))}
      <mesh position={[0, ROOM.height / 2, ROOM.front]}>
        <planeGeometry args={[ROOM.width, ROOM.height]} />
        <meshLambertMaterial color="#1a1e29" />
      </mesh>
      <mesh position={[0, ROOM.height / 2, ROOM.back]} rotation={[0, Math.PI, 0]}>
        <planeGeometry args={[ROOM.width, ROOM.height]} />
        <meshLambertMaterial color="#1a1e29" />
      </mesh>
      {/* Wood wainscot and brand-red pilasters along both side walls. */}
      {[-1, 1].map((side) => (
        <mesh key={`wainscot${side}`} position={[side * (half - 0.06), 0.6, midZ]}>
          <boxGeometry args={[0.1, 1.2, depth]} />
          <meshLambertMaterial color="#6b4a32" />
        </mesh>
      ))}
      {pillars.flatMap((z) =>
        [-1, 1].map((side) => (
          <mesh key={`p${z}${side}`} position={[side * (half - 0.2), ROOM.height / 2, z]}>
            <boxGeometry args={[0.4, ROOM.height, 0.6]} />
            <meshLambertMaterial color="#9c1026" />
          </mesh>
        )),
      )}
      <Board texture={left} x={-half + 0.12} rotY={Math.PI / 2} />
      <Board texture={right} x={half - 0.12} rotY={-Math.PI / 2} />
    </group>
  );
}
