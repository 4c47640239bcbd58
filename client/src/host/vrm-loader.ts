/**
 * Loading a user's VRM avatar (VRM 1.0 or 0.x) from bytes with @pixiv/three-vrm. This module and
 * three-vrm are a chunk of their own, fetched only when the user picks a file: the rehearsal page
 * does not pay for them. Errors say what is wrong with the file in words a user can act on.
 */
import { VRMLoaderPlugin, VRMUtils, type VRM } from '@pixiv/three-vrm';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

export async function loadVrm(bytes: ArrayBuffer, fileName = 'avatar.vrm'): Promise<VRM> {
  if (bytes.byteLength < 20) throw new Error(`${fileName}: the file is empty or truncated`);
  const magic = new TextDecoder().decode(new Uint8Array(bytes, 0, 4));
  if (magic !== 'glTF') throw new Error(`${fileName}: not a VRM file (a VRM is a binary glTF, starting "glTF")`);
  const loader = new GLTFLoader();
  loader.register((parser) => new VRMLoaderPlugin(parser));
  let gltf;
  try {
    gltf = await loader.parseAsync(bytes, '');
  } catch (err) {
    throw new Error(`${fileName}: could not be read as glTF (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
  const vrm = (gltf.userData as { vrm?: VRM }).vrm;
  if (!vrm) throw new Error(`${fileName}: a glTF file without a VRM extension (VRMC_vrm or VRM): not an avatar`);
  // Lighter to draw: drop vertices and joints no mesh uses, merge skeletons.
  VRMUtils.removeUnnecessaryVertices(vrm.scene);
  VRMUtils.combineSkeletons(vrm.scene);
  // VRM 0.x faces -z; VRM 1.0 faces +z like the procedural host.
  VRMUtils.rotateVRM0(vrm);
  vrm.scene.name = 'host-vrm';
  vrm.scene.traverse((o) => {
    o.frustumCulled = false; // skinned bounds are unreliable; it is one figure on stage
  });
  return vrm;
}

export function disposeVrm(vrm: VRM): void {
  vrm.scene.removeFromParent();
  VRMUtils.deepDispose(vrm.scene);
}
