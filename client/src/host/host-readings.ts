/**
 * What the host avatar is doing right now, mutated in place every frame by whichever avatar is on
 * stage (procedural or VRM). Browser tests read it through window.__branchcast.host; nothing in
 * the app depends on it.
 */
export interface HostReadings {
  kind: 'procedural' | 'vrm';
  /** Mouth openness 0..1 this frame. */
  mouth: number;
  /** Largest mouth opening seen since the page loaded (a test can see the mouth *did* move). */
  mouthPeak: number;
  /** The open mouth shape this frame (aa ih ou ee oh), or 'closed'. */
  viseme: string;
  /** Eyelids 0 (open) .. 1 (closed). */
  blink: number;
  blinks: number;
  /** Where the host looks: the camera, or the seat of the viewer being answered. */
  gaze: 'camera' | 'viewer';
  gazeSlot: number;
  /** Gestures started (segment changes, the session starting). */
  gestures: number;
  frames: number;
}

export const hostReadings: HostReadings = {
  kind: 'procedural',
  mouth: 0,
  mouthPeak: 0,
  viseme: 'closed',
  blink: 0,
  blinks: 0,
  gaze: 'camera',
  gazeSlot: -1,
  gestures: 0,
  frames: 0,
};
