/**
 * Where a headset user stands in the branch (the XR origin: their feet), by role. The trainee is
 * the host: on the stage, in front of the host desk, facing the audience (+z). Facilitators and
 * observers stand in the audience's front aisle, a little to the side, turned towards the stage.
 * Panels are placed relative to this origin, so they follow the standing spot.
 */
import type { Role } from '../../../core/events.js';
import { SEATS, STAGE } from '../scene/layout.js';

export interface StandingSpot {
  position: [number, number, number];
  /** Rotation about y; 0 looks down -z (towards the stage). */
  yaw: number;
}

const HOST_TARGET = { x: 0, z: STAGE.z };

export function standingSpot(role: Role | null): StandingSpot {
  if (role === 'trainee') {
    // Near the stage's front edge, clear of the host desk (about 1.5 m from the edge) and the
    // avatar behind it: nothing of the set between the trainee and the audience.
    return { position: [0, STAGE.height, STAGE.z + STAGE.depth / 2 - 0.4], yaw: Math.PI };
  }
  const x = -4;
  const z = SEATS.firstRowZ - 1.0;
  return { position: [x, 0, z], yaw: Math.atan2(-(HOST_TARGET.x - x), -(HOST_TARGET.z - z)) };
}
