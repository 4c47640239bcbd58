/**
 * What the headset test reads (window.__branchcast.xr): whether a session is presenting, how many
 * XR frames have rendered, and where a named panel is relative to the XR origin (the emulated
 * controller's pose is given in that space, so the test can aim at a card). Harmless in production.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, type RefObject } from 'react';
import { Vector3, type Group } from 'three';
import { exposeForTests } from '../scene/test-hooks.js';
import { captionDrawn } from './caption-panel.js';
import { pauseCardDrawn } from './pause-card.js';
import { xrStore } from './xr-store.js';

export interface XrTestHooks {
  /** XR animation frames rendered since the layer mounted. */
  frames: number;
  /** renderer.xr.isPresenting */
  presenting(): boolean;
  /** An XR session is set in the store and its mode is immersive-vr. */
  sessionMode(): string | null;
  /** Centre of the named object in XR-origin space, or null when it is not in the scene. */
  locate(name: string): { x: number; y: number; z: number } | null;
  /**
   * What the caption panel last drew (speaker, full caption text, the wrapped rows on the canvas,
   * how many times it has drawn) and whether it is shown; null when the panel is not in the scene.
   */
  caption(): { who: string | null; text: string; lines: string[]; draws: number; visible: boolean } | null;
  /** The pause card in front of the trainee: what it drew, or null when it is not in the scene. */
  pauseCard(): { title: string; hint: string; draws: number } | null;
}

declare module '../scene/test-hooks.js' {
  interface BranchcastTestHooks {
    xr?: XrTestHooks;
  }
}

export function useXrTestHooks(origin: RefObject<Group | null>): void {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const hooks = useMemo<XrTestHooks>(() => {
    const v = new Vector3();
    return {
      frames: 0,
      presenting: () => gl.xr.isPresenting,
      sessionMode: () => xrStore.getState().mode ?? null,
      locate(name) {
        const obj = scene.getObjectByName(name);
        const o = origin.current;
        if (!obj || !o) return null;
        obj.updateWorldMatrix(true, false);
        obj.getWorldPosition(v);
        o.updateWorldMatrix(true, false);
        o.worldToLocal(v);
        return { x: v.x, y: v.y, z: v.z };
      },
      caption() {
        const panel = scene.getObjectByName('xr-captions');
        if (!panel) return null;
        let visible = true;
        panel.traverseAncestors((a) => {
          if (!a.visible) visible = false;
        });
        return { ...captionDrawn, lines: [...captionDrawn.lines], visible: visible && panel.visible };
      },
      pauseCard() {
        return scene.getObjectByName('xr-pause-card') ? { ...pauseCardDrawn } : null;
      },
    };
  }, [gl, scene, origin]);
  useEffect(() => exposeForTests({ xr: hooks }), [hooks]);
  useFrame((_s, _d, frame) => {
    if (frame) hooks.frames++;
  });
}
