/**
 * The teleprompter in the headset: a confidence monitor below eye level. Shows the current
 * segment, the line just delivered (dim), the next line to deliver (large) and the one after.
 * Pressing it delivers the highlighted line (host.say with the script's Chinese text, as in 2D).
 */
import { useTranslation } from 'react-i18next';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { CanvasPanel, type PanelDraw } from './canvas-panel.js';
import { COLOURS, drawWrapped, roundRect, setFont } from './panel-text.js';
import { useXrCommand } from './use-xr-command.js';

type Text = { zh: string; en?: string | undefined };
const pick = (s: Text | undefined, lang: 'zh' | 'en') => (s ? (lang === 'en' && s.en ? s.en : s.zh) : '');

export function TeleprompterPanel(props: { position: [number, number, number]; rotation: [number, number, number] }) {
  const { t } = useTranslation('xr');
  const lang = useUi((s) => s.lang);
  const role = useSession((s) => s.role);
  const scenario = useSession((s) => s.state.scenario);
  const segmentIndex = useSession((s) => s.state.segmentIndex);
  const cursor = useSession((s) => s.state.lineCursor);
  const status = useSession((s) => s.state.status);
  const paused = useSession((s) => s.state.paused);
  const { run, pending, error } = useXrCommand();
  const last = segmentIndex >= (scenario?.segments.length ?? 0) - 1;

  const segment = scenario?.segments[segmentIndex];
  const lines = segment?.lines ?? [];
  const current = lines[cursor];
  const canSay = role === 'trainee' && status === 'live' && current !== undefined && !pending;
  const header = segment
    ? t('panel.segment', {
        index: segmentIndex + 1,
        total: scenario?.segments.length ?? 0,
        title: pick(segment.title, lang),
      })
    : t('panel.teleprompter');
  const hint =
    status === 'created'
      ? t('panel.notStarted')
      : status === 'ended'
        ? t('panel.ended')
        : current === undefined
          ? last
            ? t('panel.scriptDoneLast')
            : t('panel.scriptDone')
          : role === 'trainee'
            ? t('panel.sayHint')
            : '';
  const before = pick(lines[cursor - 1], lang);
  const now = pick(current, lang);
  const after = pick(lines[cursor + 1], lang);
  // The stream's state in the corner, in front of the trainee (the 2D badge is out of sight in VR).
  const state =
    status === 'created'
      ? t('panel.stateCreated')
      : status === 'ended'
        ? t('panel.stateEnded')
        : paused
          ? t('panel.paused')
          : last
            ? `${t('panel.live')} · ${t('panel.stateFinal')}`
            : t('panel.live');
  const content = JSON.stringify([header, before, now, after, hint, error, canSay, state, paused]);

  const draw: PanelDraw = (ctx, w, h, hover) => {
    roundRect(ctx, w, h, hover && canSay ? COLOURS.hover : COLOURS.panel);
    const pad = 40;
    const width = w - pad * 2;
    setFont(ctx, 34, 600);
    ctx.fillStyle = COLOURS.accent;
    ctx.textBaseline = 'top';
    ctx.fillText(t('panel.teleprompter'), pad, 28);
    // State chip, top right: a red dot while live, the warning colour while paused.
    setFont(ctx, 30, 700);
    const chipW = ctx.measureText(state).width + (status === 'live' && !paused ? 34 : 0);
    const chipX = w - pad - chipW;
    if (status === 'live' && !paused) {
      ctx.fillStyle = '#e5334b';
      ctx.beginPath();
      ctx.arc(chipX + 11, 46, 11, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = paused && status === 'live' ? COLOURS.warn : status === 'live' ? COLOURS.text : COLOURS.dim;
    ctx.fillText(state, w - pad - ctx.measureText(state).width, 28);
    let y = drawWrapped(ctx, header, pad + 200, 28, chipX - pad - 220, 34, 1, COLOURS.dim);
    y += 16;
    if (before) y = drawWrapped(ctx, before, pad, y, width, 32, 1, COLOURS.dim) + 10;
    if (now) y = drawWrapped(ctx, now, pad, y, width, 50, 4, COLOURS.text, 700) + 14;
    if (after) drawWrapped(ctx, after, pad, y, width, 32, 2, COLOURS.dim);
    const foot = error ?? hint;
    if (foot) drawWrapped(ctx, foot, pad, h - 66, width, 30, 1, error ? COLOURS.warn : COLOURS.ok);
  };

  return (
    <CanvasPanel
      name="xr-teleprompter"
      width={0.8}
      height={0.5}
      {...props}
      content={content}
      draw={draw}
      onPress={
        canSay
          ? () => void run(() => sessionClient.command('host.say', { text: current.zh, lineIndex: cursor }))
          : undefined
      }
    />
  );
}
