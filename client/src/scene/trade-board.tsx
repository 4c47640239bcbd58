/**
 * The virtual exchange's trade board on the back wall, right of the LED wall ("右手边是虚拟交易所").
 * Its CanvasTexture is redrawn when the exchange or the trade feed changes, at most four times a
 * second (a 2,000-viewer room can fill many orders a second), never per frame.
 */
import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { sessionStore } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { MESSAGES } from '../ui/i18n.js';
import { makeCanvas } from './canvas-text.js';
import { BOARD, LED } from './layout.js';
import { BOARD_PX, drawBoard, PriceHistory } from './trade-board-content.js';

const MIN_REDRAW_MS = 250;

export function TradeBoard() {
  const lang = useUi((s) => s.lang);
  const { ctx, texture, history } = useMemo(() => {
    const { canvas, ctx } = makeCanvas(BOARD_PX.width, BOARD_PX.height);
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    texture.anisotropy = 4;
    return { ctx, texture, history: new PriceHistory() };
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastDraw = 0;
    const draw = () => {
      timer = null;
      lastDraw = performance.now();
      const { state } = sessionStore.getState();
      const m = MESSAGES[lang];
      drawBoard(ctx, state.exchange, state.trades, history, lang, m.board);
      texture.needsUpdate = true;
    };
    const schedule = () => {
      if (timer !== null) return;
      timer = setTimeout(draw, Math.max(0, MIN_REDRAW_MS - (performance.now() - lastDraw)));
    };
    draw();
    const unsubscribe = sessionStore.subscribe((s, prev) => {
      if (s.state.exchange !== prev.state.exchange || s.state.trades !== prev.state.trades) schedule();
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [ctx, texture, history, lang]);

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
