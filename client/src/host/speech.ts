/**
 * The host's voice. Lines the host delivers (`host.said`) and the trainee's chat replies are
 * spoken with the browser's speech synthesis — a zh-CN voice for Chinese, an English one for
 * English — and always captioned. Without a Chinese voice (Debian's Chromium ships none) a
 * Chinese line is spoken by the server's offline voice (espeak-ng, server-voice.ts), the mouth
 * following its syllable timings; without that either, the line is captioned for its estimated
 * duration and the mouth follows the same estimate, with a visible note saying so. One line at a time; if lines arrive faster than they can be spoken,
 * only the newest few wait (a backlog of stale speech helps no one).
 */
import { detectLang, estimateDurationMs, visemeTimeline, type SpeechLang } from '../../../core/avatar/visemes.js';
import type { SessionEvent } from '../../../core/events.js';
import { sessionClient } from '../net/session-client.js';
import { sessionStore } from '../stores/session-store.js';
import { speechNow } from './speech-clock.js';
import { probeServerVoice, serverVoiceState, speakOnServer, stopServerVoice } from './server-voice.js';
import { speechStore, type Caption } from './speech-store.js';

interface Line {
  text: string;
  who: Caption['who'];
  name: string;
  addressing: string | null;
}

const MAX_WAITING = 2;
/** Captions stay this long after the voice stops, so the last words can be read. */
const LINGER_MS = 2500;
/** A voice that has not started by then is not coming (Chrome sometimes stalls): fall back. */
const START_TIMEOUT_MS = 1500;
/** Events older than this (a reconnect's catch-up) are not spoken. */
const STALE_MS = 8000;

const queue: Line[] = [];
let current: Line | null = null;
let endTimer: ReturnType<typeof setTimeout> | null = null;
let lingerTimer: ReturnType<typeof setTimeout> | null = null;
let stretchTimer: ReturnType<typeof setInterval> | null = null;

const synth = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;

/** The best installed voice for a language, or null. */
export function pickVoice(lang: SpeechLang): SpeechSynthesisVoice | null {
  const voices = synth()?.getVoices() ?? [];
  const want = lang === 'zh' ? /^zh[-_]CN/i : /^en[-_]/i;
  const loose = lang === 'zh' ? /^(zh|cmn)/i : /^en/i;
  return voices.find((v) => want.test(v.lang)) ?? voices.find((v) => loose.test(v.lang)) ?? null;
}

function refreshMode(): void {
  const s = speechStore.getState();
  const voice = pickVoice('zh');
  // No Chinese voice in the browser: the server's (espeak-ng) if it answers, else captions only.
  if (!voice && serverVoiceState() === 'unknown') void probeServerVoice().then(refreshMode);
  speechStore.setState({
    mode: s.muted ? 'muted' : voice ? 'voice' : serverVoiceState() === 'ok' ? 'server' : 'fallback',
    voiceName: voice ? voice.name : null,
  });
}

function clearTimers(): void {
  if (endTimer !== null) clearTimeout(endTimer);
  if (stretchTimer !== null) clearInterval(stretchTimer);
  endTimer = null;
  stretchTimer = null;
}

function finish(id: number): void {
  if (speechNow.id !== id || !current) return;
  clearTimers();
  speechNow.active = false;
  current = null;
  const cap = speechStore.getState().caption;
  if (cap && cap.id === id) speechStore.setState({ caption: { ...cap, speaking: false } });
  if (queue.length > 0) {
    startNext();
    return;
  }
  if (lingerTimer !== null) clearTimeout(lingerTimer);
  lingerTimer = setTimeout(() => {
    const c = speechStore.getState().caption;
    if (c && c.id === id) speechStore.setState({ caption: null });
  }, LINGER_MS);
}

/** Start the line's mouth timeline now, with the estimated duration. */
function startClock(line: Line, id: number, lang: SpeechLang, durationMs: number): void {
  speechNow.id = id;
  speechNow.active = true;
  speechNow.startedAt = performance.now();
  speechNow.durationMs = durationMs;
  speechNow.timeline = visemeTimeline(line.text, durationMs, lang);
  speechNow.addressing = line.addressing;
}

