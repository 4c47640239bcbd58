/**
 * Where the host looks: at the viewer being answered (the question the trainee is replying to,
 * or the viewer the line being spoken answers), otherwise into the camera — the live stream's
 * lens, which is also the desktop viewpoint. Writes into a caller's Vector3; allocates nothing.
 */
import type { Camera, Vector3 } from 'three';
import { sessionStore } from '../stores/session-store.js';
import { uiStore } from '../stores/ui-store.js';
import { SEAT_XYZ, seatMap } from '../scene/seat-map.js';
import { speechNow } from './speech-clock.js';

/** The participant the host is addressing now, or null. */
export function addressedViewer(): string | null {
  const replyTo = uiStore.getState().replyTo;
  if (replyTo !== null) {
    const { chat, questions } = sessionStore.getState().state;
    // The replied-to message is usually recent: search from the end.
    for (let i = chat.length - 1; i >= 0; i--) if (chat[i]!.seq === replyTo) return chat[i]!.actor.id;
    // In a busy room it may already have scrolled out of the chat window (CHAT_WINDOW); a waiting
    // question is still in `questions`, so the host keeps looking at its asker.
    for (let i = questions.length - 1; i >= 0; i--) if (questions[i]!.seq === replyTo) return questions[i]!.askedBy;
  }
  return speechNow.active ? speechNow.addressing : null;
}

/** Set `out` to the gaze target; returns the addressed viewer's seat, or -1 for the camera. */
export function gazeTarget(camera: Camera, out: Vector3): number {
  const who = addressedViewer();
  const slot = who === null ? -1 : seatMap.slotOf(who);
  if (slot >= 0) {
    out.set(SEAT_XYZ[slot * 3]!, SEAT_XYZ[slot * 3 + 1]! + 0.9, SEAT_XYZ[slot * 3 + 2]!);
    return slot;
  }
  camera.getWorldPosition(out);
  return -1;
}
