/**
 * Interface languages: i18next with message files under client/src/locales/<lang>/<namespace>.json.
 * Every file ships in the bundle (they are small and the training room may be offline), so
 * there is no backend and no loading state. Simplified Chinese is the default; the language
 * lives in the UI store so the toggle, <html lang> and i18next stay in one place.
 *
 * Namespaces: one per area of the app (common, stage, xr, console, ...). A component reads its
 * own: `const { t } = useTranslation('xr')`. Keys must exist in both languages (a unit test
 * checks parity), so an English screen never shows a Chinese key by accident.
 */
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uiStore, type Lang } from '../stores/ui-store.js';

const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });

/** `{ zh: { common: {...}, xr: {...} }, en: {...} }` from the file paths. */
export function resourcesFrom(mods: Record<string, { default: Record<string, unknown> }>): Resource {
  const out: Resource = {};
  for (const [path, mod] of Object.entries(mods)) {
    const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    const [, lang, ns] = m as unknown as [string, string, string];
    (out[lang] ??= {})[ns] = mod.default;
  }
  return out;
}

export const RESOURCES = resourcesFrom(files);
export const NAMESPACES = [...new Set(Object.values(RESOURCES).flatMap((r) => Object.keys(r)))];

/** BCP 47 tag for Intl formatting and <html lang>. */
export const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

void i18next.use(initReactI18next).init({
  resources: RESOURCES,
  lng: uiStore.getState().lang,
  fallbackLng: 'zh',
  ns: NAMESPACES,
  defaultNS: 'common',
  // React escapes text itself; chat and names are never rendered as HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

uiStore.subscribe((s, prev) => {
  if (s.lang !== prev.lang) void i18next.changeLanguage(s.lang);
});

export { i18next };
