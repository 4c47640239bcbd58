/**
 * The trainee's keyboard shortcuts while live: N says the next teleprompter line, R replies to the
 * question that has waited longest (or the newest viewer message), P pauses or resumes, ? shows
 * the list. Ignored while typing (inputs, text areas, selects, contenteditable) and with Ctrl, Alt
 * or Meta held, so typing a reply or a browser shortcut never fires one.
 */
import { useEffect } from 'react';
import type { ChatEntry } from '../../../core/session.js';
import { sessionClient } from '../net/session-client.js';
import { sessionStore } from '../stores/session-store.js';
import { uiStore } from '../stores/ui-store.js';

export type ShortcutAction = 'next' | 'reply' | 'pause' | 'help';

/** Key (as KeyboardEvent.key, lower-cased) → action; also what the help lists. */
export const SHORTCUT_KEYS: ReadonlyArray<readonly [string, ShortcutAction]> = [
  ['n', 'next'],
  ['r', 'reply'],
  ['p', 'pause'],
  ['?', 'help'],
];

/** True when the key went to something the user types into. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** The message R replies to: the oldest unanswered question, else the newest viewer line. */
export function replyTarget(chat: readonly ChatEntry[]): number | null {
  const waiting = chat.find((e) => e.kind === 'question' && e.answerSeq === null && e.actor.role !== 'trainee');
  if (waiting) return waiting.seq;
  for (let i = chat.length - 1; i >= 0; i--) if (chat[i]!.actor.role !== 'trainee') return chat[i]!.seq;
  return null;
}

export function useShortcuts(enabled: boolean, onHelp: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || isTyping(e.target)) return;
      const action = SHORTCUT_KEYS.find(([k]) => k === e.key.toLowerCase())?.[1];
      if (!action) return;
      const { state } = sessionStore.getState();
      const live = state.status === 'live';
      if (action === 'help') onHelp();
      else if (action === 'pause' && live) void sessionClient.command('stream.pause', { paused: !state.paused });
      else if (action === 'next' && live) {
        const line = state.scenario?.segments[state.segmentIndex]?.lines[state.lineCursor];
        if (!line) return;
        // The script's Chinese line is what is delivered and scored, as the teleprompter does.
        void sessionClient.command('host.say', { text: line.zh, lineIndex: state.lineCursor });
      } else if (action === 'reply' && state.status !== 'ended') {
        const seq = replyTarget(state.chat);
        if (seq === null) return;
        uiStore.setState({ replyTo: seq }); // the composer focuses itself on a new replyTo
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onHelp]);
}
