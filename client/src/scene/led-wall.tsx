/**
 * The LED wall behind the host. Its CanvasTexture is redrawn when the scenario, segment, status or
 * banner changes — never per frame. During a call to action in a scenario with a virtual exchange
 * (or while a mock-trade invitation stands) it shows the trade board, as the script says
 * ("大屏上有五个演示品种"): the wall is what the audience and the camera always see. In that mode
 * it redraws when prices or trades change, at most four times a second.
 */
import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { sessionStore, useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { MESSAGES } from '../ui/i18n.js';
import { makeCanvas } from './canvas-text.js';
import { LED } from './layout.js';
import { drawDisclosureBand, drawLed, LED_PX } from './led-content.js';
import { BOARD_PX, drawBoard, PriceHistory } from './trade-board-content.js';

const MIN_REDRAW_MS = 250;

export function LedWall() {
  const scenario = useSession((s) => s.state.scenario);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const status = useSession((s) => s.state.status);
  const joined = useSession((s) => s.participantId !== null);
  const disclosureOn = useSession((s) => s.state.disclosureOn);
  const tradeMode = useSession(
    (s) =>
      s.state.exchange !== null &&
      s.state.status === 'live' &&
      (s.state.invitation !== null || s.state.scenario?.segments[s.state.segmentIndex]?.callToAction === true),
  );
  const lang = useUi((s) => s.lang);

  const { ctx, texture, history } = useMemo(() => {
    const { canvas, ctx } = makeCanvas(LED_PX.width, LED_PX.height);
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    texture.anisotropy = 4;
    return { ctx, texture, history: new PriceHistory() };
  }, []);

  useEffect(() => {
    if (tradeMode) return;
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
  }, [ctx, texture, scenario, segmentIndex, status, joined, disclosureOn, tradeMode]);

  useEffect(() => {
    if (!tradeMode) return;
    // The board is drawn at its own size, scaled uniformly to the wall's height and centred.
    const scale = LED_PX.height / BOARD_PX.height;
    const offsetX = (LED_PX.width - BOARD_PX.width * scale) / 2;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastDraw = 0;
    const draw = () => {
      timer = null;
      lastDraw = performance.now();
      const { state } = sessionStore.getState();
      ctx.fillStyle = '#070b16';
      ctx.fillRect(0, 0, LED_PX.width, LED_PX.height);
      ctx.save();
      ctx.setTransform(scale, 0, 0, scale, offsetX, 0);
      drawBoard(ctx, state.exchange, state.trades, history, lang, MESSAGES[lang].board);
      ctx.restore();
      if (state.disclosureOn) drawDisclosureBand(ctx, state.scenario?.disclosure ?? null);
      texture.needsUpdate = true;
    };
    const schedule = () => {
      if (timer === null) timer = setTimeout(draw, Math.max(0, MIN_REDRAW_MS - (performance.now() - lastDraw)));
    };
    draw();
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      const p = prev.state;
      if (s.state.exchange !== p.exchange || s.state.trades !== p.trades || s.state.disclosureOn !== p.disclosureOn)
        schedule();
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [ctx, texture, history, lang, tradeMode]);

  const frame = 0.22;
  return (
    <group position={[0, LED.y, LED.z]}>
      <mesh position={[0, 0, -0.08]}>
        <boxGeometry args={[LED.width + frame * 2, LED.height + frame * 2, 0.12]} />
        <meshLambertMaterial color="#15171c" />
      </mesh>
      <mesh name="led-wall" userData={{ mode: tradeMode ? 'trade' : 'segment' }}>
        <planeGeometry args={[LED.width, LED.height]} />
        <meshBasicMaterial map={texture} toneMapped={false} />
      </mesh>
    </group>
  );
}
