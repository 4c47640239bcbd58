/**
 * Where things stand in the branch, in metres. The stage is at the far end (negative z) facing
 * +z; the audience sits in rows in front of it and the camera looks at the stage from among them.
 */
export const ROOM = { width: 30, height: 7.5, front: -14, back: 62 } as const;

export const STAGE = { z: -8.5, depth: 5.5, width: 16, height: 0.6 } as const;

export const LED = { width: 10.4, height: 5.85, y: 4.25, z: -11.85 } as const;

/** The virtual exchange's trade board, on the back wall right of the LED wall (16:10 canvas). */
export const BOARD = { width: 5.6, height: 3.5, x: 9.2, y: 4.0 } as const;

export const CAMERA = { position: [0, 4.4, 6.8] as const, target: [0, 2.0, -8.5] as const, fov: 50 } as const;

export const AUDIENCE_CAPACITY = 2048;

export const SEATS = {
  perRow: 32,
  spacingX: 0.82,
  spacingZ: 1.0,
  firstRowZ: -2.6,
  /** Rows from this one on rise like a raked auditorium. */
  rakeFrom: 10,
  rakeStep: 0.16,
  seatY: 0.45,
} as const;

/**
 * Seat positions in fill order: front row first, and within a row from the centre outwards, so a
 * small audience clusters in front of the host. Writes x, y, z triples into `out`.
 */
export function seatPositions(count: number, out = new Float32Array(count * 3)): Float32Array {
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / SEATS.perRow);
    const k = i % SEATS.perRow;
    // 0, 1, 2, 3 … → centre-right, centre-left, next right, next left …
    const side = k % 2 === 0 ? 1 : -1;
    const step = Math.floor(k / 2);
    // Stagger alternate rows by half a seat so heads do not line up.
    const x = side * (step + 0.5) * SEATS.spacingX + (row % 2 === 1 ? SEATS.spacingX * 0.25 : 0);
    const rake = Math.max(0, row - SEATS.rakeFrom + 1) * SEATS.rakeStep;
    out[i * 3] = x;
    out[i * 3 + 1] = SEATS.seatY + rake;
    out[i * 3 + 2] = SEATS.firstRowZ + row * SEATS.spacingZ;
  }
  return out;
}
