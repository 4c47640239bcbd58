/**
 * The seated audience: ONE InstancedMesh whose `count` follows `state.audience`. Every seat's
 * matrix and colour are written once at mount (seats never move), so a growing audience only
 * changes `count`. The idle bob runs in the vertex shader from gl_InstanceID and one time uniform:
 * per frame the CPU writes a single float.
 */
import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import {
  BufferAttribute,
  CapsuleGeometry,
  Color,
  InstancedMesh,
  Matrix4,
  MeshLambertMaterial,
  ShaderChunk,
  SphereGeometry,
  type BufferGeometry,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { sessionStore } from '../stores/session-store.js';
import { AUDIENCE_CAPACITY, seatPositions } from './layout.js';
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

/** Give a part a flat vertex colour and a tint weight (1: takes the instance colour, 0: keeps its own). */
function paint(geo: BufferGeometry, color: string, tint: number): BufferGeometry {
  const n = geo.getAttribute('position').count;
  const c = new Color(color);
  const colors = new Float32Array(n * 3);
  const tints = new Float32Array(n).fill(tint);
  for (let i = 0; i < n; i++) c.toArray(colors, i * 3);
  geo.setAttribute('color', new BufferAttribute(colors, 3));
  geo.setAttribute('aTint', new BufferAttribute(tints, 1));
  return geo;
}

/** A seated viewer from y = 0 (the seat) up, facing -z: shirt-tinted body, head, hair at the back. */
function viewerGeometry(): BufferGeometry {
  const body = new CapsuleGeometry(0.2, 0.34, 4, 10);
  body.scale(1.2, 1, 0.8);
  body.translate(0, 0.37, 0);
  const head = new SphereGeometry(0.125, 12, 10);
  head.translate(0, 0.9, 0);
  const hair = new SphereGeometry(0.133, 12, 8, 0, Math.PI * 2, 0, Math.PI * 0.62);
  hair.rotateX(0.55);
  hair.translate(0, 0.915, 0.015);
  const merged = mergeGeometries([paint(body, '#ffffff', 1), paint(head, '#e2b792', 0), paint(hair, '#241b16', 0)]);
  body.dispose();
  head.dispose();
  hair.dispose();
  if (!merged) throw new Error('audience geometry: parts do not merge');
  return merged;
}

function audienceMaterial(time: { value: number }): MeshLambertMaterial {
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
        [
          '#include <begin_vertex>',
          'float bobPhase = uTime * 1.6 + float( gl_InstanceID ) * 2.399;',
          'transformed.y += 0.018 * sin( bobPhase );',
          'transformed.x += ( 1.0 - aTint ) * 0.02 * sin( bobPhase * 0.55 + 1.0 );',
        ].join('\n'),
      );
  };
  mat.customProgramCacheKey = () => 'branchcast-audience-1';
  return mat;
}

export function Audience() {
  const { mesh, time } = useMemo(() => {
    const time = { value: 0 };
    const mesh = new InstancedMesh(viewerGeometry(), audienceMaterial(time), AUDIENCE_CAPACITY);
    mesh.name = 'audience';
    const seats = seatPositions(AUDIENCE_CAPACITY);
    const m = new Matrix4();
    const c = new Color();
    for (let i = 0; i < AUDIENCE_CAPACITY; i++) {
      // Slight size variety; seats face the stage.
      const s = 0.92 + ((i * 7919) % 13) / 100;
      m.makeScale(s, s, s).setPosition(seats[i * 3]!, seats[i * 3 + 1]!, seats[i * 3 + 2]!);
      mesh.setMatrixAt(i, m);
      mesh.setColorAt(i, c.set(SHIRTS[(i * 31 + (i >> 3)) % SHIRTS.length]!));
    }
    mesh.count = 0;
    // The instances span the hall and the count changes: skip the (stale) bounding-sphere cull.
    mesh.frustumCulled = false;
    return { mesh, time };
  }, []);

  useEffect(() => {
    const apply = (n: number) => {
      mesh.count = Math.max(0, Math.min(n, AUDIENCE_CAPACITY));
    };
    apply(sessionStore.getState().state.audience);
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (s.state.audience !== prev.state.audience) apply(s.state.audience);
    });
    exposeForTests({ audienceMesh: mesh });
    // The mesh lives as long as the Canvas (the app's lifetime), so it is not disposed here:
    // StrictMode's effect re-run would otherwise dispose a mesh the memo still hands out.
    return unsubscribe;
  }, [mesh]);

  useFrame(({ clock }) => {
    time.value = clock.elapsedTime;
  });

  return <primitive object={mesh} />;
}
