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
}

export const uiStore = createStore<UiState>()(() => ({
  view: 'lobby',
  lang: 'zh',
  chatFilter: 'all',
  replyTo: null,
  createdCodes: null,
}));

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}
