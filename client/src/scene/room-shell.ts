/**
 * The hall's static shell as two merged meshes instead of thirty: walls, ceiling, wainscot,
 * pilasters and board frames in one Lambert mesh whose vertex colours carry "baked" shading
 * (darker towards the floor and the far end, a warm wash near the lit stage), and the ceiling's
 * light strips in one unlit mesh. Cheap on draw calls, which VR needs (two eyes, 72–90 Hz).
 */
import { BoxGeometry, BufferAttribute, Color, PlaneGeometry, type BufferGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { ROOM, STAGE } from './layout.js';

const PILLARS_Z = [-11, -1.2, 7, 15, 23];
export const BOARDS_Z = -5;
const WARM = new Color('#ffe2b8');

/** Shade for a point of the shell: 0.62 at the floor → 1 under the ceiling, warmer near the stage. */
function bake(geo: BufferGeometry, color: string): BufferGeometry {
  const g = geo.index ? geo.toNonIndexed() : geo;
  if (g !== geo) geo.dispose();
  g.deleteAttribute('uv');
  const pos = g.getAttribute('position');
  const base = new Color(color);
  const c = new Color();
  const colors = new Float32Array(pos.count * 3);
  for (let i = 0; i < pos.count; i++) {
    const y = Math.max(0, Math.min(1, pos.getY(i) / ROOM.height));
    const z = pos.getZ(i);
    const height = 0.62 + 0.38 * Math.sqrt(y);
    // The stage lights spill onto the nearby walls; the far end of the hall falls off.
    const stage = Math.exp(-Math.max(0, z - STAGE.z) / 9);
    const far = 1 - 0.35 * Math.min(1, Math.max(0, z - 10) / 40);
    c.copy(base)
      .multiplyScalar(height * far)
      .lerp(WARM, 0.12 * stage);
    c.toArray(colors, i * 3);
  }
  g.setAttribute('color', new BufferAttribute(colors, 3));
  return g;
}

function plane(w: number, h: number, segW: number, segH: number): PlaneGeometry {
  return new PlaneGeometry(w, h, segW, segH);
}

export function shellGeometry(): BufferGeometry {
  const depth = ROOM.back - ROOM.front;
  const midZ = (ROOM.back + ROOM.front) / 2;
  const half = ROOM.width / 2;
  const parts: BufferGeometry[] = [];
  // Ceiling (facing down).
  const ceiling = plane(ROOM.width, depth, 6, 38);
  ceiling.rotateX(Math.PI / 2);
  ceiling.translate(0, ROOM.height, midZ);
  parts.push(bake(ceiling, '#10131b'));
  // Side walls, subdivided so the baked shading has vertices to live on.
  for (const side of [-1, 1]) {
    const wall = plane(depth, ROOM.height, 38, 6);
    wall.rotateY(-side * (Math.PI / 2));
    wall.translate(side * half, ROOM.height / 2, midZ);
    parts.push(bake(wall, '#2a3142'));
    const wainscot = new BoxGeometry(0.1, 1.2, depth, 1, 1, 38);
    wainscot.translate(side * (half - 0.06), 0.6, midZ);
    parts.push(bake(wainscot, '#6b4a32'));
    for (const z of PILLARS_Z) {
      const pillar = new BoxGeometry(0.4, ROOM.height, 0.6, 1, 6, 1);
      pillar.translate(side * (half - 0.2), ROOM.height / 2, z);
      parts.push(bake(pillar, '#9c1026'));
    }
    // The investor-education boards' wooden frames.
    const frame = new BoxGeometry(5.4, 3.5, 0.08);
    frame.rotateY(-side * (Math.PI / 2));
    frame.translate(side * (half - 0.07), 3.6, BOARDS_Z);
    parts.push(bake(frame, '#3a2a1e'));
  }
  // The wall behind the stage and the back wall far behind the audience.
  const front = plane(ROOM.width, ROOM.height, 10, 6);
  front.translate(0, ROOM.height / 2, ROOM.front);
  parts.push(bake(front, '#1a1e29'));
  const back = plane(ROOM.width, ROOM.height, 2, 2);
  back.rotateY(Math.PI);
  back.translate(0, ROOM.height / 2, ROOM.back);
  parts.push(bake(back, '#1a1e29'));
  const g = mergeGeometries(parts);
  for (const p of parts) p.dispose();
  if (!g) throw new Error('room shell geometry: parts do not merge');
  return g;
}

/** The ceiling's light strips, unlit. */
export function stripsGeometry(): BufferGeometry {
  const parts: BufferGeometry[] = [];
  for (const x of [-8, 0, 8])
    for (const z of [-10, -4, 2]) {
      const b = new BoxGeometry(2.4, 0.04, 0.8);
      b.translate(x, ROOM.height - 0.03, z);
      parts.push(b);
    }
  const g = mergeGeometries(parts);
  for (const p of parts) p.dispose();
  if (!g) throw new Error('light strips geometry: parts do not merge');
  return g;
}
