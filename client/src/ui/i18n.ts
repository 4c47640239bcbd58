/** The current language's messages, and picking the right half of a bilingual value. */
import type { Bilingual } from '../../../core/scenario.js';
import { useUi, type Lang } from '../stores/ui-store.js';
import { en } from './messages/en.js';
import { zh, type Messages } from './messages/zh.js';

export const MESSAGES: Record<Lang, Messages> = { zh, en };

export function useT(): Messages {
  return MESSAGES[useUi((s) => s.lang)];
}

export function pick(text: Bilingual | { zh: string; en?: string | undefined }, lang: Lang): string {
  return lang === 'en' && text.en ? text.en : text.zh;
}
