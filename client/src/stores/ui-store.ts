/**
 * Local UI state: which view is showing, the language, the chat filter and the message being
 * replied to. Nothing here goes over the wire.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type View = 'lobby' | 'rehearsal';
export type Lang = 'zh' | 'en';
export type ChatFilter = 'all' | 'questions' | 'waiting';

export interface UiState {
  view: View;
  lang: Lang;
  chatFilter: ChatFilter;
  /** seq of the chat message the reply box answers, or null for a plain message. */
  replyTo: number | null;
  /** Join codes of a room this client created, shown so others can join it. */
  createdCodes: Record<string, string> | null;
  /** Where Leave goes back to (the console after observing a session), else the lobby. */
  returnTo: string | null;
}

const LANG_KEY = 'branchcast.lang';

/** The language chosen last time on this browser (Chinese unless English was picked). */
function savedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage blocked (privacy mode): the default
  }
}

export const uiStore = createStore<UiState>()(() => ({
  view: 'lobby',
  lang: savedLang(),
  chatFilter: 'all',
  replyTo: null,
  createdCodes: null,
  returnTo: null,
}));

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}

// The toggle persists, and <html lang> follows it (screen readers, CJK font choice, hyphenation).
uiStore.subscribe((s, prev) => {
  if (s.lang === prev.lang) return;
  try {
    globalThis.localStorage?.setItem(LANG_KEY, s.lang);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
});
if (typeof document !== 'undefined') document.documentElement.lang = uiStore.getState().lang === 'zh' ? 'zh-CN' : 'en';