function startNext(): void {
  const line = queue.shift();
  if (!line) return;
  current = line;
  if (lingerTimer !== null) clearTimeout(lingerTimer);
  const id = speechNow.id + 1;
  const lang = detectLang(line.text);
  const estimate = estimateDurationMs(line.text, lang);
  speechStore.setState({ caption: { id, who: line.who, name: line.name, text: line.text, speaking: true } });
  refreshMode();
  const s = synth();
  const voice = speechStore.getState().muted ? null : pickVoice(lang);
  const fallback = () => {
    // Captions and mouth on the estimate alone.
    startClock(line, id, lang, estimate);
    endTimer = setTimeout(() => finish(id), estimate);
  };
  if ((!s || !voice) && lang === 'zh' && !speechStore.getState().muted && serverVoiceState() === 'unknown') {
    // Still asking whether the server can speak: decide once it has answered.
    speechNow.id = id;
    void probeServerVoice().then(() => {
      if (speechNow.id !== id || current !== line) return;
      queue.unshift(line);
      current = null;
      startNext();
    });
    return;
  }
  if ((!s || !voice) && lang === 'zh' && !speechStore.getState().muted && serverVoiceState() === 'ok') {
    speechNow.id = id; // reserved, as for the browser's voice below
    speakOnServer(line.text, {
      started: (timeline) => {
        if (speechNow.id !== id) return;
        speechNow.active = true;
        speechNow.startedAt = performance.now();
        speechNow.durationMs = timeline.durationMs;
        speechNow.timeline = timeline;
        speechNow.addressing = line.addressing;
      },
      ended: () => finish(id),
      failed: () => {
        if (speechNow.id === id && current === line) fallback();
      },
    });
    return;
  }
  if (!s || !voice) return fallback();
  const u = new SpeechSynthesisUtterance(line.text);
  u.voice = voice;
  u.lang = voice.lang;
  let voiceStarted = false;
  speechNow.id = id; // reserve the id so a late end of the previous line cannot finish this one
  u.onstart = () => {
    if (speechNow.id !== id || voiceStarted) return;
    voiceStarted = true;
    if (endTimer !== null) clearTimeout(endTimer);
    startClock(line, id, lang, estimate);
    // A real voice may run past the estimate: stretch the timeline's end while it talks on.
    stretchTimer = setInterval(() => {
      const elapsed = performance.now() - speechNow.startedAt;
      if (speechNow.id === id && elapsed > speechNow.durationMs - 200) {
        speechNow.durationMs = elapsed + 600;
        speechNow.timeline = visemeTimeline(line.text, speechNow.durationMs, lang);
      }
    }, 500);
  };
  u.onend = () => finish(id);
  u.onerror = () => finish(id);
  endTimer = setTimeout(() => {
    if (voiceStarted) return;
    // The voice never started: treat it as the fallback, so captions and mouth still run.
    s.cancel();
    startClock(line, id, lang, estimate);
    endTimer = setTimeout(() => finish(id), estimate);
  }, START_TIMEOUT_MS);
  s.speak(u);
}

/** Speak (and caption) a line; it waits behind the current one. */
export function speak(text: string, who: Caption['who'], name: string, addressing: string | null = null): void {
  const body = text.trim();
  if (!body) return;
  queue.push({ text: body, who, name, addressing });
  while (queue.length > MAX_WAITING) queue.shift();
  if (!current) startNext();
}

export function setMuted(muted: boolean): void {
  speechStore.setState({ muted });
  if (muted) {
    synth()?.cancel();
    stopServerVoice();
  }
  refreshMode();
}

function onEvent(e: SessionEvent): void {
  const st = sessionStore.getState().state;
  if (st.t - e.t > STALE_MS) return;
  if (e.type === 'host.said') speak(e.text, 'host', e.actor.name);
  else if (e.type === 'chat.message' && e.actor.role === 'trainee') {
    const asked = e.replyTo === null ? undefined : st.chat.find((c) => c.seq === e.replyTo);
    speak(e.text, 'trainee', e.actor.name, asked ? asked.actor.id : null);
  } else if (e.type === 'session.ended') {
    queue.length = 0;
  }
}

let started = false;
/** Start listening to the session (idempotent); the host dock calls it when it mounts. */
export function startSpeech(): void {
  if (started) return;
  started = true;
  sessionClient.onEvent(onEvent);
  refreshMode();
  // Chrome fills the voice list asynchronously.
  synth()?.addEventListener?.('voiceschanged', refreshMode);
}
