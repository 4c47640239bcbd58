/**
 * What the captions and the speech controls show: the line being spoken (or just spoken), whether
 * a real voice speaks it, and the microphone's state. Written by speech.ts and recognition.ts.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type SpeechMode =
  /** A zh-CN (or en) voice of the browser speaks. */
  | 'voice'
  /** No Chinese voice in the browser: the server speaks Chinese lines offline (espeak-ng). */
  | 'server'
  /** No suitable voice (Debian's Chromium has none): captions only, the mouth follows an estimate. */
  | 'fallback'
  /** The user turned the voice off: captions only. */
  | 'muted';

export interface Caption {
  id: number;
  who: 'host' | 'trainee';
  name: string;
  text: string;
  /** Still being spoken (false: lingering on screen for a moment after the end). */
  speaking: boolean;
}

export interface SpeechState {
  caption: Caption | null;
  mode: SpeechMode;
  voiceName: string | null;
  muted: boolean;
  /** A recogniser is available (recognition.ts): FunASR through the server, or the browser's. */
  recognitionSupported: boolean;
  /** Which recogniser is used; 'none' says so in the interface; null until the server answered. */
  recognizer: 'funasr' | 'browser' | 'none' | null;
  listening: boolean;
  /** Words recognised so far while listening. */
  interim: string;
  recognitionError: string | null;
}

export const speechStore = createStore<SpeechState>()(() => ({
  caption: null,
  mode: 'fallback',
  voiceName: null,
  muted: false,
  recognitionSupported: false,
  recognizer: null,
  listening: false,
  interim: '',
  recognitionError: null,
}));

export function useSpeech<T>(selector: (s: SpeechState) => T): T {
  return useStore(speechStore, selector);
}
