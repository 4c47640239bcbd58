/**
 * What the LED wall behind the host shows, drawn into a 2D canvas: the scenario title, the current
 * segment (zh large, en below), the segment's slide (core/stage/wall-slide.ts: paced by the
 * teleprompter, or the crisis drill's wrong figure, then a correction ribbon), progress, a pause
 * card while the stream is paused and the risk-disclosure band while it is on. What to draw comes
 * from core/stage/led-view.ts (the same for live and replay); this file only paints it.
 * Its words come from the "stage" namespace in both languages (the wall is bilingual).
 */
import i18next from 'i18next';
import type { Bilingual } from '../../../core/scenario.js';
import type { LedView } from '../../../core/stage/led-view.js';
import type { WallSlide } from '../../../core/stage/wall-slide.js';
import { fitText, font } from './canvas-text.js';

export type LedContent = Omit<LedView, 'mode'>;

export const LED_PX = { width: 1280, height: 720 } as const;

/**
 * The risk-disclosure band, in wall pixels. Not at the very bottom: from the room's camera the
 * host's head covers the wall's lowest ~80 px (test/unit/led-disclosure-band.test.ts projects it),
 * so the band sits just above, and the slide panel ends above the band while it is on.
 */
export const DISCLOSURE_BAND = { top: 500, height: 76 } as const;

/** The wall's words in one language ("stage" namespace). */
function say(lang: 'zh' | 'en', key: string, opts?: Record<string, unknown>): string {
  return i18next.getFixedT(lang, 'stage')(key, opts);
}

function bothLangs(key: string): Bilingual {
  return { zh: say('zh', key), en: say('en', key) };
}

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
    // Paused, the corner says so too (not "LIVE" over the pause card): two bars instead of the dot.
    const live = c.paused ? 'PAUSED 已暂停' : 'LIVE 直播中';
    ctx.fillText(live, W - 40, 43);
    const x = W - 40 - ctx.measureText(live).width - 24;
    if (c.paused) {
      ctx.fillRect(x - 10, 31, 7, 24);
      ctx.fillRect(x + 3, 31, 7, 24);
    } else {
      ctx.beginPath();
      ctx.arc(x, 43, 11, 0, Math.PI * 2);
      ctx.fill();
    }
  }

  ctx.textAlign = 'center';
  const scenario = c.scenarioTitle;
  const slide = c.slide;
  const withSlide = c.status === 'live' && slide.kind !== 'none';
  if (withSlide) {
    ctx.fillStyle = '#9fc3ff';
    fitText(ctx, scenario ? `${scenario.zh}  ·  ${scenario.en}` : '', W / 2, 116, W - 120, 26, 500);
  } else {
    ctx.fillStyle = '#9fc3ff';
    fitText(ctx, scenario ? scenario.zh : say('zh', 'led.idle'), W / 2, 150, W - 120, 40, 500);
    ctx.fillStyle = '#7f9cc9';
    fitText(ctx, scenario ? scenario.en : say('en', 'led.idle'), W / 2, 198, W - 120, 26, 400);
  }

  let main: Bilingual;
  let label = '';
  if (c.status === 'live' && c.segmentTitle) {
    main = c.segmentTitle;
    const n = { i: c.segmentIndex + 1, n: c.segmentCount };
    label = `${say('zh', 'led.segmentOf', n)}  ·  ${say('en', 'led.segmentOf', n)}`;
  } else if (c.status === 'ended') {
    main = bothLangs('led.ended');
  } else if (c.status === 'created') {
    main = bothLangs('led.startingSoon');
  } else {
    main = { zh: 'Branchcast', en: say('en', 'led.tagline') };
  }
  if (withSlide) {
    ctx.fillStyle = '#ffd166';
    ctx.font = font(26, 700);
    ctx.fillText(label, W / 2, 160);
    ctx.fillStyle = '#ffffff';
    fitText(ctx, main.zh, W / 2, 212, W - 160, 56, 700);
    ctx.fillStyle = '#d6e4ff';
    fitText(ctx, main.en, W / 2, 262, W - 160, 26, 400);
    drawSlidePanel(ctx, slide, c.disclosureOn ? DISCLOSURE_BAND.top - 8 : 586);
  } else {
    if (label) {
      ctx.fillStyle = '#ffd166';
      ctx.font = font(30, 700);
      ctx.fillText(label, W / 2, 280);
    }
    ctx.fillStyle = '#ffffff';
    fitText(ctx, main.zh, W / 2, 380, W - 120, 96, 700);
    ctx.fillStyle = '#d6e4ff';
    fitText(ctx, main.en, W / 2, 470, W - 140, 42, 400);
  }

  // Progress pips for the segments.
  if (c.segmentCount > 0 && c.status !== 'idle') {
    const pip = Math.min(60, (W - 400) / c.segmentCount);
    const x0 = W / 2 - (pip * c.segmentCount) / 2;
    for (let i = 0; i < c.segmentCount; i++) {
      const done = c.status === 'ended' || (c.status === 'live' && i <= c.segmentIndex);
      ctx.fillStyle = done ? '#ffd166' : 'rgba(255,255,255,0.25)';
      const pipY = c.disclosureOn ? DISCLOSURE_BAND.top + DISCLOSURE_BAND.height + 14 : withSlide ? 604 : 548;
      ctx.fillRect(x0 + i * pip + 4, pipY, pip - 8, 10);
    }
  }

  if (c.paused && c.status === 'live') drawPausedCard(ctx);

  // Bottom band: the risk-disclosure banner, only while the host has it on (the scorer checks
  // that it is on screen during a call to action).
  if (c.disclosureOn) drawDisclosureBand(ctx, c.disclosure);
}

