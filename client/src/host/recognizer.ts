/** The speech-recognition seam: what every recogniser (browser, FunASR through the server) offers. */

export type RecognizerKind = 'funasr' | 'browser';

export interface RecognizerCallbacks {
  /** Text recognised so far of the sentence being spoken (replaces the previous partial). */
  partial(text: string): void;
  /** A finished sentence, to be said as the host's line. */
  final(text: string): void;
  /** An error code (Web Speech's, or the relay's: ASR_UNREACHABLE, UNAVAILABLE, …). */
  error(code: string): void;
  /** Listening stopped (by stop(), an error, or the recogniser). */
  ended(): void;
}

export interface SpeechRecognizer {
  readonly kind: RecognizerKind;
  start(lang: 'zh' | 'en', cb: RecognizerCallbacks): void;
  /** Stop listening; finals still on their way are delivered before ended(). */
  stop(): void;
}
