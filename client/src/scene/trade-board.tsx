/**
 * The virtual exchange's trade board on the back wall, right of the LED wall ("右手边是虚拟交易所").
 * Its CanvasTexture is redrawn when the exchange or the trade feed changes, at most four times a
 * second (a 2,000-viewer room can fill many orders a second), never per frame.
 */
import { useCallback, useMemo } from 'react';
import type { SessionState } from '../../../core/session.js';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { useUi } from '../stores/ui-store.js';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { makeCanvas } from './canvas-text.js';
import { BOARD, LED } from './layout.js';
import { BOARD_PX, drawBoard, PriceHistory, type BoardLabels } from './trade-board-content.js';
import { useMarketRedraw } from './use-market-redraw.js';

/** The board's words in the interface language ("stage" namespace). */
export function boardLabels(t: TFunction<'stage'>): BoardLabels {
  return {
    title: t('board.title'),
    noMarket: t('board.noMarket'),
    limitUp: t('board.limitUp'),
    limitDown: t('board.limitDown'),
    buy: t('board.buy'),
    sell: t('board.sell'),
    rejected: t('board.rejected'),
    shares: t('board.shares'),
  };
}

export function TradeBoard() {
  const { t } = useTranslation('stage');
  const lang = useUi((s) => s.lang);
  const { ctx, texture, history } = useMemo(() => {
    const { canvas, ctx } = makeCanvas(BOARD_PX.width, BOARD_PX.height);
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    texture.anisotropy = 4;
    return { ctx, texture, history: new PriceHistory() };
  }, []);

  const draw = useCallback(
    (state: SessionState) => {
      drawBoard(ctx, state.exchange, state.trades, history, lang, boardLabels(t));
      texture.needsUpdate = true;
    },
    [ctx, texture, history, lang, t],
  );
  useMarketRedraw(draw);

  return (
    <group position={[BOARD.x, BOARD.y, LED.z + 0.02]}>
      <mesh position={[0, 0, -0.06]}>
        <boxGeometry args={[BOARD.width + 0.24, BOARD.height + 0.24, 0.1]} />
        <meshLambertMaterial color="#15171c" />
      </mesh>
      <mesh name="trade-board">
        <planeGeometry args={[BOARD.width, BOARD.height]} />
        <meshBasicMaterial map={texture} toneMapped={false} />
      </mesh>
    </group>
  );
}
