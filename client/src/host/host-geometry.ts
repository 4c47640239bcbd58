/**
 * The procedural host's parts as merged, vertex-coloured geometries: one draw call per moving
 * part (body, head, pupils, eyelids, mouth, four arm segments) instead of one per primitive.
 * Built once; coordinates in metres, the host facing +z with the stage floor at y = 0.
 */
import {
  BoxGeometry,
  BufferAttribute,
  CapsuleGeometry,
  Color,
  ConeGeometry,
  CylinderGeometry,
  SphereGeometry,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

export const HOST_COLORS = {
  suit: '#1d2a48',
  trousers: '#161c2c',
  shirt: '#f1f3f8',
  tie: '#c8102e',
  skin: '#e4b894',
  hair: '#1b1512',
  badge: '#d4af37',
  lips: '#7a2a2e',
} as const;

/** Heights and pivots shared by the geometry and the animation. */
export const HOST_RIG = {
  neckY: 1.58,
  shoulderY: 1.46,
  shoulderX: 0.3,
  elbow: 0.32,
  eyeY: 0.23,
  eyeX: 0.05,
  mouthY: 0.125,
  mouthZ: 0.138,
} as const;

function colored(geo: BufferGeometry, color: string): BufferGeometry {
  const g = geo.index ? geo.toNonIndexed() : geo;
  if (g !== geo) geo.dispose();
  const n = g.getAttribute('position').count;
  const c = new Color(color);
  const arr = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) c.toArray(arr, i * 3);
  g.setAttribute('color', new BufferAttribute(arr, 3));
  // Keep only what the Lambert material reads, so every part merges.
  for (const name of Object.keys(g.attributes))
    if (!['position', 'normal', 'color'].includes(name)) g.deleteAttribute(name);
  return g;
}

function merge(parts: BufferGeometry[], what: string): BufferGeometry {
  const g = mergeGeometries(parts);
  for (const p of parts) p.dispose();
  if (!g) throw new Error(`host geometry (${what}): parts do not merge`);
  return g;
}

/** Legs, torso, shirt, tie and badge: everything that moves with the body. */
export function bodyGeometry(): BufferGeometry {
  const parts: BufferGeometry[] = [];
  for (const x of [-0.13, 0.13]) {
    const leg = new CylinderGeometry(0.09, 0.08, 0.9, 8);
    leg.translate(x, 0.45, 0);
    parts.push(colored(leg, HOST_COLORS.trousers));
  }
  const torso = new CapsuleGeometry(0.22, 0.5, 4, 12);
  torso.scale(1.25, 1, 0.75);
  torso.translate(0, 1.22, 0);
  parts.push(colored(torso, HOST_COLORS.suit));
  const shirt = new BoxGeometry(0.17, 0.22, 0.02);
  shirt.rotateX(0.15);
  shirt.translate(0, 1.5, 0.15);
  parts.push(colored(shirt, HOST_COLORS.shirt));
  const tie = new BoxGeometry(0.05, 0.24, 0.02);
  tie.rotateX(0.15);
  tie.translate(0, 1.44, 0.168);
  parts.push(colored(tie, HOST_COLORS.tie));
  const badge = new BoxGeometry(0.07, 0.03, 0.02);
  badge.translate(0.15, 1.45, 0.16);
  parts.push(colored(badge, HOST_COLORS.badge));
  return merge(parts, 'body');
}

/** Neck, head, hair, ears, nose, eye whites and brows; origin at the top of the neck. */
export function headGeometry(): BufferGeometry {
  const parts: BufferGeometry[] = [];
  const neck = new CylinderGeometry(0.06, 0.07, 0.14, 8);
  neck.translate(0, 0.0, 0);
  parts.push(colored(neck, HOST_COLORS.skin));
  const head = new SphereGeometry(0.15, 16, 12);
  head.scale(0.92, 1.08, 0.98);
  head.translate(0, 0.2, 0);
  parts.push(colored(head, HOST_COLORS.skin));
  const hair = new SphereGeometry(0.158, 16, 8, 0, Math.PI * 2, 0, Math.PI * 0.55);
  hair.rotateX(-0.35);
  hair.translate(0, 0.25, -0.02);
  parts.push(colored(hair, HOST_COLORS.hair));
  for (const side of [-1, 1]) {
    const ear = new SphereGeometry(0.03, 6, 5);
    ear.scale(0.6, 1, 1);
    ear.translate(side * 0.138, 0.2, 0);
    parts.push(colored(ear, HOST_COLORS.skin));
    const white = new SphereGeometry(0.026, 8, 6);
    white.scale(1.1, 0.8, 0.5);
    white.translate(side * HOST_RIG.eyeX, HOST_RIG.eyeY, 0.127);
    parts.push(colored(white, '#f7f7f4'));
    const brow = new BoxGeometry(0.05, 0.008, 0.01);
    brow.rotateZ(side * -0.12);
    brow.translate(side * HOST_RIG.eyeX, HOST_RIG.eyeY + 0.038, 0.138);
    parts.push(colored(brow, HOST_COLORS.hair));
  }
  const nose = new ConeGeometry(0.018, 0.05, 6);
  nose.rotateX(Math.PI / 2 + 0.4);
  nose.translate(0, 0.18, 0.152);
  parts.push(colored(nose, '#d9a983'));
  return merge(parts, 'head');
}

/** Both pupils, centred on the eyes; moved together for the gaze. */
export function pupilsGeometry(): BufferGeometry {
  const parts = [-1, 1].map((side) => {
    const p = new SphereGeometry(0.013, 8, 6);
    p.scale(1, 1, 0.5);
    p.translate(side * HOST_RIG.eyeX, 0, 0.139);
    return colored(p, '#1b1512');
  });
  return merge(parts, 'pupils');
}

/** Both upper eyelids, origin at eye height: scaling y from ~0 to 1 closes them. */
export function eyelidsGeometry(): BufferGeometry {
  const parts = [-1, 1].map((side) => {
    const lid = new SphereGeometry(0.031, 8, 6);
    lid.scale(1.05, 0.9, 0.8);
    lid.translate(side * HOST_RIG.eyeX, 0, 0.13);
    return colored(lid, '#dcae88');
  });
  return merge(parts, 'eyelids');
}

/** The mouth opening: a dark flattened ellipsoid, scaled per viseme. Origin at the mouth centre. */
export function mouthGeometry(): BufferGeometry {
  const m = new SphereGeometry(0.03, 12, 6);
  m.scale(1.1, 1, 0.3);
  return colored(m, HOST_COLORS.lips);
}

/** Upper arm hanging from the shoulder (origin). */
export function upperArmGeometry(): BufferGeometry {
  const a = new CapsuleGeometry(0.07, 0.24, 3, 8);
  a.translate(0, -0.16, 0);
  return colored(a, HOST_COLORS.suit);
}

/** Forearm and hand hanging from the elbow (origin). */
export function forearmGeometry(): BufferGeometry {
  const f = new CapsuleGeometry(0.06, 0.22, 3, 8);
  f.translate(0, -0.14, 0);
  const cuff = new CylinderGeometry(0.058, 0.058, 0.03, 8);
  cuff.translate(0, -0.27, 0);
  const hand = new SphereGeometry(0.055, 8, 6);
  hand.scale(0.9, 1.25, 0.6);
  hand.translate(0, -0.33, 0);
  return merge(
    [colored(f, HOST_COLORS.suit), colored(cuff, HOST_COLORS.shirt), colored(hand, HOST_COLORS.skin)],
    'forearm',
  );
}
