/**
 * Speaking instead of typing, where the browser offers speech recognition (Chrome's
 * webkitSpeechRecognition; absent in Firefox and in Debian's Chromium without Google's service).
 * A final result is sent as the host's words: a reply to the question being answered when one is
 * selected, otherwise a free line (`host.say` with no teleprompter index).
 */
import { sessionClient } from '../net/session-client.js';
import { uiStore } from '../stores/ui-store.js';
import { speechStore } from './speech-store.js';

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

export function recognitionSupported(): boolean {
  return ctor() !== null;
}

let active: Recognition | null = null;

/** Send recognised words as the host's reply or line. */
async function deliver(text: string): Promise<void> {
  const body = text.trim();
  if (!body) return;
  const replyTo = uiStore.getState().replyTo;
  const ack =
    replyTo !== null
      ? await sessionClient.command('chat.send', { text: body, kind: 'chat', replyTo })
      : await sessionClient.command('host.say', { text: body, lineIndex: null });
  if (ack.ok && replyTo !== null) uiStore.setState({ replyTo: null });
  if (!ack.ok) speechStore.setState({ recognitionError: `${ack.code}: ${ack.message}` });
}

export function startListening(lang: 'zh' | 'en'): void {
  const C = ctor();
  if (!C || active) return;
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
    speechStore.setState({ interim: final || interim });
    if (final) void deliver(final);
  };
  r.onerror = (e) => speechStore.setState({ recognitionError: e.error });
  r.onend = () => {
    active = null;
    speechStore.setState({ listening: false });
  };
  active = r;
  speechStore.setState({ listening: true, interim: '', recognitionError: null });
  try {
    r.start();
  } catch (err) {
    active = null;
    speechStore.setState({ listening: false, recognitionError: String(err) });
  }
}

export function stopListening(): void {
  active?.stop();
}
