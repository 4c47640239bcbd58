/**
 * The utterance being spoken, for per-frame readers (the avatar's mouth). A plain mutable object,
 * not a store: the speech engine writes it a few times per line, avatars read it every frame.
 */
import {
  MOUTH_SHAPES,
  sampleVisemes,
  VISEMES,
  visemeTimeline,
  type VisemeTimeline,
} from '../../../core/avatar/visemes.js';

export const speechNow = {
  /** Increments with every utterance. */
  id: 0,
  active: false,
  /** performance.now() when the voice (or the estimate) started. */
  startedAt: 0,
  /** Estimated length; stretched while a real voice is still talking past it. */
  durationMs: 0,
  timeline: visemeTimeline('', 0) as VisemeTimeline,
  /** Participant id of the viewer this line answers (the host looks at them), or null. */
  addressing: null as string | null,
};

/**
 * Fill `out` (aa ih ou ee oh) with the mouth weights at performance time `nowMs` and return the
 * openness. Allocates nothing.
 */
export function sampleMouth(nowMs: number, out: Float32Array): number {
  if (!speechNow.active) {
    out.fill(0);
    return 0;
  }
  return sampleVisemes(speechNow.timeline, nowMs - speechNow.startedAt, out);
}

/** Name of the strongest shape in `w`, or 'closed'. */
export function strongest(w: Float32Array): string {
  let best = -1;
  let v = 0;
  for (let i = 0; i < MOUTH_SHAPES; i++)
    if (w[i]! > v) {
      v = w[i]!;
      best = i;
    }
  return best < 0 ? 'closed' : VISEMES[best]!;
}
