/**
 * When the host corrects the crisis drill's wrong figure on the wall (programme 4.5.2: 直播中出现错误
 * 数据，需立即暂停直播，发布更正声明并致歉). Two things count, as in a real studio: the host's own line
 * states the checked figure in a correction ("正确的数字是 0.85%"), or the host asks the studio to take
 * the page down or fix it ("请导播把大屏这一页撤下来"). Either puts the correction ribbon on the wall at
 * once (core/stage/wall-slide.ts); advancing past the segment still does, for a host who never
 * says so. Pure: decide() calls it on the host's lines and chat.
 */
import type { Incident } from '../scenario.js';

export type WallCorrectionHow = 'stated' | 'requested';

/** Words that mark a line as a correction (not merely reading a figure out). */
const CORRECTING =
  /更正|纠正|正确的|正确数字|有误|错误|错了|说错|弄错|搞错|核实|核对|\bcorrect|\bwrong\b|\bmistake|\berror\b/i;

/** The host asking the studio (导播, 后台, the team) to take the page down or fix it. */
const ASK_STUDIO = new RegExp(
  [
    '(?:导播|后台|场控|制作|工作人员|同事|技术|编导).{0,24}?(?:更正|纠正|撤下|撤掉|撤了|拿掉|换掉|换一下|修改|改正|改一下|改过来)',
    '(?:大屏|屏幕|这一页|这页|画面).{0,24}?(?:撤下|撤掉|撤了|拿掉|换掉|更正|纠正|改正|改过来)',
    '(?:撤下|撤掉|拿掉|换掉|更正|纠正).{0,12}?(?:大屏|屏幕|这一页|这页|画面)',
    '\\b(?:studio|production|control room|team|crew)\\b.{0,40}?\\b(?:correct|fix|take (?:it |that |this )?(?:page )?down|pull)',
    '\\b(?:take|taking|pull|pulling) (?:that|this|the) (?:page|slide|figure)s? (?:down|off)',
    '\\b(?:correct|fix)(?:ing)? the (?:wall|screen|slide)',
  ].join('|'),
  'i',
);

/** The figure that matters in a string: "沪深300 今日上涨 0.85%" → "0.85" (the percentage first). */
export function keyFigure(text: string): string | null {
  const pct = /(\d+(?:\.\d+)?)\s*[%％]/.exec(text);
  if (pct) return pct[1]!;
  const nums = text.match(/\d+(?:\.\d+)?/g);
  return nums ? nums[nums.length - 1]! : null;
}

/** The line contains `figure` as a number of its own (0.85 in "0.85%", not in "10.855"). */
function statesFigure(text: string, figure: string): boolean {
  const esc = figure.replace(/\./g, '\\.');
  return new RegExp(`(?<![\\d.])${esc}(?![\\d])`).test(text.replace(/\s+/g, ''));
}

/** A wrong-data incident aimed at the LED wall, with its shown and correct figures. */
export function isWallIncident(inc: Incident): boolean {
  if (inc.kind !== 'wrong_data') return false;
  const where = inc.detail?.where;
  return (where === undefined || where === 'led_wall') && typeof inc.detail?.shown === 'string';
}

/** How this host line corrects the wall for this incident, or null when it does not. */
export function wallCorrectionIn(text: string, inc: Incident): WallCorrectionHow | null {
  if (!isWallIncident(inc)) return null;
  if (ASK_STUDIO.test(text)) return 'requested';
  const correct = inc.detail?.correct;
  const fig = typeof correct === 'string' ? keyFigure(correct) : null;
  if (fig !== null && statesFigure(text, fig) && CORRECTING.test(text)) return 'stated';
  return null;
}

/**
 * The wall incidents this line corrects now: fired, not yet corrected. `corrected` is
 * SessionState.wallCorrected.
 */
export function wallCorrections(
  text: string,
  incidents: readonly Incident[],
  fired: readonly string[],
  corrected: Readonly<Record<string, unknown>>,
): Array<{ incidentId: string; how: WallCorrectionHow }> {
  const out: Array<{ incidentId: string; how: WallCorrectionHow }> = [];
  for (const inc of incidents) {
    if (!fired.includes(inc.id) || corrected[inc.id] !== undefined) continue;
    const how = wallCorrectionIn(text, inc);
    if (how) out.push({ incidentId: inc.id, how });
  }
  return out;
}
