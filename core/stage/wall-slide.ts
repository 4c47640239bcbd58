/**
 * What the LED wall's slide panel shows, from session state alone (so a replay folded to any
 * moment shows what viewers saw live then): the current segment's slides, paced by the
 * teleprompter (slide k of n while the host is k/n of the way through the lines). A `wrong_data`
 * incident aimed at the wall (scenes/crisis-drill-wrong-data.yaml, 4.5.2) replaces the slide with
 * the wrong figure (`detail.shown`) in the segment it fired in — as on a real broadcast, nothing on
 * screen says it is wrong: the trainee must notice. Once the host corrects it (states the checked
 * figure, or asks the studio to fix the wall: `wall.corrected`), or from the next segment on, the
 * wall carries a correction ribbon with the checked figure (`detail.correct`) for the rest of the
 * stream. Pure: no DOM, no three.
 */
import type { Bilingual } from '../scenario.js';
import type { SessionState } from '../session.js';
import { isWallIncident } from './wall-correction.js';

export type WallSlideInput = Pick<
  SessionState,
  'scenario' | 'segmentIndex' | 'lineCursor' | 'status' | 'firedIncidents'
> &
  Partial<Pick<SessionState, 'incidentsFired' | 'wallCorrected'>>;

export interface WallSlide {
  /** 'wrong': the incident's wrong figure stands in for the slide. */
  kind: 'none' | 'slide' | 'wrong';
  text: Bilingual | null;
  /** 0-based slide index and the segment's slide count (0 when it has none). */
  index: number;
  count: number;
  /** The checked figure, once the host corrected it or its segment is over; null otherwise. */
  correction: string | null;
}

/** The segment a fired incident belongs to (scheduled, or where it fired), or -1. */
function incidentSegment(input: WallSlideInput, id: string): number {
  const inc = input.scenario?.incidents.find((i) => i.id === id);
  if (!inc) return -1;
  if (inc.at) return input.scenario!.segments.findIndex((s) => s.id === inc.at!.segment);
  return input.incidentsFired?.[id]?.segmentIndex ?? -1;
}

export function wallSlide(input: WallSlideInput): WallSlide {
  const seg = input.scenario?.segments[input.segmentIndex];
  const none: WallSlide = { kind: 'none', text: null, index: 0, count: 0, correction: null };
  if (!input.scenario || !seg || input.status !== 'live') return none;
  const slides = seg.slides ?? [];
  const count = slides.length;
  const index = count === 0 ? 0 : Math.min(count - 1, Math.floor((input.lineCursor * count) / seg.lines.length));
  let out: WallSlide =
    count === 0 ? { ...none } : { kind: 'slide', text: slides[index]!, index, count, correction: null };
  for (const id of input.firedIncidents) {
    const inc = input.scenario.incidents.find((i) => i.id === id);
    if (!inc || !isWallIncident(inc)) continue;
    const shown = inc.detail?.shown as string;
    const correct = inc.detail?.correct;
    const si = incidentSegment(input, id);
    const corrected = input.wallCorrected?.[id] !== undefined || (si >= 0 && input.segmentIndex > si);
    if (corrected) {
      if (typeof correct === 'string') out = { ...out, correction: correct };
    } else if (si === input.segmentIndex) {
      out = { kind: 'wrong', text: { zh: shown, en: shown }, index, count, correction: null };
    }
  }
  return out;
}
