/**
 * Scenario content carries both languages (`{ zh, en? }`); interface strings live in
 * client/src/locales and are read with react-i18next's useTranslation.
 */
import type { Bilingual } from '../../../core/scenario.js';
import type { Lang } from '../stores/ui-store.js';

export function pick(text: Bilingual | { zh: string; en?: string | undefined }, lang: Lang): string {
  return lang === 'en' && text.en ? text.en : text.zh;
}
