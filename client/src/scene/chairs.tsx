/** Chairs for the rows the camera can see: one static InstancedMesh, written once. */
import { useMemo } from 'react';
import { BoxGeometry, InstancedMesh, Matrix4, MeshLambertMaterial } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { SEATS, seatPositions } from './layout.js';

/** Rows in front of the camera (see CAMERA in layout.ts); rows behind it are never seen. */
const VISIBLE_ROWS = 10;

function chairGeometry() {
  const seat = new BoxGeometry(0.56, 0.1, 0.5);
  seat.translate(0, -0.02, -0.02);
  // A low back, so seated viewers' shoulders show from behind.
  const back = new BoxGeometry(0.56, 0.42, 0.07);
  back.translate(0, 0.2, 0.25);
  const base = new BoxGeometry(0.12, 0.45, 0.12);
  base.translate(0, -0.27, 0);
  const g = mergeGeometries([seat, back, base]);
  seat.dispose();
  back.dispose();
  base.dispose();
  if (!g) throw new Error('chair geometry: parts do not merge');
  return g;
}

export function Chairs() {
  const mesh = useMemo(() => {
    const n = VISIBLE_ROWS * SEATS.perRow;
    const mesh = new InstancedMesh(chairGeometry(), new MeshLambertMaterial({ color: '#7a1424' }), n);
    const seats = seatPositions(n);
    const m = new Matrix4();
    for (let i = 0; i < n; i++)
      mesh.setMatrixAt(i, m.makeTranslation(seats[i * 3]!, seats[i * 3 + 1]!, seats[i * 3 + 2]!));
    mesh.computeBoundingSphere();
    mesh.name = 'chairs';
    return mesh;
  }, []);
  return <primitive object={mesh} />;
}
