/**
 * Motion shared by both avatars (procedural and VRM): blinking, the gesture cue on segment changes
 * and at the start, and smoothed gaze angles. One `HostMotion` per avatar; `update` runs in
 * useFrame, mutates fields and allocates nothing.
 */
import { useEffect, useMemo } from 'react';
import { Vector3, type Camera } from 'three';
import { MOUTH_SHAPES } from '../../../core/avatar/visemes.js';
import { sessionStore } from '../stores/session-store.js';
import { gazeTarget } from './gaze.js';
import { hostReadings } from './host-readings.js';
import { sampleMouth, strongest } from './speech-clock.js';

const BLINK_S = 0.16;
export const GESTURE_S = 2.4;
export const GESTURES = 3;

export class HostMotion {
  /** Mouth weights aa ih ou ee oh, this frame. */
  readonly mouth = new Float32Array(MOUTH_SHAPES);
  open = 0;
  blink = 0;
  private nextBlink = 1.5;
  private blinkStart = -1;
  /** Gesture in progress: which one, and its envelope 0..1 (0 when none). */
  gesture = 0;
  gestureAmount = 0;
  private gestureStart = -10;
  private gestureCue = 0;
  private seenCue = 0;
  /** Smoothed head angles towards the gaze target (radians). */
  yaw = 0;
  pitch = 0;
  /** Target angle left over for the eyes, clamped. */
  eyeYaw = 0;
  eyePitch = 0;
  private readonly target = new Vector3();

  /** A segment change or the start: the next frame starts a gesture. */
  cue(): void {
    this.gestureCue++;
  }

  update(t: number, dt: number, camera: Camera, headWorld: Vector3, kind: 'procedural' | 'vrm'): void {
    // Mouth from the utterance being spoken.
    this.open = sampleMouth(performance.now(), this.mouth);

    // Blink every 2–6 s; a blink closes and opens over BLINK_S.
    if (t >= this.nextBlink && this.blinkStart < 0) {
      this.blinkStart = t;
      hostReadings.blinks++;
    }
    if (this.blinkStart >= 0) {
      const a = (t - this.blinkStart) / BLINK_S;
      this.blink = a >= 1 ? 0 : Math.sin(Math.PI * a);
      if (a >= 1) {
        this.blinkStart = -1;
        this.nextBlink = t + 2 + Math.random() * 4;
      }
    }

    if (this.gestureCue !== this.seenCue) {
      this.seenCue = this.gestureCue;
      this.gestureStart = t;
      this.gesture = (this.gesture + 1) % GESTURES;
      hostReadings.gestures++;
    }
    const g = (t - this.gestureStart) / GESTURE_S;
    this.gestureAmount = g >= 0 && g < 1 ? Math.sin(Math.PI * g) : 0;

    // Gaze: angles from the head to the target, eased (quicker for the eyes than the head).
    const slot = gazeTarget(camera, this.target);
    const dx = this.target.x - headWorld.x;
    const dy = this.target.y - headWorld.y;
    const dz = this.target.z - headWorld.z;
    const wantYaw = Math.atan2(dx, dz);
    const wantPitch = -Math.atan2(dy, Math.hypot(dx, dz));
    const k = 1 - Math.exp(-dt * 4);
    this.yaw += (Math.max(-0.6, Math.min(0.6, wantYaw)) - this.yaw) * k;
    this.pitch += (Math.max(-0.3, Math.min(0.35, wantPitch)) - this.pitch) * k;
    this.eyeYaw = Math.max(-0.5, Math.min(0.5, wantYaw - this.yaw));
    this.eyePitch = Math.max(-0.4, Math.min(0.4, wantPitch - this.pitch));

    const r = hostReadings;
    r.kind = kind;
    r.mouth = this.open;
    if (this.open > r.mouthPeak) r.mouthPeak = this.open;
    r.viseme = strongest(this.mouth);
    r.blink = this.blink;
    r.gaze = slot >= 0 ? 'viewer' : 'camera';
    r.gazeSlot = slot;
    r.frames++;
  }
}

/** A HostMotion that gestures when the session starts and at every segment change. */
export function useHostMotion(): HostMotion {
  const motion = useMemo(() => new HostMotion(), []);
  useEffect(
    () =>
      sessionStore.subscribe((s, prev) => {
        const a = s.state;
        const b = prev.state;
        if ((a.status === 'live' && b.status !== 'live') || a.segmentIndex !== b.segmentIndex) motion.cue();
      }),
    [motion],
  );
  return motion;
}
