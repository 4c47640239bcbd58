/**
 * Numbers, percentages, dates and durations in the interface language's conventions (Intl with
 * LOCALE[lang]). One set of formatters per language, made once: components call them per render.
 */
import { LOCALE } from '../i18n/index.js';
import { formatDuration } from '../../../core/stream-time.js';
import { useUi, type Lang } from '../stores/ui-store.js';

export interface Formats {
  lang: Lang;
  number(n: number): string;
  /** 0.9 → "90%" */
  percent(ratio: number): string;
  dateTime(ms: number): string;
  time(ms: number): string;
  /** Seconds with one decimal: 2350 ms → "2.4 s" / "2.4 秒" is left to the message; this gives "2.4". */
  seconds(ms: number): string;
}

function make(lang: Lang): Formats {
  const tag = LOCALE[lang];
  const num = new Intl.NumberFormat(tag);
  const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const tm = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const sec = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    lang,
    number: (n) => num.format(n),
    percent: (r) => pct.format(r),
    dateTime: (ms) => dt.format(ms),
    time: (ms) => tm.format(ms),
    seconds: (ms) => sec.format(ms / 1000),
  };
}

const FORMATS: Record<Lang, Formats> = { zh: make('zh'), en: make('en') };

export function formatsFor(lang: Lang): Formats {
  return FORMATS[lang];
}

export function useFormats(): Formats {
  return FORMATS[useUi((s) => s.lang)];
}

/** A length of time as mm:ss (h:mm:ss past an hour); moments go through core/stream-time.ts. */
export const clock = formatDuration;
