/**
 * Everything VR inside the Canvas, loaded as its own chunk (see xr-mount.tsx): the <XR> root with
 * the app's store, the XR origin at the user's standing spot for their role, and the world-space
 * panels while an immersive session runs. Publishes enter/exit to xr-state.ts for the 2D button.
 */
import { XR, XROrigin, useXR } from '@react-three/xr';
import { useEffect, useRef } from 'react';
import type { Group } from 'three';
import { useSession } from '../stores/session-store.js';
import { CaptionPanel } from './caption-panel.js';
import { ControlsPanel } from './controls-panel.js';
import { standingSpot } from './placement.js';
import { PauseCard } from './pause-card.js';
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

/**
 * Panels in origin space (the user stands at the origin looking down -z), on an arc of ~65 cm
 * (arm's length): the teleprompter straight ahead and low, so the audience stays in view above
 * it; the questions 62° to the right and the controls 62° to the left, turned to face the user,
 * far enough round that their inner edges clear the teleprompter's. The captions sit in the
 * narrow band between the teleprompter's top edge (~26° below eye level at 1.6 m) and the
 * audience's heads (~16° down from the stage, less from the aisle): centred ~21° down, tilted to
 * face the eyes, so from the audience the host stands above them.
 */
const ARC = 0.65;
const SIDE = (62 * Math.PI) / 180;
const side = (sign: 1 | -1, y: number) => ({
  position: [sign * ARC * Math.sin(SIDE), y, -ARC * Math.cos(SIDE)] as [number, number, number],
  rotation: [0, -sign * SIDE, 0] as [number, number, number],
});

function Panels() {
  const role = useSession((s) => s.role);
  const host = role === 'trainee';
  const operator = host || role === 'facilitator';
  return (
    <>
      <TeleprompterPanel position={[0, 1.0, -ARC]} rotation={[-0.45, 0, 0]} />
      <CaptionPanel position={[0, 1.324, -0.72]} rotation={[-0.37, 0, 0]} />
      {/* Straight ahead just below eye level, nearer than the audience: only while paused. */}
      <PauseCard position={[0, 1.47, -0.8]} rotation={[-0.12, 0, 0]} />
      {host && <QuestionsPanel {...side(1, 1.25)} />}
      {operator && <ControlsPanel {...side(-1, 1.2)} />}
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
