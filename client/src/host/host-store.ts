/**
 * Which avatar hosts: the procedural one (default) or a VRM the user loaded from a file. Only the
 * VRM's type is imported here; @pixiv/three-vrm itself loads on demand (vrm-loader.ts).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { VRM } from '@pixiv/three-vrm';

export interface HostAvatarState {
  vrm: VRM | null;
  /** File name of the loaded VRM. */
  vrmFile: string | null;
  loading: boolean;
  /** Why the last file could not be used, in words for the user. */
  error: string | null;
}

export const hostStore = createStore<HostAvatarState>()(() => ({
  vrm: null,
  vrmFile: null,
  loading: false,
  error: null,
}));

export function useHostAvatar<T>(selector: (s: HostAvatarState) => T): T {
  return useStore(hostStore, selector);
}

/** Load a .vrm file chosen by the user and put it on stage (the loader is fetched on first use). */
export async function loadVrmFile(file: File): Promise<boolean> {
  hostStore.setState({ loading: true, error: null });
  try {
    const { loadVrm } = await import('./vrm-loader.js');
    const vrm = await loadVrm(await file.arrayBuffer(), file.name);
    const old = hostStore.getState().vrm;
    hostStore.setState({ vrm, vrmFile: file.name, loading: false });
    if (old) void import('./vrm-loader.js').then((m) => m.disposeVrm(old));
    return true;
  } catch (err) {
    hostStore.setState({ loading: false, error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}

/** Back to the procedural host. */
export function showProceduralHost(): void {
  const old = hostStore.getState().vrm;
  hostStore.setState({ vrm: null, vrmFile: null, error: null });
  if (old) void import('./vrm-loader.js').then((m) => m.disposeVrm(old));
}
