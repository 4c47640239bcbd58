/**
 * The host on stage: the user's VRM when one is loaded, otherwise the procedural presenter.
 * Placed by the stage; exposes the avatar's live readings to browser tests.
 */
import { useEffect } from 'react';
import { exposeForTests } from '../scene/test-hooks.js';
import { useHostAvatar } from './host-store.js';
import { hostReadings } from './host-readings.js';
import { ProceduralHost } from './procedural-host.js';
import { VrmHost } from './vrm-host.js';

export function HostAvatar({ position }: { position: [number, number, number] }) {
  const vrm = useHostAvatar((s) => s.vrm);
  useEffect(() => exposeForTests({ host: hostReadings, vrm: vrm ?? undefined }), [vrm]);
  return <group position={position}>{vrm ? <VrmHost vrm={vrm} /> : <ProceduralHost />}</group>;
}
