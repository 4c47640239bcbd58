/**
 * The risk-disclosure band on the LED wall stays clear of the host's head as the room's camera
 * sees it (issue 16: the head covered the middle of the band). The head's top is projected from
 * the camera through the host's standing spot onto the wall plane.
 */
import { describe, expect, it } from 'vitest';
import { HOST_RIG } from '../../client/src/host/host-geometry.js';
import { CAMERA, LED, STAGE } from '../../client/src/scene/layout.js';
import { DISCLOSURE_BAND, LED_PX } from '../../client/src/scene/led-content.js';

/** Where the host stands (client/src/scene/stage.tsx) and how far the head rises above the neck. */
const HOST_Z = -7.75;
const HEAD_ABOVE_NECK = 0.34;

describe('the disclosure band', () => {
  it('ends above where the host’s head meets the wall from the camera, with a margin', () => {
    const [, cy, cz] = CAMERA.position;
    const headY = STAGE.height + HOST_RIG.neckY + HEAD_ABOVE_NECK;
    const wallY = cy + ((LED.z - cz) * (headY - cy)) / (HOST_Z - cz);
    const wallTop = LED.y + LED.height / 2;
    const headPx = ((wallTop - wallY) / LED.height) * LED_PX.height;
    expect(headPx).toBeLessThan(LED_PX.height); // the head does reach the wall's lower part
    expect(DISCLOSURE_BAND.top + DISCLOSURE_BAND.height).toBeLessThan(headPx - 20);
    // …and the band is still in the wall's lower half, under the slide, where viewers look for it.
    expect(DISCLOSURE_BAND.top).toBeGreaterThan(LED_PX.height / 2);
  });
});
