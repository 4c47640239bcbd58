/**
 * The LED wall behind the host. Its CanvasTexture is redrawn when the scenario, segment, status or
 * banner changes — never per frame. During a call to action in a scenario with a virtual exchange
 * (or while a mock-trade invitation stands) it shows the trade board, as the script says
 * ("大屏上有五个演示品种"): the wall is what the audience and the camera always see. In that mode
 * it redraws through useMarketRedraw (at most four times a second).
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../core/session.js';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { makeCanvas } from './canvas-text.js';
import { LED } from './layout.js';
import { drawDisclosureBand, drawLed, LED_PX } from './led-content.js';
import { BOARD_PX, drawBoard, PriceHistory } from './trade-board-content.js';
import { useMarketRedraw } from './use-market-redraw.js';
import { wallSlide } from './wall-slide.js';
import { boardLabels } from './trade-board.js';

export function LedWall() {
  const scenario = useSession((s) => s.state.scenario);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const status = useSession((s) => s.state.status);
  const joined = useSession((s) => s.participantId !== null);
  const disclosureOn = useSession((s) => s.state.disclosureOn);
  const lineCursor = useSession((s) => s.state.lineCursor);
  const fired = useSession((s) => s.state.firedIncidents);
  const paused = useSession((s) => s.state.paused);
  const { t } = useTranslation('stage');
  // Incidents fired by the facilitator have no scheduled segment: remember where each was seen.
  const firedIn = useRef<Record<string, number>>({});
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
    for (const id of fired) firedIn.current[id] ??= segmentIndex;
    const slide = wallSlide({
      scenario,
      segmentIndex,
      lineCursor,
      status,
      firedIncidents: fired,
      firedInSegment: firedIn.current,
    });
    drawLed(ctx, {
      slide,
      paused,
      scenarioTitle: scenario?.title ?? null,
      segmentTitle: seg?.title ?? null,
      segmentIndex,
      segmentCount: scenario?.segments.length ?? 0,
      status: joined && scenario ? status : 'idle',
      disclosure: scenario?.disclosure ?? null,
      disclosureOn,
    });
    texture.needsUpdate = true;
  }, [ctx, texture, scenario, segmentIndex, status, joined, disclosureOn, tradeMode, lineCursor, fired, paused]);

  // Trade mode: the board drawn at its own size, scaled uniformly to the wall's height and centred.
  const drawTrade = useCallback(
    (state: SessionState) => {
      const scale = LED_PX.height / BOARD_PX.height;
      ctx.fillStyle = '#070b16';
      ctx.fillRect(0, 0, LED_PX.width, LED_PX.height);
      ctx.save();
      ctx.setTransform(scale, 0, 0, scale, (LED_PX.width - BOARD_PX.width * scale) / 2, 0);
      drawBoard(ctx, state.exchange, state.trades, history, lang, boardLabels(t));
      ctx.restore();
      if (state.disclosureOn) drawDisclosureBand(ctx, state.scenario?.disclosure ?? null);
      texture.needsUpdate = true;
    },
    [ctx, texture, history, lang, t],
  );
  useMarketRedraw(drawTrade, tradeMode);

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
