/**
 * The room's view of the host console (场控): a board on the back wall, left of the LED wall
 * (mirroring the trade board on the right), with the pinned announcement and the product card
 * (小黄车: name, risk level, suitable investors, risk line). Hidden while neither is up. Its canvas
 * is redrawn only when the pin, the card or the language changes, never per frame; the drawn
 * lines are kept on the mesh's userData so tests can read what the room sees.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CanvasTexture, SRGBColorSpace, type Mesh } from 'three';
import type { HostToolsState } from '../../../core/session.js';
import { useSession } from '../stores/session-store.js';
import { useUi, type Lang } from '../stores/ui-store.js';
import { pick } from '../ui/i18n.js';
import { font, makeCanvas } from './canvas-text.js';
import { BOARD, LED } from './layout.js';
import { exposeForTests } from './test-hooks.js';

const PX = { width: 1024, height: 640 } as const;
const PAD = 40;

/** Greedy wrap by characters (Chinese has no spaces to break on); at most `max` lines. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (ctx.measureText(cur + ch).width > width && cur) {
      lines.push(cur);
      cur = '';
      if (lines.length === max) break;
    }
    cur += ch;
  }
  if (lines.length < max && cur) lines.push(cur);
  else if (cur && lines.length === max) lines[max - 1] = `${lines[max - 1]!.slice(0, -1)}…`;
  return lines;
}

/** Draws the board; returns the text drawn, top to bottom. */
export function drawHostToolsBoard(
  ctx: CanvasRenderingContext2D,
  h: Pick<HostToolsState, 'pinned' | 'product'>,
  lang: Lang,
  t: TFunction<'hosttools'>,
): string[] {
  const drawn: string[] = [];
  const line = (text: string, y: number, px: number, colour: string, weight = 400) => {
    ctx.font = font(px, weight);
    ctx.fillStyle = colour;
    ctx.fillText(text, PAD, y);
    drawn.push(text);
  };
  ctx.fillStyle = '#0d111c';
  ctx.fillRect(0, 0, PX.width, PX.height);
  ctx.textBaseline = 'top';
  let y = PAD;
  if (h.pinned) {
    line(t('pin.badge'), y, 34, '#4da3ff', 700);
    y += 52;
    ctx.font = font(36);
    for (const l of wrap(ctx, h.pinned.text, PX.width - 2 * PAD, 4)) {
      line(l, y, 36, '#e8ecf4');
      y += 48;
    }
    y += 24;
  }
  const card = h.product;
  if (card) {
    ctx.fillStyle = 'rgba(255, 209, 102, 0.12)';
    ctx.fillRect(PAD / 2, y - 10, PX.width - PAD, PX.height - y);
    line(`${t('product.badge')} · ${pick(card.name, lang)}`, y, 40, '#ffd166', 700);
    y += 58;
    line(t('product.risk', { risk: card.risk }), y, 32, card.risk >= 'R4' ? '#ff8fa0' : '#e8ecf4', 600);
    y += 46;
    ctx.font = font(30);
    for (const l of wrap(ctx, t('product.suitable', { text: pick(card.suitable, lang) }), PX.width - 2 * PAD, 2)) {
      line(l, y, 30, '#c9d2e6');
      y += 42;
    }
    ctx.font = font(30);
    const risk = card.riskLine || t('product.noRiskLine');
    for (const l of wrap(ctx, risk, PX.width - 2 * PAD, Math.max(1, Math.floor((PX.height - y - PAD) / 42)))) {
      line(l, y, 30, card.riskLine ? '#ffd9df' : '#95a0b8');
      y += 42;
    }
  }
  return drawn;
}

export function HostToolsBoard() {
  const { t } = useTranslation('hosttools');
  const lang = useUi((s) => s.lang);
  const pinned = useSession((s) => s.state.hostTools.pinned);
  const product = useSession((s) => s.state.hostTools.product);
  const mesh = useRef<Mesh>(null);
  const { ctx, texture } = useMemo(() => {
    const { canvas, ctx } = makeCanvas(PX.width, PX.height);
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    texture.anisotropy = 4;
    return { ctx, texture };
  }, []);
  const visible = pinned !== null || product !== null;
  useEffect(() => {
    if (mesh.current) exposeForTests({ hostToolsBoard: mesh.current });
  }, []);
  useEffect(() => {
    if (!visible) return;
    const drawn = drawHostToolsBoard(ctx, { pinned, product }, lang, t);
    texture.needsUpdate = true;
    if (mesh.current) {
      mesh.current.userData.drawn = drawn;
      mesh.current.userData.visible = true;
    }
  }, [ctx, texture, pinned, product, lang, t, visible]);
  useEffect(() => {
    if (!visible && mesh.current) mesh.current.userData.visible = false;
  }, [visible]);
  return (
    <group position={[-BOARD.x, BOARD.y, LED.z + 0.02]} visible={visible}>
      <mesh position={[0, 0, -0.06]}>
        <boxGeometry args={[BOARD.width + 0.24, BOARD.height + 0.24, 0.1]} />
        <meshLambertMaterial color="#15171c" />
      </mesh>
      <mesh ref={mesh} name="host-tools-board">
        <planeGeometry args={[BOARD.width, BOARD.height]} />
        <meshBasicMaterial map={texture} toneMapped={false} />
      </mesh>
    </group>
  );
}
