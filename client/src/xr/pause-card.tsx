/**
 * While the stream is paused, a card in front of the trainee at eye level says so: in the headset
 * the 2D badge and the LED wall are out of sight, and a trainee who paused by a stray pull (or
 * whose facilitator paused the room) must not carry on talking to nobody. Mounted only while
 * paused, so the room is unobstructed otherwise; pressing it resumes. What it drew last is kept in
 * `pauseCardDrawn` for the headset test.
 */
import { useTranslation } from 'react-i18next';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { CanvasPanel, type PanelDraw } from './canvas-panel.js';
import { COLOURS, drawWrapped, roundRect, setFont } from './panel-text.js';
import { useXrCommand } from './use-xr-command.js';

export const PAUSE_CARD_W = 0.56;
export const PAUSE_CARD_H = 0.2;

export const pauseCardDrawn: { title: string; hint: string; draws: number } = { title: '', hint: '', draws: 0 };

export function PauseCard(props: { position: [number, number, number]; rotation: [number, number, number] }) {
  const { t } = useTranslation('xr');
  const lang = useUi((s) => s.lang);
  const paused = useSession((s) => s.state.paused && s.state.status === 'live');
  const operator = useSession((s) => s.role === 'trainee' || s.role === 'facilitator');
  const { run, pending } = useXrCommand();
  if (!paused) return null;
  const title = t('panel.paused');
  const hint = operator ? t('panel.pausedHint') : t('panel.pausedWatch');
  const draw: PanelDraw = (ctx, w, h, hover) => {
    pauseCardDrawn.draws++;
    roundRect(ctx, w, h, hover ? '#7a1f2b' : '#5c1420', '#ff8f70');
    ctx.textAlign = 'center';
    setFont(ctx, 64, 800);
    ctx.fillStyle = COLOURS.text;
    ctx.textBaseline = 'top';
    // Two bars (the pause sign) drawn, not a glyph: headset fonts lack ⏸.
    const barX = w / 2 - ctx.measureText(title).width / 2 - 70;
    ctx.fillRect(barX, 44, 16, 60);
    ctx.fillRect(barX + 28, 44, 16, 60);
    ctx.fillText(title, w / 2 + 20, 40);
    drawWrapped(ctx, hint, w / 2, 136, w - 80, 30, 2, COLOURS.accent, 600);
    ctx.textAlign = 'left';
    pauseCardDrawn.title = title;
    pauseCardDrawn.hint = hint;
  };
  return (
    <CanvasPanel
      name="xr-pause-card"
      width={PAUSE_CARD_W}
      height={PAUSE_CARD_H}
      {...props}
      content={JSON.stringify([title, hint, lang, pending])}
      draw={draw}
      onPress={
        operator && !pending
          ? () => void run(() => sessionClient.command('stream.pause', { paused: false }))
          : undefined
      }
    />
  );
}
