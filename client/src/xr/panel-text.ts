/**
 * Drawing for the in-headset panels: canvas textures at PX_PER_METRE, so text stays sharp at
 * arm's length (30 px body text is ~1.9 cm tall, about 1.8° at 60 cm: comfortable on a Quest 3).
 * System fonts only (the scene's CJK stack), nothing fetched.
 */
import { CJK_FONT } from '../scene/canvas-text.js';

export const PX_PER_METRE = 1600;

export const COLOURS = {
  panel: '#101726',
  panelEdge: '#3a4a6e',
  hover: '#1d2a45',
  text: '#eef2ff',
  dim: '#8d98b5',
  accent: '#ffd37a',
  ok: '#6fdc9a',
  warn: '#ff8f70',
  button: '#22365e',
  buttonOn: '#2f6b4f',
  disabled: '#1a2030',
} as const;

export function setFont(ctx: CanvasRenderingContext2D, px: number, weight: number | string = 400): void {
  ctx.font = `${weight} ${px}px ${CJK_FONT}`;
}

/** Words for line breaking: each CJK character on its own, Latin runs whole, spaces kept. */
const TOKENS = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]|[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+|\s+/g;

/**
 * Wrap `text` into at most `maxLines` lines no wider than `maxWidth` (the font must be set), the
 * last one ellipsised if the text does not fit.
 */
export function wrapLines(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(TOKENS) ?? []) {
    const next = line + token;
    if (line !== '' && ctx.measureText(next).width > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
      if (lines.length === maxLines) break;
    } else line = next;
  }
  if (lines.length < maxLines && line.trim() !== '') lines.push(line.trimEnd());
  else if (lines.length === maxLines && line !== '') {
    let last = lines[maxLines - 1]!;
    while (last.length > 1 && ctx.measureText(`${last}…`).width > maxWidth) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last}…`;
  }
  return lines;
}

/** Draw wrapped text from (x, y) (top), returning the y below the last line. */
export function drawWrapped(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  px: number,
  maxLines: number,
  colour: string,
  weight: number | string = 400,
): number {
  setFont(ctx, px, weight);
  ctx.fillStyle = colour;
  ctx.textBaseline = 'top';
  const lineHeight = Math.round(px * 1.3);
  for (const l of wrapLines(ctx, text, maxWidth, maxLines)) {
    ctx.fillText(l, x, y);
    y += lineHeight;
  }
  return y;
}

export function roundRect(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  fill: string,
  edge: string = COLOURS.panelEdge,
): void {
  ctx.clearRect(0, 0, w, h);
  const r = Math.min(w, h) * 0.08;
  ctx.beginPath();
  ctx.roundRect(4, 4, w - 8, h - 8, r);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 6;
  ctx.strokeStyle = edge;
  ctx.stroke();
}
