/**
 * Stream controls in the headset, to the trainee's left: start, next segment, pause/resume,
 * risk disclosure on/off and invite a mock trade — the same commands as the 2D controls. Ending
 * the stream is left to the 2D screen: one stray trigger pull must not end a rehearsal.
 */
import { useTranslation } from 'react-i18next';
import { riskWording } from '../../../core/trade.js';
import type { ClientAck } from '../net/socket.js';
import { sessionClient } from '../net/session-client.js';
import { useSession } from '../stores/session-store.js';
import { useUi } from '../stores/ui-store.js';
import { CanvasPanel, type PanelDraw } from './canvas-panel.js';
import { COLOURS, drawWrapped, roundRect } from './panel-text.js';
import { useXrCommand } from './use-xr-command.js';

const BUTTON = { w: 0.32, h: 0.1, gapX: 0.02, gapY: 0.015 } as const;

interface Button {
  id: string;
  label: string;
  on?: boolean;
  enabled: boolean;
  send: () => Promise<ClientAck>;
}

export function ControlsPanel(props: { position: [number, number, number]; rotation: [number, number, number] }) {
  const { t } = useTranslation('xr');
  const lang = useUi((s) => s.lang);
  const status = useSession((s) => s.state.status);
  const paused = useSession((s) => s.state.paused);
  const disclosureOn = useSession((s) => s.state.disclosureOn);
  const instrument = useSession((s) => s.state.scenario?.instruments?.[0]);
  const { run, pending, error } = useXrCommand();
  const live = status === 'live';
  // segment.next on the last segment ends the stream, which is left to the 2D screen (see above).
  const last = useSession((s) => s.state.segmentIndex >= (s.state.scenario?.segments.length ?? 0) - 1);

  const buttons: Button[] = [
    {
      id: 'start',
      label: t('control.start'),
      enabled: status === 'created',
      send: () => sessionClient.command('session.start', {}),
    },
    {
      id: 'next',
      label: live && last ? t('panel.stateFinal') : t('control.next'),
      enabled: live && !last,
      send: () => sessionClient.command('segment.next', {}),
    },
    {
      id: 'pause',
      label: paused ? t('control.resume') : t('control.pause'),
      on: paused,
      enabled: live,
      send: () => sessionClient.command('stream.pause', { paused: !paused }),
    },
    {
      id: 'disclosure',
      label: disclosureOn ? t('control.disclosureOff') : t('control.disclosureOn'),
      on: disclosureOn,
      enabled: status !== 'ended',
      send: () => sessionClient.command('disclosure.set', { on: !disclosureOn }),
    },
  ];
  if (instrument) {
    const fund = instrument.kind === 'fund';
    buttons.push({
      id: 'invite',
      label: t('control.invite'),
      enabled: live,
      // The 2D ticket's defaults: the first instrument, buy, one lot (or 1,000 of a fund).
      send: () =>
        sessionClient.command('trade.invite', {
          code: instrument.code,
          side: 'buy',
          qty: fund ? null : 100,
          amount: fund ? 1000 : null,
          riskWording: riskWording(instrument, lang),
        }),
    });
  }

  const title = t('panel.controls');
  const headerDraw: PanelDraw = (ctx, w, h) => {
    roundRect(ctx, w, h, COLOURS.panel);
    drawWrapped(ctx, title, 32, 22, w - 64, 36, 1, COLOURS.accent, 600);
    if (error) drawWrapped(ctx, error, 32, 76, w - 64, 26, 1, COLOURS.warn);
  };
  const width = BUTTON.w * 2 + BUTTON.gapX;

  return (
    <group {...props}>
      <CanvasPanel
        name="xr-controls"
        width={width}
        height={0.12}
        position={[0, 0.3, 0]}
        content={JSON.stringify([title, error])}
        draw={headerDraw}
      />
      {buttons.map((b, i) => {
        const col = i % 2;
        const row = Math.floor(i / 2);
        const x = (col - 0.5) * (BUTTON.w + BUTTON.gapX);
        const y = 0.3 - 0.06 - BUTTON.gapY - BUTTON.h / 2 - row * (BUTTON.h + BUTTON.gapY);
        const enabled = b.enabled && !pending;
        const draw: PanelDraw = (ctx, w, h, hover) => {
          const fill = !enabled ? COLOURS.disabled : b.on ? COLOURS.buttonOn : hover ? COLOURS.hover : COLOURS.button;
          roundRect(ctx, w, h, fill, b.on ? COLOURS.ok : undefined);
          ctx.textAlign = 'center';
          drawWrapped(ctx, b.label, w / 2, h / 2 - 22, w - 40, 36, 1, enabled ? COLOURS.text : COLOURS.dim, 600);
          ctx.textAlign = 'left';
        };
        return (
          <CanvasPanel
            key={b.id}
            name={`xr-control-${b.id}`}
            width={BUTTON.w}
            height={BUTTON.h}
            position={[x, y, 0]}
            content={JSON.stringify([b.label, b.on, enabled])}
            draw={draw}
            onPress={enabled ? () => void run(b.send) : undefined}
          />
        );
      })}
    </group>
  );
}