/** The slide panel: the slide (or the wrong figure), its number, and the correction ribbon. */
function drawSlidePanel(ctx: CanvasRenderingContext2D, slide: WallSlide, bottom: number): void {
  const { width: W } = LED_PX;
  const top = slide.correction ? 352 : 300;
  if (slide.correction) {
    ctx.fillStyle = '#1e8e4e';
    ctx.fillRect(60, 292, W - 120, 52);
    ctx.fillStyle = '#ffffff';
    const label = `${say('zh', 'led.correction')} ${say('en', 'led.correction')}：${slide.correction}`;
    fitText(ctx, label, W / 2, 318, W - 160, 30, 700);
  }
  ctx.fillStyle = 'rgba(4, 12, 32, 0.55)';
  ctx.fillRect(60, top, W - 120, bottom - top);
  ctx.strokeStyle = 'rgba(159, 195, 255, 0.5)';
  ctx.lineWidth = 2;
  ctx.strokeRect(61, top + 1, W - 122, bottom - top - 2);
  const text = slide.text;
  if (!text) return;
  const mid = (top + bottom) / 2;
  const same = text.zh === text.en;
  ctx.fillStyle = '#ffffff';
  fitText(ctx, text.zh, W / 2, same ? mid : mid - 28, W - 200, slide.kind === 'wrong' ? 72 : 54, 700, 26);
  if (!same) {
    ctx.fillStyle = '#b9ccf0';
    fitText(ctx, text.en, W / 2, mid + 42, W - 200, 28, 400, 16);
  }
  if (slide.count > 1) {
    ctx.textAlign = 'right';
    ctx.fillStyle = 'rgba(255,255,255,0.55)';
    ctx.font = font(20, 500);
    ctx.fillText(`${slide.index + 1}/${slide.count}`, W - 76, bottom - 18);
    ctx.textAlign = 'center';
  }
}

/** The stream is paused (the crisis drill's first step): a card across the middle. */
function drawPausedCard(ctx: CanvasRenderingContext2D): void {
  const { width: W } = LED_PX;
  // Opaque: the slide under it (the drill's page with the wrong figure) must not bleed through.
  ctx.fillStyle = 'rgb(4, 6, 12)';
  ctx.fillRect(0, 286, W, 310);
  ctx.fillStyle = '#ffd166';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  fitText(ctx, say('zh', 'led.paused'), W / 2, 410, W - 120, 60, 700);
  ctx.fillStyle = '#ffffff';
  fitText(ctx, say('en', 'led.paused'), W / 2, 475, W - 120, 30, 400);
}

/** The risk-disclosure band across the wall, above the host's head (also drawn over the trade board). */
export function drawDisclosureBand(ctx: CanvasRenderingContext2D, disclosure: Bilingual | null): void {
  const { width: W } = LED_PX;
  const { top, height } = DISCLOSURE_BAND;
  ctx.fillStyle = 'rgba(0,0,0,0.82)';
  ctx.fillRect(0, top, W, height);
  ctx.fillStyle = '#ffd166';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const risk = disclosure ?? bothLangs('led.risk');
  // A long disclosure keeps only its Chinese so it stays legible from the audience.
  const both = `${risk.zh}  ${risk.en}`;
  fitText(ctx, both.length <= 60 ? both : risk.zh, W / 2, top + height / 2, W - 80, 30, 500, 20);
}
