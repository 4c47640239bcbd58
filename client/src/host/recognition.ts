/**
 * Speaking instead of typing, through a SpeechRecognizer (recognizer.ts). Which one: FunASR
 * through this server when the server has BRANCHCAST_ASR_URL (on-premises, works offline and in
 * mainland China), else the browser's own where it exists and the server allows it
 * (BRANCHCAST_BROWSER_ASR), else none, which the interface says plainly. GET /api/asr tells.
 *
 * A final result is sent as the host's words, scored like a typed line (filler words in it count
 * towards delivery, core/voice/fillers.ts): a reply to the question being answered when one is
 * selected, otherwise a free line (`host.say` with no teleprompter index).
 */
import { sessionClient } from '../net/session-client.js';
import { uiStore } from '../stores/ui-store.js';
import { browserRecognitionPresent, browserRecognizer } from './browser-recognizer.js';
import { funAsrRecognizer } from './funasr-recognizer.js';
import type { SpeechRecognizer } from './recognizer.js';
import { speechStore } from './speech-store.js';

let chosen: SpeechRecognizer | null = null;
let detecting: Promise<void> | null = null;

/** Ask the server which recognisers may be used and pick one (once per page). */
export function detectRecognizer(): Promise<void> {
  type Caps = { funasr?: boolean; browser?: boolean };
  detecting ??= fetch('/api/asr')
    .then((r) => (r.ok ? (r.json() as Promise<Caps>) : ({} as Caps)))
    .catch(() => ({}) as Caps)
    .then((caps: Caps) => {
      chosen = caps.funasr ? funAsrRecognizer() : caps.browser !== false ? browserRecognizer() : null;
      speechStore.setState({ recognizer: chosen?.kind ?? 'none', recognitionSupported: chosen !== null });
    });
  return detecting;
}

/** Whether speaking works here (false until detectRecognizer() has answered, unless the browser has its own). */
export function recognitionSupported(): boolean {
  const known = speechStore.getState().recognizer;
  return known === null ? browserRecognitionPresent() : known !== 'none';
}

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
  if (speechStore.getState().listening) return;
  void detectRecognizer().then(() => {
    const r = chosen;
    if (!r || speechStore.getState().listening) return;
    speechStore.setState({ listening: true, interim: '', recognitionError: null });
    r.start(lang, {
      partial: (text) => speechStore.setState({ interim: text }),
      final: (text) => {
        speechStore.setState({ interim: '' });
        void deliver(text);
      },
      error: (code) => speechStore.setState({ recognitionError: code }),
      ended: () => speechStore.setState({ listening: false }),
    });
  });
}

export function stopListening(): void {
  chosen?.stop();
}
