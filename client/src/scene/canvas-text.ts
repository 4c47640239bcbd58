/**
 * Drawing text into canvases for textures. System fonts only (nothing is fetched): Noto Sans CJK
 * from Debian's fonts-noto-cjk, then whatever sans-serif the OS has.
 */
export const CJK_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function font(px: number, weight: number | string = 400): string {
  return `${weight} ${px}px ${CJK_FONT}`;
}

/** Draw `text` no wider than `maxWidth`, shrinking the font from `px` down to `minPx` first, then ellipsising. */
export function fitText(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  px: number,
  weight: number | string = 400,
  minPx = Math.round(px * 0.6),
): void {
  let size = px;
  ctx.font = font(size, weight);
  while (size > minPx && ctx.measureText(text).width > maxWidth) {
    size -= 2;
    ctx.font = font(size, weight);
  }
  let t = text;
  if (ctx.measureText(t).width > maxWidth) {
    while (t.length > 1 && ctx.measureText(`${t}…`).width > maxWidth) t = t.slice(0, -1);
    t = `${t}…`;
  }
  ctx.fillText(t, x, y);
}

/**
 * Run `draw` and return every string it drew with fillText, in order: what tests compare between
 * the live wall and the replay's (the words on the wall, not pixels that differ by a frame).
 */
export function recordText(ctx: CanvasRenderingContext2D, draw: () => void): string[] {
  const drawn: string[] = [];
  const fill = ctx.fillText;
  ctx.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
    drawn.push(text);
    if (maxWidth === undefined) fill.call(this, text, x, y);
    else fill.call(this, text, x, y, maxWidth);
  };
  try {
    draw();
  } finally {
    ctx.fillText = fill;
  }
  return drawn;
}

export function makeCanvas(
  width: number,
  height: number,
): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  return { canvas, ctx };
}
