/**
 * The browser's own speech recognition (Web Speech API: Chrome's webkitSpeechRecognition). In
 * Chromium it sends the audio to Google's service: it fails offline and in mainland China, which
 * surfaces as the 'network' error the interface explains. Absent in Firefox and Debian's Chromium.
 */
import type { RecognizerCallbacks, SpeechRecognizer } from './recognizer.js';

/** The parts of the Web Speech API used here (lib.dom has no SpeechRecognition types). */
interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult:
    | ((e: {
        resultIndex: number;
        results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
      }) => void)
    | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionCtor = new () => Recognition;

function ctor(): RecognitionCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

export function browserRecognitionPresent(): boolean {
  return ctor() !== null;
}

export function browserRecognizer(): SpeechRecognizer | null {
  const C = ctor();
  if (!C) return null;
  let active: Recognition | null = null;
  return {
    kind: 'browser',
    start(lang, cb: RecognizerCallbacks) {
      if (active) return;
      const r = new C();
      r.lang = lang === 'zh' ? 'zh-CN' : 'en-US';
      r.continuous = false;
      r.interimResults = true;
      r.onresult = (e) => {
        let interim = '';
        let final = '';
        for (let i = e.resultIndex; i < e.results.length; i++) {
          const res = e.results[i]!;
          if (res.isFinal) final += res[0]!.transcript;
          else interim += res[0]!.transcript;
        }
        cb.partial(final || interim);
        if (final) cb.final(final);
      };
      r.onerror = (e) => cb.error(e.error);
      r.onend = () => {
        active = null;
        cb.ended();
      };
      active = r;
      try {
        r.start();
      } catch (err) {
        active = null;
        cb.error(String(err));
        cb.ended();
      }
    },
    stop() {
      active?.stop();
    },
  };
}
