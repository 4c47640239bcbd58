/**
 * What browser tests reach for: the renderer (pixels, renderer.info), the audience mesh and the
 * session store. Set from inside the Canvas; harmless in production.
 */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type { Camera, InstancedMesh, Mesh, WebGLRenderer } from 'three';
import { sessionStore, type SessionStore } from '../stores/session-store.js';
import { uiStore } from '../stores/ui-store.js';
import type { VRM } from '@pixiv/three-vrm';
import type { HostReadings } from '../host/host-readings.js';
import type { LedView } from '../../../core/stage/led-view.js';

export interface BranchcastTestHooks {
  renderer?: WebGLRenderer;
  camera?: Camera;
  audienceMesh?: InstancedMesh;
  /** Raised arms of viewers with a question waiting. */
  handsMesh?: InstancedMesh;
  /** The host avatar's live readings (mutated in place every frame). */
  host?: HostReadings;
  /** The 场控 board (pinned note, product card); `userData.drawn` holds the lines drawn on it. */
  hostToolsBoard?: Mesh;
  /** The user's VRM avatar while one is on stage. */
  vrm?: VRM;
  store: SessionStore;
  /** What the LED wall last drew: its view (core/stage/led-view.ts) and the strings painted. */
  led?: { view: LedView; text: string[] };
  /** The UI store (tests pick the question being answered without racing a flooding chat). */
  ui?: typeof uiStore;
}

declare global {
  interface Window {
    __branchcast?: BranchcastTestHooks;
  }
}

export function exposeForTests(part: Partial<BranchcastTestHooks>): void {
  window.__branchcast = { ...window.__branchcast, store: sessionStore, ui: uiStore, ...part };
}

export function TestHooks() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useEffect(() => exposeForTests({ renderer: gl, camera }), [gl, camera]);
  return null;
}
