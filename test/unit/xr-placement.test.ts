/**
 * Where a headset user stands: the trainee on the stage facing the audience, everyone else on the
 * floor in front of the seats, turned towards the host. Yaw 0 looks down -z (towards the stage).
 */
import { describe, expect, it } from 'vitest';
import { standingSpot } from '../../client/src/xr/placement.js';
import { SEATS, STAGE } from '../../client/src/scene/layout.js';

/** Where the user looks (x, z) after turning by yaw from -z. */
const forward = (yaw: number) => ({ x: -Math.sin(yaw), z: -Math.cos(yaw) });

describe('XR standing spots', () => {
  it('puts the trainee on the stage, facing the audience (+z)', () => {
    const { position, yaw } = standingSpot('trainee');
    expect(position[1]).toBe(STAGE.height);
    expect(position[2]).toBeGreaterThan(STAGE.z - STAGE.depth / 2);
    expect(position[2]).toBeLessThan(STAGE.z + STAGE.depth / 2);
    expect(forward(yaw).z).toBeCloseTo(1);
  });

  it.each(['facilitator', 'observer', null] as const)(
    'puts a %s on the floor in front of the seats, facing the host',
    (role) => {
      const { position, yaw } = standingSpot(role);
      expect(position[1]).toBe(0);
      expect(position[2]).toBeLessThan(SEATS.firstRowZ);
      expect(position[2]).toBeGreaterThan(STAGE.z + STAGE.depth / 2);
      const f = forward(yaw);
      const toHost = { x: 0 - position[0], z: STAGE.z - position[2] };
      const len = Math.hypot(toHost.x, toHost.z);
      expect(f.x * (toHost.x / len) + f.z * (toHost.z / len)).toBeCloseTo(1);
    },
  );
});
