/**
 * What the LED wall behind the host shows, drawn into a 2D canvas: the scenario title, the current
 * segment (zh large, en below), progress and the risk line. Redrawn only when its inputs change.
 */
import type { Bilingual } from '../../../core/scenario.js';
import type { SessionStatus } from '../../../core/session.js';
import { en } from '../ui/messages/en.js';
import { zh } from '../ui/messages/zh.js';
import { fitText, font } from './canvas-text.js';

export interface LedContent {
  scenarioTitle: Bilingual | null;
  segmentTitle: Bilingual | null;
  segmentIndex: number;
  segmentCount: number;
  status: SessionStatus | 'idle';
  disclosure: Bilingual | null;
  /** The banner is on screen (state.disclosureOn). */
  disclosureOn: boolean;
}

export const LED_PX = { width: 1280, height: 720 } as const;

export function drawLed(ctx: CanvasRenderingContext2D, c: LedContent): void {
  const { width: W, height: H } = LED_PX;
  const bg = ctx.createLinearGradient(0, 0, W, H);
  bg.addColorStop(0, '#0b1f4d');
  bg.addColorStop(0.55, '#123a7a');
  bg.addColorStop(1, '#6d0f22');
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, W, H);

  // A faint LED pixel grid so it reads as a screen, not a poster.
  ctx.fillStyle = 'rgba(255,255,255,0.035)';
  for (let y = 0; y < H; y += 8) ctx.fillRect(0, y, W, 1);
  for (let x = 0; x < W; x += 8) ctx.fillRect(x, 0, 1, H);

  // Top band: channel mark and status.
  ctx.fillStyle = '#c8102e';
  ctx.fillRect(0, 0, W, 84);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.font = font(34, 700);
  ctx.fillText('投教直播间 · Investor Education Live', 40, 43);
  if (c.status === 'live') {
    ctx.textAlign = 'right';
    ctx.fillStyle = '#ffffff';
    ctx.font = font(32, 700);
    const live = 'LIVE 直播中';
    ctx.fillText(live, W - 40, 43);
    ctx.beginPath();
    ctx.arc(W - 40 - ctx.measureText(live).width - 24, 43, 11, 0, Math.PI * 2);
    ctx.fill();
  }

  ctx.textAlign = 'center';
  const scenario = c.scenarioTitle;
  ctx.fillStyle = '#9fc3ff';
  fitText(ctx, scenario ? scenario.zh : zh.ledIdle, W / 2, 150, W - 120, 40, 500);
  ctx.fillStyle = '#7f9cc9';
  fitText(ctx, scenario ? scenario.en : en.ledIdle, W / 2, 198, W - 120, 26, 400);

  let main: Bilingual;
  let label = '';
  if (c.status === 'live' && c.segmentTitle) {
    main = c.segmentTitle;
    label = `${zh.segmentOf(c.segmentIndex + 1, c.segmentCount)}  ·  ${en.segmentOf(c.segmentIndex + 1, c.segmentCount)}`;
  } else if (c.status === 'ended') {
    main = { zh: zh.ledEnded, en: en.ledEnded };
  } else if (c.status === 'created') {
    main = { zh: zh.ledStartingSoon, en: en.ledStartingSoon };
  } else {
    main = { zh: 'Branchcast', en: en.appTagline };
  }
  if (label) {
    ctx.fillStyle = '#ffd166';
    ctx.font = font(30, 700);
    ctx.fillText(label, W / 2, 280);
  }
  ctx.fillStyle = '#ffffff';
  fitText(ctx, main.zh, W / 2, 380, W - 120, 96, 700);
  ctx.fillStyle = '#d6e4ff';
  fitText(ctx, main.en, W / 2, 470, W - 140, 42, 400);

  // Progress pips for the segments.
  if (c.segmentCount > 0 && c.status !== 'idle') {
    const pip = Math.min(60, (W - 400) / c.segmentCount);
    const x0 = W / 2 - (pip * c.segmentCount) / 2;
    for (let i = 0; i < c.segmentCount; i++) {
      const done = c.status === 'ended' || (c.status === 'live' && i <= c.segmentIndex);
      ctx.fillStyle = done ? '#ffd166' : 'rgba(255,255,255,0.25)';
      ctx.fillRect(x0 + i * pip + 4, 548, pip - 8, 10);
    }
  }

  // Bottom band: the risk-disclosure banner, only while the host has it on (the scorer checks
  // that it is on screen during a call to action).
  if (c.disclosureOn) drawDisclosureBand(ctx, c.disclosure);
}

/** The risk-disclosure band across the bottom of the wall (also drawn over the trade board). */
export function drawDisclosureBand(ctx: CanvasRenderingContext2D, disclosure: Bilingual | null): void {
  const { width: W, height: H } = LED_PX;
  ctx.fillStyle = 'rgba(0,0,0,0.7)';
  ctx.fillRect(0, H - 90, W, 90);
  ctx.fillStyle = '#ffd166';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const risk = disclosure ?? { zh: zh.ledRisk, en: en.ledRisk };
  // A long disclosure keeps only its Chinese so it stays legible from the audience.
  const both = `${risk.zh}  ${risk.en}`;
  fitText(ctx, both.length <= 60 ? both : risk.zh, W / 2, H - 45, W - 80, 30, 500, 20);
}
