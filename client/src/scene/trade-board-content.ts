/**
 * The virtual exchange's board, drawn into a 2D canvas: one row per instrument (code, name, last,
 * change %, a limit flag and a sparkline of recent prices), then the latest fills and rejections.
 * Chinese convention: red is up, green is down. Price history lives in fixed Float64Arrays, so a
 * redraw allocates nothing but the strings it prints.
 */
import type { ExchangeState } from '../../../core/exchange/index.js';
import type { TradeFeedEntry } from '../../../core/trade.js';
import { fitText, font } from './canvas-text.js';

export const BOARD_PX = { width: 1024, height: 640 } as const;
const HISTORY = 90;
const UP = '#ff4d4f';
const DOWN = '#2fd17a';
const FLAT = '#d9dde8';

/** Ring buffers of last prices per code, appended once per market clock step. */
export class PriceHistory {
  private buf = new Map<string, Float64Array>();
  private len = new Map<string, number>();
  private lastClock = -1;
  record(ex: ExchangeState): void {
    if (ex.market.clockMs === this.lastClock) return;
    this.lastClock = ex.market.clockMs;
    for (const code of ex.market.codes) {
      let b = this.buf.get(code);
      if (!b) {
        b = new Float64Array(HISTORY);
        this.buf.set(code, b);
      }
      const n = this.len.get(code) ?? 0;
      b[n % HISTORY] = ex.market.quotes[code]!.last;
      this.len.set(code, n + 1);
    }
  }
  /** Draw the series for code into the box (oldest left). */
  draw(ctx: CanvasRenderingContext2D, code: string, x: number, y: number, w: number, h: number): void {
    const b = this.buf.get(code);
    const n = this.len.get(code) ?? 0;
    if (!b || n < 2) return;
    const count = Math.min(n, HISTORY);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < count; i++) {
      const v = b[(n - count + i) % HISTORY]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi - lo || 1;
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const v = b[(n - count + i) % HISTORY]!;
      const px = x + (i / (HISTORY - 1)) * w;
      const py = y + h - ((v - lo) / span) * h;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
  }
}

export interface BoardLabels {
  title: string;
  noMarket: string;
  limitUp: string;
  limitDown: string;
  buy: string;
  sell: string;
  rejected: string;
  shares: string;
}

export function drawBoard(
  ctx: CanvasRenderingContext2D,
  ex: ExchangeState | null,
  trades: readonly TradeFeedEntry[],
  history: PriceHistory,
  lang: 'zh' | 'en',
  l: BoardLabels,
): void {
  const { width: W, height: H } = BOARD_PX;
  // The canvas may be shared (the LED wall draws this too): start from a known text state.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#070b16';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#12306b';
  ctx.fillRect(0, 0, W, 64);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  fitText(ctx, l.title, 24, 32, W - 48, 34, 700);
  if (!ex) {
    ctx.fillStyle = FLAT;
    fitText(ctx, l.noMarket, 24, H / 2, W - 48, 30);
    return;
  }
  history.record(ex);
  const rowH = 58;
  ex.market.codes.forEach((code, i) => {
    const q = ex.market.quotes[code]!;
    const spec = ex.market.instruments[code]!;
    const y = 64 + 14 + i * rowH + rowH / 2;
    const chg = (q.last / q.prevClose - 1) * 100;
    const color = chg > 0.0001 ? UP : chg < -0.0001 ? DOWN : FLAT;
    ctx.fillStyle = '#9fb0d0';
    ctx.font = font(24, 500);
    ctx.fillText(code, 24, y);
    ctx.fillStyle = '#ffffff';
    fitText(ctx, lang === 'en' ? spec.name.en : spec.name.zh, 124, y, 250, 26, 500);
    ctx.fillStyle = color;
    ctx.font = font(30, 700);
    ctx.fillText(q.last.toFixed(spec.decimals), 390, y);
    ctx.font = font(26, 600);
    ctx.fillText(`${chg >= 0 ? '+' : ''}${chg.toFixed(2)}%`, 540, y);
    const flag = q.last >= q.limitUp ? l.limitUp : q.last <= q.limitDown ? l.limitDown : '';
    if (flag) {
      ctx.fillStyle = color;
      ctx.fillRect(668, y - 16, 76, 32);
      ctx.fillStyle = '#070b16';
      fitText(ctx, flag, 674, y, 64, 22, 700);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    history.draw(ctx, code, 760, y - 20, 240, 40);
  });
  // The ticker: newest fills and rejections at the top.
  const top = 64 + 14 + ex.market.codes.length * rowH + 12;
  ctx.fillStyle = '#1b2540';
  ctx.fillRect(0, top - 6, W, 2);
  const lines = Math.max(0, Math.floor((H - top) / 34));
  for (let k = 0; k < lines && k < trades.length; k++) {
    const e = trades[trades.length - 1 - k]!;
    const y = top + 20 + k * 34;
    const side = e.side === 'buy' ? l.buy : l.sell;
    const text =
      e.kind === 'fill'
        ? `${e.name}  ${side} ${e.code}  ${e.qty ?? ''}${l.shares} @ ${e.price ?? ''}`
        : `${e.name}  ${side} ${e.code}  ${l.rejected} ${e.reason ?? ''}`;
    ctx.fillStyle = e.kind === 'fill' ? (e.side === 'buy' ? UP : DOWN) : '#f5b942';
    fitText(ctx, text, 24, y, W - 48, 24);
  }
}
