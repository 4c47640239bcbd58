/**
 * A flat vertex colour for a part of a static prop before its parts are merged into one mesh
 * (one draw call, one vertexColors material). Non-indexed so mergeGeometries can join parts
 * made indexed and not; uv dropped because these materials have no map.
 */
import { BufferAttribute, Color, type BufferGeometry } from 'three';

export function colored(g: BufferGeometry, color: string): BufferGeometry {
  const geo = g.index ? g.toNonIndexed() : g;
  const n = geo.getAttribute('position').count;
  const c = new Color(color);
  const arr = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) c.toArray(arr, i * 3);
  geo.setAttribute('color', new BufferAttribute(arr, 3));
  geo.deleteAttribute('uv');
  return geo;
}
