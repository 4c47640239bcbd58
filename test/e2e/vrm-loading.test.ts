/**
 * A user's own VRM avatar as the host, through the same path as the UI: the test writes a minimal
 * VRM 1.0 file itself (a binary glTF with the VRMC_vrm extension: the fifteen required humanoid
 * bones, eyes, a face mesh with morph targets bound to the aa ih ou ee oh and blink expressions,
 * bone lookAt), picks it in the host dock's file input, and checks that three-vrm loaded lazily,
 * the expressions and lookAt exist, and the mouth expressions move while the host speaks. A file
 * that is not a VRM is refused with a message naming the problem.
 */
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, startStream, WAIT, type Studio } from '../../bench/lib/scene-probe.js';
import { launchChromium } from '../harness/browser.js';
import { ensureClientBuilt } from '../harness/build-client.js';

const MOUTH = ['aa', 'ih', 'ou', 'ee', 'oh'] as const;
const EXPRESSIONS = [...MOUTH, 'blink'] as const;

/** Humanoid bones in node order: [name, parent index or -1, translation]. */
const BONES: [string, number, [number, number, number]][] = [
  ['hips', -1, [0, 0.95, 0]],
  ['spine', 0, [0, 0.15, 0]],
  ['head', 1, [0, 0.5, 0]],
  ['leftUpperLeg', 0, [0.1, -0.05, 0]],
  ['leftLowerLeg', 3, [0, -0.42, 0]],
  ['leftFoot', 4, [0, -0.42, 0]],
  ['rightUpperLeg', 0, [-0.1, -0.05, 0]],
  ['rightLowerLeg', 6, [0, -0.42, 0]],
  ['rightFoot', 7, [0, -0.42, 0]],
  ['leftUpperArm', 1, [0.18, 0.4, 0]],
  ['leftLowerArm', 9, [0.28, 0, 0]],
  ['leftHand', 10, [0.25, 0, 0]],
  ['rightUpperArm', 1, [-0.18, 0.4, 0]],
  ['rightLowerArm', 12, [-0.28, 0, 0]],
  ['rightHand', 13, [-0.25, 0, 0]],
  ['leftEye', 2, [0.04, 0.08, 0.09]],
  ['rightEye', 2, [-0.04, 0.08, 0.09]],
];

/** A minimal VRM 1.0 GLB: bones, one face mesh (a tetrahedron) with six morph targets. */
function buildVrm(): Buffer {
  const positions = new Float32Array([0, 0, 0.1, 0.1, 0.1, 0.05, -0.1, 0.1, 0.05, 0, 0.2, 0.05]);
  const indices = new Uint16Array([0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2]);
  // Each expression moves one vertex a different way (aa drops the "jaw" vertex 0, …).
  const targets = EXPRESSIONS.map((_, k) => {
    const d = new Float32Array(12);
    d[(k % 4) * 3 + 1] = -0.03 - k * 0.005;
    return d;
  });
  const views: Buffer[] = [];
  const bufferViews: object[] = [];
  const accessors: object[] = [];
  let offset = 0;
  const add = (data: Float32Array | Uint16Array, accessor: Record<string, unknown>) => {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const padded = Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
    bufferViews.push({ buffer: 0, byteOffset: offset, byteLength: bytes.length });
    views.push(padded);
    offset += padded.length;
    accessors.push({ bufferView: bufferViews.length - 1, ...accessor });
    return accessors.length - 1;
  };
  const minMax = (a: Float32Array) => {
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < a.length; i++) {
      min[i % 3] = Math.min(min[i % 3]!, a[i]!);
      max[i % 3] = Math.max(max[i % 3]!, a[i]!);
    }
    return { min, max };
  };
  const pos = add(positions, { componentType: 5126, count: 4, type: 'VEC3', ...minMax(positions) });
  const idx = add(indices, { componentType: 5123, count: 12, type: 'SCALAR' });
  const morph = targets.map((d) => add(d, { componentType: 5126, count: 4, type: 'VEC3', ...minMax(d) }));
  const bin = Buffer.concat(views);

  const faceNode = BONES.length;
  const nodes: Record<string, unknown>[] = BONES.map(([name, , translation]) => ({ name, translation }));
  BONES.forEach(([, parent], i) => {
    if (parent >= 0) ((nodes[parent]!.children ??= []) as number[]).push(i);
  });
  nodes.push({ name: 'Face', mesh: 0, translation: [0, 0.05, 0] });
  (nodes[2]!.children as number[]).push(faceNode);
  const humanBones = Object.fromEntries(BONES.map(([name], i) => [name, { node: i }]));
  const preset = Object.fromEntries(
    EXPRESSIONS.map((name, k) => [name, { morphTargetBinds: [{ node: faceNode, index: k, weight: 1 }] }]),
  );
  const json = {
    asset: { version: '2.0', generator: 'branchcast vrm-loading test' },
    extensionsUsed: ['VRMC_vrm'],
    extensions: {
      VRMC_vrm: {
        specVersion: '1.0',
        meta: {
          name: 'Branchcast test host',
          version: '1',
          authors: ['Branchcast tests'],
          licenseUrl: 'https://vrm.dev/licenses/1.0/',
          avatarPermission: 'onlyAuthor',
          commercialUsage: 'personalNonProfit',
        },
        humanoid: { humanBones },
        expressions: { preset },
        lookAt: { type: 'bone', offsetFromHeadBone: [0, 0.06, 0] },
      },
    },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes,
    meshes: [
      {
        name: 'Face',
        primitives: [
          {
            attributes: { POSITION: pos },
            indices: idx,
            material: 0,
            targets: morph.map((a) => ({ POSITION: a })),
          },
        ],
        weights: EXPRESSIONS.map(() => 0),
        extras: { targetNames: [...EXPRESSIONS] },
      },
    ],
    materials: [{ pbrMetallicRoughness: { baseColorFactor: [0.9, 0.75, 0.65, 1] } }],
    accessors,
    bufferViews,
    buffers: [{ byteLength: bin.length }],
  };
  let text = Buffer.from(JSON.stringify(json), 'utf8');
  text = Buffer.concat([text, Buffer.alloc((4 - (text.length % 4)) % 4, 0x20)]);
  const header = Buffer.alloc(12);
  header.writeUInt32LE(0x46546c67, 0); // "glTF"
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + text.length + 8 + bin.length, 8);
  const chunk = (type: number, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(body.length, 0);
    h.writeUInt32LE(type, 4);
    return Buffer.concat([h, body]);
  };
  return Buffer.concat([header, chunk(0x4e4f534a, text), chunk(0x004e4942, bin)]);
}

