/**
 * Everything VR inside the Canvas, loaded as its own chunk (see xr-mount.tsx): the <XR> root with
 * the app's store, the XR origin at the user's standing spot for their role, and the world-space
 * panels while an immersive session runs. Publishes enter/exit to xr-state.ts for the 2D button.
 */
import { XR, XROrigin, useXR } from '@react-three/xr';
import { useEffect, useRef } from 'react';
import type { Group } from 'three';
import { useSession } from '../stores/session-store.js';
import { ControlsPanel } from './controls-panel.js';
import { standingSpot } from './placement.js';
import { QuestionsPanel } from './questions-panel.js';
import { TeleprompterPanel } from './teleprompter-panel.js';
import { xrUiStore } from './xr-state.js';
import { xrStore } from './xr-store.js';
import { useXrTestHooks } from './xr-test-hooks.js';

async function enter(): Promise<void> {
  xrUiStore.setState({ error: null });
  try {
    await xrStore.enterVR();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error('[branchcast] could not enter VR:', err);
    xrUiStore.setState({ error: message });
  }
}

function publish(): () => void {
  xrUiStore.setState({ enter });
  const unsubscribe = xrStore.subscribe((s, prev) => {
    if (s.session === prev.session) return;
    const session = s.session;
    xrUiStore.setState({ presenting: session != null, exit: session ? () => session.end() : null });
  });
  return () => {
    unsubscribe();
    xrUiStore.setState({ enter: null, exit: null, presenting: false });
  };
}

/** Panels in origin space: the user stands at the origin looking down -z. */
function Panels() {
  const role = useSession((s) => s.role);
  const host = role === 'trainee';
  const operator = host || role === 'facilitator';
  return (
    <>
      {/* Confidence monitor: low and tilted up, so the audience stays in view above it. */}
      <TeleprompterPanel position={[0, 1.0, -0.7]} rotation={[-0.45, 0, 0]} />
      {/* Side panels ~45° off straight ahead, turned to face the user. */}
      {host && <QuestionsPanel position={[0.62, 1.25, -0.62]} rotation={[0, -Math.PI / 4, 0]} />}
      {operator && <ControlsPanel position={[-0.62, 1.2, -0.62]} rotation={[0, Math.PI / 4, 0]} />}
    </>
  );
}

function World() {
  const role = useSession((s) => s.role);
  const inVr = useXR((s) => s.session != null && s.mode === 'immersive-vr');
  const origin = useRef<Group>(null);
  useXrTestHooks(origin);
  const spot = standingSpot(role);
  return (
    <XROrigin ref={origin} position={spot.position} rotation={[0, spot.yaw, 0]}>
      {inVr && <Panels />}
    </XROrigin>
  );
}

export default function XrLayer() {
  useEffect(publish, []);
  return (
    <XR store={xrStore}>
      <World />
    </XR>
  );
}
