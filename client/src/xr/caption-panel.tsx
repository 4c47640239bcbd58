/**
 * Captions in the headset: what the host says and the trainee's spoken replies, from the same
 * speech store that feeds the 2D captions (client/src/host/speech.ts writes it), on a thin strip
 * between the teleprompter and the audience. Shown only while there is a caption, so the room is
 * unobstructed the rest of the time; redrawn only when the caption (or the interface language)
 * changes. What was last drawn is kept in `captionDrawn` for the headset test.
 */
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../host/speech-store.js';
import { useUi } from '../stores/ui-store.js';
import { CanvasPanel, type PanelDraw } from './canvas-panel.js';
import { COLOURS, roundRect, setFont, wrapLines } from './panel-text.js';

/** Metres. Wide and shallow: ~8° tall at ~72 cm, so it fits the band above the teleprompter. */
export const CAPTION_W = 0.9;
export const CAPTION_H = 0.1;

/** Speaker label column (px) and padding (px) on the 1,600 px/m canvas. */
const LABEL_W = 170;
const PAD = 22;
/** 36 px (~2.3 cm, ~1.8° at 72 cm) when the line fits in two rows, else 30 px (the panels' body size) in three. */
const FITS = [
  { px: 36, lines: 2 },
  { px: 30, lines: 3 },
] as const;

/** What the caption panel drew last (read by the headset test; never read per frame). */
export const captionDrawn: {
  who: 'host' | 'trainee' | null;
  text: string;
  lines: string[];
  draws: number;
} = { who: null, text: '', lines: [], draws: 0 };

export function CaptionPanel(props: { position: [number, number, number]; rotation: [number, number, number] }) {
  const { t } = useTranslation('stage');
  const lang = useUi((s) => s.lang);
  const caption = useSpeech((s) => s.caption);
  const label = caption ? t(caption.who === 'host' ? 'captions.host' : 'captions.trainee') : '';
  const content = caption ? JSON.stringify([caption.id, caption.who, caption.text, caption.speaking, lang]) : '';

  const draw: PanelDraw = (ctx, w, h) => {
    captionDrawn.draws++;
    if (!caption) {
      ctx.clearRect(0, 0, w, h);
      captionDrawn.who = null;
      captionDrawn.text = '';
      captionDrawn.lines = [];
      return;
    }
    // Translucent, so the audience behind the strip still shows through.
    roundRect(ctx, w, h, 'rgba(16, 23, 38, 0.82)');
    ctx.textBaseline = 'middle';
    setFont(ctx, 26, 700);
    ctx.fillStyle = COLOURS.accent;
    ctx.fillText(label, PAD + 8, h / 2, LABEL_W - PAD);

    const maxWidth = w - LABEL_W - PAD * 2;
    let px: number = FITS[0].px;
    let lines: string[] = [];
    for (const fit of FITS) {
      px = fit.px;
      setFont(ctx, px, 500);
      // Ask for one row more than allowed: a third row means the text does not fit at this size.
      lines = wrapLines(ctx, caption.text, maxWidth, fit.lines + 1);
      if (lines.length <= fit.lines) break;
      lines = wrapLines(ctx, caption.text, maxWidth, fit.lines);
    }
    const lineHeight = Math.round(px * 1.3);
    ctx.fillStyle = caption.speaking ? COLOURS.text : COLOURS.dim;
    let y = h / 2 - ((lines.length - 1) * lineHeight) / 2;
    for (const l of lines) {
      ctx.fillText(l, LABEL_W + PAD, y);
      y += lineHeight;
    }
    captionDrawn.who = caption.who;
    captionDrawn.text = caption.text;
    captionDrawn.lines = lines;
  };

  return (
    <group visible={caption !== null}>
      <CanvasPanel name="xr-captions" width={CAPTION_W} height={CAPTION_H} {...props} content={content} draw={draw} />
    </group>
  );
}
