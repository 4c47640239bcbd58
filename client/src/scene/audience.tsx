/**
 * The seated audience: ONE InstancedMesh of viewers plus one small InstancedMesh of raised arms.
 * Each online viewer keeps a seat (seat-map.ts). Idle motion (a breathing bob, heads turning a
 * little) runs in the vertex shader from gl_InstanceID and one time uniform. Reactions mutate
 * instance data in useFrame, reading the store with getState():
 *  - arriving viewers drop into their seat, leaving ones stand up and fade out of it;
 *  - a viewer with a question waiting raises a hand (the arms mesh, waving);
 *  - a question ignored for IGNORED_MS: the hand goes down, the viewer leans back, turns away and
 *    dims, until the host answers.
 * Only seats that are animating are rewritten (an active list), and only their range of the
 * instance buffers is uploaded. All scratch objects are allocated once; nothing per frame.
 */
import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import {
  BufferAttribute,
  CapsuleGeometry,
  Color,
  Euler,
  InstancedMesh,
  Matrix4,
  MeshLambertMaterial,
  Quaternion,
  ShaderChunk,
  SphereGeometry,
  Vector3,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { sessionNow, sessionStore } from '../stores/session-store.js';
import { AUDIENCE_CAPACITY } from './layout.js';
import { SEAT_XYZ, seatMap, type SeatChange } from './seat-map.js';
import { exposeForTests } from './test-hooks.js';

const SHIRTS = [
  '#3f6fb5',
  '#b8463f',
  '#e0a43a',
  '#4f9a74',
  '#7d5bb0',
  '#d7d2c8',
  '#2f3b52',
  '#c76d8d',
  '#5aa5b8',
  '#8a6a4f',
];

/** A question waiting this long without an answer counts as ignored (the rubric's latency concern). */
export const IGNORED_MS = 45_000;
const ARRIVE_S = 0.7;
const LEAVE_S = 1.4;
const MAX_HANDS = 96;

const EMPTY = 0;
const ARRIVING = 1;
const SEATED = 2;
const LEAVING = 3;

/** Give a part a flat vertex colour and a tint weight (1: takes the instance colour, 0: keeps its own). */
function paint(geo: BufferGeometry, color: string, tint: number): BufferGeometry {
  const g = geo.index ? geo.toNonIndexed() : geo;
  if (g !== geo) geo.dispose();
  const n = g.getAttribute('position').count;
  const c = new Color(color);
  const colors = new Float32Array(n * 3);
  const tints = new Float32Array(n).fill(tint);
  for (let i = 0; i < n; i++) c.toArray(colors, i * 3);
  g.setAttribute('color', new BufferAttribute(colors, 3));
  g.setAttribute('aTint', new BufferAttribute(tints, 1));
  return g;
}

function merged(parts: BufferGeometry[], what: string): BufferGeometry {
  const g = mergeGeometries(parts);
  for (const p of parts) p.dispose();
  if (!g) throw new Error(`${what} geometry: parts do not merge`);
  return g;
}

/**
 * A seated viewer from y = 0 (the seat) up, facing -z: shirt-tinted body, head, hair at the back.
 * Low-poly on purpose (~300 triangles): a thousand of them must stay well inside the budget.
 */
function viewerGeometry(): BufferGeometry {
  const body = new CapsuleGeometry(0.2, 0.34, 3, 8);
  body.scale(1.2, 1, 0.8);
  body.translate(0, 0.37, 0);
  const head = new SphereGeometry(0.125, 10, 7);
  head.translate(0, 0.9, 0);
  const hair = new SphereGeometry(0.133, 10, 4, 0, Math.PI * 2, 0, Math.PI * 0.62);
  hair.rotateX(0.55);
  hair.translate(0, 0.915, 0.015);
  return merged([paint(body, '#ffffff', 1), paint(head, '#e2b792', 0), paint(hair, '#241b16', 0)], 'audience');
}

/** A raised right arm from the shoulder (origin) up, sleeve tinted like the shirt, with a hand. */
function armGeometry(): BufferGeometry {
  const arm = new CapsuleGeometry(0.055, 0.42, 2, 6);
  arm.translate(0, 0.26, 0);
  const hand = new SphereGeometry(0.065, 6, 4);
  hand.scale(1, 1.3, 0.6);
  hand.translate(0, 0.56, 0);
  return merged([paint(arm, '#ffffff', 1), paint(hand, '#e2b792', 0)], 'arm');
}

function tintedMaterial(time: { value: number }, bob: boolean): MeshLambertMaterial {
  const mat = new MeshLambertMaterial({ vertexColors: true });
  mat.onBeforeCompile = (shader) => {
    shader.uniforms.uTime = time;
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nattribute float aTint;\nuniform float uTime;')
      .replace(
        '#include <color_vertex>',
        ShaderChunk.color_vertex.replace(
          'vColor.rgb *= instanceColor.rgb;',
          'vColor.rgb *= mix( vec3( 1.0 ), instanceColor.rgb, aTint );',
        ),
      )
      .replace(
        '#include <begin_vertex>',
        bob
          ? [
              '#include <begin_vertex>',
              'float bobPhase = uTime * 1.6 + float( gl_InstanceID ) * 2.399;',
              'transformed.y += 0.018 * sin( bobPhase );',
              // Heads (untinted parts) drift sideways a little: people glance about.
              'transformed.x += ( 1.0 - aTint ) * 0.02 * sin( bobPhase * 0.55 + 1.0 );',
            ].join('\n')
          : '#include <begin_vertex>',
      );
  };
  mat.customProgramCacheKey = () => (bob ? 'branchcast-audience-2' : 'branchcast-arms-1');
  return mat;
}

/** Per-seat animation state, preallocated for the whole hall. */
class SeatAnim {
  phase = new Uint8Array(AUDIENCE_CAPACITY);
  since = new Float32Array(AUDIENCE_CAPACITY);
  lean = new Float32Array(AUDIENCE_CAPACITY);
  leanTarget = new Float32Array(AUDIENCE_CAPACITY);
  /** Frame number in which a waiting question last asked this seat to react. */
  stamp = new Uint32Array(AUDIENCE_CAPACITY);
  active = new Int32Array(AUDIENCE_CAPACITY);
  isActive = new Uint8Array(AUDIENCE_CAPACITY);
  activeCount = 0;
  activate(slot: number): void {
    if (this.isActive[slot]) return;
    this.isActive[slot] = 1;
    this.active[this.activeCount++] = slot;
  }
}

const seatScale = (i: number) => 0.92 + ((i * 7919) % 13) / 100;

export function Audience() {
  const { mesh, arms, time, anim, base } = useMemo(() => {
    const time = { value: 0 };
    const mesh = new InstancedMesh(viewerGeometry(), tintedMaterial(time, true), AUDIENCE_CAPACITY);
    mesh.name = 'audience';
    const base = new Float32Array(AUDIENCE_CAPACITY * 3);
    const m = new Matrix4().makeScale(0, 0, 0);
    const c = new Color();
    for (let i = 0; i < AUDIENCE_CAPACITY; i++) {
      mesh.setMatrixAt(i, m);
      c.set(SHIRTS[(i * 31 + (i >> 3)) % SHIRTS.length]!).toArray(base, i * 3);
      mesh.setColorAt(i, c);
    }
    mesh.count = 0;
    // The instances span the hall and the count changes: skip the (stale) bounding-sphere cull.
    mesh.frustumCulled = false;
    mesh.userData.seated = 0;
    // For browser tests: who sits where.
    mesh.userData.slotOf = (id: string) => seatMap.slotOf(id);
    mesh.userData.seatXYZ = SEAT_XYZ;
    const arms = new InstancedMesh(armGeometry(), tintedMaterial(time, false), MAX_HANDS);
    arms.name = 'audience-hands';
    arms.count = 0;
    arms.frustumCulled = false;
    for (let i = 0; i < MAX_HANDS; i++) arms.setColorAt(i, c.set('#ffffff'));
    return { mesh, arms, time, anim: new SeatAnim(), base };
  }, []);

  useEffect(() => {
    const now = () => performance.now() / 1000;
    const apply = (changes: SeatChange[]) => {
      const t = now();
      for (const ch of changes) {
        anim.phase[ch.slot] = ch.kind === 'arrive' ? ARRIVING : LEAVING;
        anim.since[ch.slot] = t;
        anim.activate(ch.slot);
      }
      mesh.count = seatMap.highWater;
      mesh.userData.seated = seatMap.seated;
    };
    const sync = () => {
      const s = sessionStore.getState().state;
      if (s.sessionId !== seatMap.sessionId) {
        // Another session: reset every seat at once (no one walks out of a room we left).
        const m = new Matrix4().makeScale(0, 0, 0);
        for (let i = 0; i < seatMap.highWater; i++) mesh.setMatrixAt(i, m);
        anim.phase.fill(EMPTY);
        anim.isActive.fill(0);
        anim.activeCount = 0;
        anim.lean.fill(0);
        anim.leanTarget.fill(0);
        mesh.instanceMatrix.needsUpdate = true;
      }
      apply(seatMap.sync(s.sessionId, s.participants));
    };
    sync();
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (s.state.participants !== prev.state.participants || s.state.sessionId !== prev.state.sessionId) sync();
    });
    exposeForTests({ audienceMesh: mesh, handsMesh: arms });
    // The meshes live as long as the Canvas (the app's lifetime), so they are not disposed here:
    // StrictMode's effect re-run would otherwise dispose a mesh the memo still hands out.
    return unsubscribe;
  }, [mesh, arms, anim]);

  const scratch = useMemo(
    () => ({
      m: new Matrix4(),
      p: new Vector3(),
      q: new Quaternion(),
      e: new Euler(),
      s: new Vector3(),
      c: new Color(),
      frame: 0,
    }),
    [],
  );

  useFrame(({ clock }, delta) => {
    const t = clock.elapsedTime;
    const step = Math.min(0.25, delta * 1.5);
    const wall = performance.now() / 1000;
    time.value = t;
    const { m, p, q, e, s, c } = scratch;
    const frame = ++scratch.frame;
    const store = sessionStore.getState();
    const st = store.state;
    // Session time now (live: the last event's t plus the wall time since; replay: the playhead).
    const nowT = sessionNow(store, performance.now());

    // Waiting questions: raise a hand, or lean away once ignored.
    // Newest first: when more than MAX_HANDS wait, the latest askers are the ones with a hand up.
    let hands = 0;
    for (let i = st.questions.length - 1; i >= 0; i--) {
      const qn = st.questions[i]!;
      const slot = seatMap.slotOf(qn.askedBy);
      if (slot < 0 || anim.phase[slot] === LEAVING || anim.phase[slot] === EMPTY) continue;
      anim.stamp[slot] = frame;
      if (nowT - qn.t >= IGNORED_MS) {
        if (anim.leanTarget[slot] !== 1) {
          anim.leanTarget[slot] = 1;
          anim.activate(slot);
        }
      } else if (hands < MAX_HANDS) {
        const k = slot * 3;
        const sc = seatScale(slot);
        p.set(SEAT_XYZ[k]! + 0.24 * sc, SEAT_XYZ[k + 1]! + 0.62 * sc, SEAT_XYZ[k + 2]!);
        e.set(0, 0, -0.15 + 0.22 * Math.sin(t * 5 + slot));
        q.setFromEuler(e);
        s.setScalar(sc);
        arms.setMatrixAt(hands, m.compose(p, q, s));
        c.fromArray(base, k);
        arms.setColorAt(hands, c);
        hands++;
      }
    }
    if (hands > 0 || arms.count > 0) {
      arms.count = hands;
      arms.instanceMatrix.needsUpdate = true;
      if (arms.instanceColor) arms.instanceColor.needsUpdate = true;
    }

    // Animate the active seats; drop those that came to rest.
    let lo = AUDIENCE_CAPACITY;
    let hi = -1;
    for (let i = 0; i < anim.activeCount;) {
      const slot = anim.active[i]!;
      const phase = anim.phase[slot]!;
      if (anim.stamp[slot] !== frame && anim.leanTarget[slot] !== 0) anim.leanTarget[slot] = 0; // answered
      const target = anim.leanTarget[slot]!;
      const from = anim.lean[slot]!;
      const lean = from + Math.sign(target - from) * Math.min(Math.abs(target - from), step);
      anim.lean[slot] = lean;
      const k = slot * 3;
      const sc = seatScale(slot);
      let grow = 1;
      let lift = 0;
      // Leaning viewers stay active so the answer (their question leaving the list) is noticed.
      let done = lean === target && target === 0;
      if (phase === ARRIVING) {
        const a = Math.min(1, (wall - anim.since[slot]!) / ARRIVE_S);
        grow = a;
        lift = (1 - a) * 0.6;
        if (a >= 1) anim.phase[slot] = SEATED;
        else done = false;
      } else if (phase === LEAVING) {
        const a = Math.min(1, (wall - anim.since[slot]!) / LEAVE_S);
        lift = Math.min(1, a * 2) * 0.35; // stand up
        grow = a < 0.5 ? 1 : 1 - (a - 0.5) * 2; // then fade out of the seat
        if (a >= 1) {
          anim.phase[slot] = EMPTY;
          anim.lean[slot] = anim.leanTarget[slot] = 0;
          seatMap.release(slot);
          mesh.count = seatMap.highWater;
          mesh.userData.seated = seatMap.seated;
        } else done = false;
      }
      // A viewer at rest (seated, leaning as far as they will) needs no new matrix this frame.
      if (phase === SEATED && lean === from) {
        if (done) {
          anim.isActive[slot] = 0;
          anim.active[i] = anim.active[--anim.activeCount]!;
        } else i++;
        continue;
      }
      const side = slot % 2 === 0 ? 1 : -1;
      p.set(SEAT_XYZ[k]!, SEAT_XYZ[k + 1]! + lift, SEAT_XYZ[k + 2]! + lean * 0.12);
      e.set(lean * 0.32, lean * 0.7 * side, 0);
      q.setFromEuler(e);
      s.setScalar(grow * sc);
      mesh.setMatrixAt(slot, m.compose(p, q, s));
      // Ignored viewers grey out a little: they are losing interest.
      const dim = 1 - lean * 0.45;
      c.setRGB(base[k]! * dim, base[k + 1]! * dim, base[k + 2]! * dim);
      mesh.setColorAt(slot, c);
      if (slot < lo) lo = slot;
      if (slot > hi) hi = slot;
      if (done) {
        anim.isActive[slot] = 0;
        anim.active[i] = anim.active[--anim.activeCount]!;
      } else i++;
    }
    if (hi >= lo) {
      mesh.instanceMatrix.clearUpdateRanges();
      mesh.instanceMatrix.addUpdateRange(lo * 16, (hi - lo + 1) * 16);
      mesh.instanceMatrix.needsUpdate = true;
      const ic = mesh.instanceColor!;
      ic.clearUpdateRanges();
      ic.addUpdateRange(lo * 3, (hi - lo + 1) * 3);
      ic.needsUpdate = true;
    }
  });

  return (
    <>
      <primitive object={mesh} />
      <primitive object={arms} />
    </>
  );
}
