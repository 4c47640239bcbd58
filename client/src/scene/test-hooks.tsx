/**
 * What browser tests reach for: the renderer (pixels, renderer.info), the audience mesh and the
 * session store. Set from inside the Canvas; harmless in production.
 */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type { Camera, InstancedMesh, WebGLRenderer } from 'three';
import { sessionStore, type SessionStore } from '../stores/session-store.js';

export interface BranchcastTestHooks {
  renderer?: WebGLRenderer;
  camera?: Camera;
  audienceMesh?: InstancedMesh;
  store: SessionStore;
}

declare global {
  interface Window {
    __branchcast?: BranchcastTestHooks;
  }
}

export function exposeForTests(part: Partial<BranchcastTestHooks>): void {
  window.__branchcast = { ...window.__branchcast, store: sessionStore, ...part };
}

export function TestHooks() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useEffect(() => exposeForTests({ renderer: gl, camera }), [gl, camera]);
  return null;
}
