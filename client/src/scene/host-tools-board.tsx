/**
 * The room's view of the host console (场控): a banner hung over the front of the stage with the
 * pinned announcement and the product card (小黄车: name, risk level, suitable investors, risk
 * line), as a live-stream overlay would show them. Hidden while neither is up. Its canvas
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
import { fitText, makeCanvas } from './canvas-text.js';
import { exposeForTests } from './test-hooks.js';

/** A wide banner (the plane's aspect): two or three rows of text, readable from the seats. */
const PX = { width: 1600, height: 250 } as const;
const PAD = 28;
/**
 * Hung in front of the stage, high: from the audience camera it sits between the status bar and
 * the LED wall's top edge, so it covers neither the wall (nor its disclosure band) nor the HUD's
 * side panels (measured for CAMERA in layout.ts: its lower edge projects above the wall's top).
 */
export const BANNER = { width: 6.0, height: 0.94, y: 6.83, z: -6.2 } as const;

/** Draws the banner; returns the text drawn, top to bottom. */
export function drawHostToolsBoard(
  ctx: CanvasRenderingContext2D,
  h: Pick<HostToolsState, 'pinned' | 'product'>,
  lang: Lang,
  t: TFunction<'hosttools'>,
): string[] {
  const drawn: string[] = [];
  const rows: Array<{ text: string; colour: string; weight: number }> = [];
  if (h.pinned) rows.push({ text: `${t('pin.badge')} · ${h.pinned.text}`, colour: '#9ccaff', weight: 700 });
  const card = h.product;
  if (card) {
    rows.push({
      text: `${t('product.badge')} · ${pick(card.name, lang)} · ${t('product.risk', { risk: card.risk })} · ${t('product.suitable', { text: pick(card.suitable, lang) })}`,
      colour: '#ffd166',
      weight: 700,
    });
    rows.push({
      text: card.riskLine || t('product.noRiskLine'),
      colour: card.riskLine ? '#ffd9df' : '#95a0b8',
      weight: 500,
    });
  }
  ctx.fillStyle = '#0d111c';
  ctx.fillRect(0, 0, PX.width, PX.height);
  ctx.fillStyle = '#d0203a';
  ctx.fillRect(0, 0, PX.width, 8);
  ctx.textBaseline = 'middle';
  const rowH = (PX.height - 8 - PAD) / Math.max(1, rows.length);
  const px = Math.min(64, Math.floor(rowH * 0.62));
  rows.forEach((r, i) => {
    ctx.fillStyle = r.colour;
    fitText(ctx, r.text, PAD, 8 + PAD / 2 + rowH * (i + 0.5), PX.width - 2 * PAD, px, r.weight);
    drawn.push(r.text);
  });
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
    <group position={[0, BANNER.y, BANNER.z]} rotation={[0.12, 0, 0]} visible={visible}>
      <mesh position={[0, 0, -0.04]}>
        <boxGeometry args={[BANNER.width + 0.12, BANNER.height + 0.12, 0.05]} />
        <meshLambertMaterial color="#15171c" />
      </mesh>
      <mesh ref={mesh} name="host-tools-board">
        <planeGeometry args={[BANNER.width, BANNER.height]} />
        <meshBasicMaterial map={texture} toneMapped={false} />
      </mesh>
    </group>
  );
}
