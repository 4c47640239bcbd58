/**
 * The LED wall behind the host. Its CanvasTexture is redrawn when the scenario, segment or status
 * changes — never per frame.
 */
import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { useSession } from '../stores/session-store.js';
import { makeCanvas } from './canvas-text.js';
import { LED } from './layout.js';
import { drawLed, LED_PX } from './led-content.js';

export function LedWall() {
  const scenario = useSession((s) => s.state.scenario);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const status = useSession((s) => s.state.status);
  const joined = useSession((s) => s.participantId !== null);
  const disclosureOn = useSession((s) => s.state.disclosureOn);

  const { ctx, texture } = useMemo(() => {
    const { canvas, ctx } = makeCanvas(LED_PX.width, LED_PX.height);
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    texture.anisotropy = 4;
    return { ctx, texture };
  }, []);

  useEffect(() => {
    const seg = scenario?.segments[segmentIndex];
    drawLed(ctx, {
      scenarioTitle: scenario?.title ?? null,
      segmentTitle: seg?.title ?? null,
      segmentIndex,
      segmentCount: scenario?.segments.length ?? 0,
      status: joined && scenario ? status : 'idle',
      disclosure: scenario?.disclosure ?? null,
      disclosureOn,
    });
    texture.needsUpdate = true;
  }, [ctx, texture, scenario, segmentIndex, status, joined, disclosureOn]);

  const frame = 0.22;
  return (
    <group position={[0, LED.y, LED.z]}>
      <mesh position={[0, 0, -0.08]}>
        <boxGeometry args={[LED.width + frame * 2, LED.height + frame * 2, 0.12]} />
        <meshLambertMaterial color="#15171c" />
      </mesh>
      <mesh name="led-wall">
        <planeGeometry args={[LED.width, LED.height]} />
        <meshBasicMaterial map={texture} toneMapped={false} />
      </mesh>
    </group>
  );
}
