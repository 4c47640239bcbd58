/**
 * A name tag with a chat bubble over the viewer the host is addressing — the asker of the question
 * the trainee is replying to, or of the one the spoken reply answers — and over no one else: a
 * thousand tags would be unreadable and expensive. One mesh with a canvas texture, redrawn when
 * the addressed viewer changes; per frame it only follows its seat and faces the camera.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { CanvasTexture, MeshBasicMaterial, PlaneGeometry, SRGBColorSpace, type Mesh } from 'three';
import { useTranslation } from 'react-i18next';
import { addressedViewer } from '../host/gaze.js';
import { sessionStore } from '../stores/session-store.js';
import { uiStore } from '../stores/ui-store.js';
import { fitText, font, makeCanvas } from './canvas-text.js';
import { SEAT_XYZ, seatMap } from './seat-map.js';

const PX = { width: 512, height: 160 } as const;
const SIZE = { width: 2.0, height: 0.625 } as const;

export function AddressedTag() {
  const { t } = useTranslation('stage');
  const { ctx, texture, material, geometry } = useMemo(() => {
    const { canvas, ctx } = makeCanvas(PX.width, PX.height);
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    const material = new MeshBasicMaterial({ map: texture, transparent: true, toneMapped: false, depthTest: false });
    return { ctx, texture, material, geometry: new PlaneGeometry(SIZE.width, SIZE.height) };
  }, []);
  const mesh = useRef<Mesh>(null);
  const shown = useRef<{ who: string | null; text: string }>({ who: null, text: '' });

  // Redraw when the addressed viewer changes (reply target picked, or a spoken reply starts).
  useEffect(() => {
    const draw = () => {
      const who = addressedViewer();
      const { chat, participants } = sessionStore.getState().state;
      const replyTo = uiStore.getState().replyTo;
      let name = '';
      let text = '';
      for (let i = chat.length - 1; i >= 0; i--) {
        const c = chat[i]!;
        if (
          (replyTo !== null && c.seq === replyTo) ||
          (replyTo === null && c.actor.id === who && c.kind === 'question')
        ) {
          name = c.actor.name;
          text = c.text;
          break;
        }
      }
      // The chat keeps only recent messages: once the question scrolls out, keep the tag as drawn.
      if (who === shown.current.who && (text === shown.current.text || text === '')) return;
      shown.current = { who, text };
      if (!who) return;
      ctx.clearRect(0, 0, PX.width, PX.height);
      ctx.fillStyle = 'rgba(255, 255, 255, 0.95)';
      ctx.beginPath();
      ctx.roundRect(4, 4, PX.width - 8, PX.height - 36, 18);
      ctx.fill();
      // The bubble's tail, pointing down at the viewer.
      ctx.beginPath();
      ctx.moveTo(PX.width / 2 - 16, PX.height - 33);
      ctx.lineTo(PX.width / 2, PX.height - 4);
      ctx.lineTo(PX.width / 2 + 16, PX.height - 33);
      ctx.fill();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#c8102e';
      ctx.font = font(30, 700);
      // The question may have scrolled out of the chat window in a busy room: name the asker from
      // the participants (never their internal id).
      const label = `${name || participants[who]?.name || ''} ${t('tag.asks')}`;
      ctx.fillText(label, 22, 36);
      ctx.fillStyle = '#1a1e29';
      fitText(ctx, text, 22, 88, PX.width - 44, 28, 500, 18);
      texture.needsUpdate = true;
    };
    draw();
    const a = sessionStore.subscribe((s, p) => {
      if (s.state.chat !== p.state.chat) draw();
    });
    const b = uiStore.subscribe((s, p) => {
      if (s.replyTo !== p.replyTo) draw();
    });
    // A spoken reply can change the addressed viewer without a store change: check twice a second.
    const timer = setInterval(draw, 500);
    return () => {
      a();
      b();
      clearInterval(timer);
    };
  }, [ctx, texture, t]);

  useFrame(({ camera }) => {
    const m = mesh.current;
    if (!m) return;
    const who = shown.current.who;
    const slot = who === null ? -1 : seatMap.slotOf(who);
    m.visible = slot >= 0;
    if (slot < 0) return;
    m.position.set(SEAT_XYZ[slot * 3]!, SEAT_XYZ[slot * 3 + 1]! + 1.75, SEAT_XYZ[slot * 3 + 2]!);
    m.quaternion.copy(camera.quaternion);
  });

  return (
    <mesh ref={mesh} name="addressed-tag" geometry={geometry} material={material} renderOrder={10} visible={false} />
  );
}
