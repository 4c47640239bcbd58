/**
 * The LED wall behind the host. Its CanvasTexture is redrawn when the scenario, segment, status or
 * banner changes — never per frame. During a call to action in a scenario with a virtual exchange
 * (or while a mock-trade invitation stands) it shows the trade board, as the script says
 * ("大屏上有五个演示品种"): the wall is what the audience and the camera always see. In that mode
 * it redraws through useMarketRedraw (at most four times a second).
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { SessionState } from '../../../core/session.js';
import { ledView, type LedInput } from '../../../core/stage/led-view.js';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { makeCanvas } from './canvas-text.js';
import { LED } from './layout.js';
import { drawDisclosureBand, drawLed, LED_PX } from './led-content.js';
import { BOARD_PX, drawBoard, PriceHistory } from './trade-board-content.js';
import { useMarketRedraw } from './use-market-redraw.js';
import { boardLabels } from './trade-board.js';
import { exposeForTests } from './test-hooks.js';
import { recordText } from './canvas-text.js';

/** The state fields the wall reads (core/stage/led-view.ts), for a shallow-compared selector. */
function wallInputs(s: SessionState): LedInput {
  return {
    scenario: s.scenario,
    segmentIndex: s.segmentIndex,
    lineCursor: s.lineCursor,
    status: s.status,
    firedIncidents: s.firedIncidents,
    incidentsFired: s.incidentsFired,
    wallCorrected: s.wallCorrected,
    paused: s.paused,
    disclosureOn: s.disclosureOn,
    exchange: s.exchange !== null ? true : null,
    invitation: s.invitation !== null ? true : null,
  };
}

export function LedWall() {
  // One pure function of the folded state (core/stage/led-view.ts), live and in replay alike: a
  // replay folded to a moment draws what viewers saw live then. Selected field by field so the
  // canvas is redrawn only when something drawn changes (never per frame, never per chat line).
  const showing = useSession((s) => s.participantId !== null || s.mode === 'replay');
  const state = useSession(useShallow((s) => wallInputs(s.state)));
  const view = useMemo(() => ledView(state, showing), [state, showing]);
  const tradeMode = view.mode === 'trade';
  const { t } = useTranslation('stage');
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
    const drawn = recordText(ctx, () => drawLed(ctx, view));
    exposeForTests({ led: { view, text: drawn } });
    texture.needsUpdate = true;
  }, [ctx, texture, view, tradeMode]);

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
      exposeForTests({ led: { view: ledView(state, true), text: [] } });
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