let browser: Browser;
let studio: Studio;

beforeAll(async () => {
  const launching = launchChromium();
  launching.catch(() => undefined);
  await ensureClientBuilt();
  browser = await launching;
  studio = await openStudio(browser, { viewers: 0 });
  await startStream(studio.page);
});

afterAll(async () => {
  await studio?.close();
  await browser?.close();
});

describe('a VRM avatar as the host', () => {
  it('keeps three-vrm out of the page until a file is picked', () => {
    expect(studio.initialJs.length).toBeGreaterThan(0);
    // (GLTFLoader itself may be there: the VR layer loads controller models with it.)
    expect(studio.initialJs.filter((f) => /vrm/i.test(f.url))).toEqual([]);
    expect(studio.requested.some((u) => /vrm-loader/.test(u))).toBe(false);
  });

  it('refuses a file that is not a VRM, saying why', async () => {
    await studio.page.setInputFiles('[data-testid=vrm-input]', {
      name: 'holiday.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('\xff\xd8\xff\xe0 not a model at all, just bytes', 'latin1'),
    });
    const error = studio.page.locator('[data-testid=vrm-error]');
    await error.waitFor({ timeout: 60_000 });
    await expect(error.textContent()).resolves.toMatch(/holiday\.jpg.*not a VRM file/);
    const kind = await studio.page.evaluate(() => window.__branchcast?.host?.kind);
    expect(kind).toBe('procedural');
  });

  it('loads a VRM built by the test through the file picker: expressions and lookAt exist', async () => {
    await studio.page.setInputFiles('[data-testid=vrm-input]', {
      name: 'test-host.vrm',
      mimeType: 'model/gltf-binary',
      buffer: buildVrm(),
    });
    await studio.page.locator('[data-testid=vrm-loaded]').waitFor({ timeout: 60_000 });
    await studio.page.waitForFunction(() => window.__branchcast?.host?.kind === 'vrm', null, WAIT);
    const found = await studio.page.evaluate(
      (names) => {
        const vrm = window.__branchcast!.vrm!;
        return {
          expressions: names.filter((n) => vrm.expressionManager?.getExpression(n) != null),
          lookAt: vrm.lookAt != null,
          lookAtTarget: vrm.lookAt?.target != null,
          inScene: vrm.scene.parent !== null,
          meta: (vrm.meta as { name?: string }).name,
        };
      },
      EXPRESSIONS as unknown as string[],
    );
    expect(found).toEqual({
      expressions: [...EXPRESSIONS],
      lookAt: true,
      lookAtTarget: true,
      inScene: true,
      meta: 'Branchcast test host',
    });
    expect(studio.requested.some((u) => /vrm-loader/.test(u))).toBe(true);
  });

  it('moves the mouth expressions (and the face morphs) while the host speaks a line', async () => {
    const before = await studio.page.evaluate(() => window.__branchcast!.host!.frames);
    await studio.page.click('[data-testid=teleprompter] li >> nth=0');
    await studio.page.waitForSelector('[data-testid=caption-line][data-who=host]', { timeout: 60_000 });
    // Sample the expressions each frame until one mouth shape opened and a morph moved with it.
    const seen = await studio.page.evaluate(
      ({ names }) =>
        new Promise<{ peak: number; morph: number; frames: number }>((resolve) => {
          const vrm = window.__branchcast!.vrm!;
          let peak = 0;
          let morph = 0;
          const started = performance.now();
          const tick = () => {
            for (const n of names) peak = Math.max(peak, vrm.expressionManager!.getValue(n) ?? 0);
            vrm.scene.traverse((o) => {
              const w = (o as { morphTargetInfluences?: number[] }).morphTargetInfluences;
              if (w) for (let i = 0; i < 5; i++) morph = Math.max(morph, w[i] ?? 0);
            });
            if ((peak > 0.3 && morph > 0.3) || performance.now() - started > 60_000)
              resolve({ peak, morph, frames: window.__branchcast!.host!.frames });
            else setTimeout(tick, 30);
          };
          tick();
        }),
      { names: MOUTH as unknown as string[] },
    );
    expect(seen.peak).toBeGreaterThan(0.3);
    expect(seen.morph).toBeGreaterThan(0.3);
    expect(seen.frames).toBeGreaterThan(before);
  });

  it('goes back to the procedural host on request', async () => {
    await studio.page.click('[data-testid=vrm-default]');
    await studio.page.waitForFunction(() => window.__branchcast?.host?.kind === 'procedural', null, WAIT);
    expect(studio.pageErrors).toEqual([]);
  });
});
