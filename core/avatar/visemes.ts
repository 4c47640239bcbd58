/**
 * Mouth shapes for the virtual host, estimated from the text being spoken and how long it takes.
 * Browsers' speech synthesis gives no phoneme timing (and often no voice at all), so the avatar's
 * mouth follows an estimate: one open shape per syllable (a Chinese character, or a vowel group
 * of an English word), a brief close for labial consonants (b, m, p, f, v, w), rests at
 * punctuation. Without a pinyin dictionary a Chinese character's vowel is unknown, so it is
 * picked deterministically from the character code, weighted like Mandarin finals (a and e/i
 * are the most common) — the mouth moves with the rhythm of the speech, which is what viewers
 * notice. Pure: no timers, no DOM.
 *
 * Per-frame use: build the timeline once per utterance (`visemeTimeline`), then call
 * `sampleVisemes` with a preallocated Float32Array every frame; sampling allocates nothing.
 */

/** The VRM mouth expressions (aa ih ou ee oh) plus a closed mouth. */
export const VISEMES = ['aa', 'ih', 'ou', 'ee', 'oh', 'closed'] as const;
export type Viseme = (typeof VISEMES)[number];
/** Index of each viseme in VISEMES and in the weights array `sampleVisemes` fills (closed = 5). */
export const VISEME_INDEX: Readonly<Record<Viseme, number>> = { aa: 0, ih: 1, ou: 2, ee: 3, oh: 4, closed: 5 };
/** The open shapes, the length of the weights array. */
export const MOUTH_SHAPES = 5;

export type SpeechLang = 'zh' | 'en';

/** One mouth shape held over [start, end) milliseconds of the utterance. */
export interface VisemeKey {
  viseme: Viseme;
  start: number;
  end: number;
  /** How far the mouth opens for this key, 0..1 (unstressed syllables open less). */
  weight: number;
}

export interface VisemeTimeline {
  keys: readonly VisemeKey[];
  durationMs: number;
}

/** Average speaking rates of a news-style reader (zh: characters, en: letters incl. spaces). */
const ZH_MS_PER_CHAR = 230;
const EN_MS_PER_LETTER = 62;
const SHORT_PAUSE_MS = 180; // ，、；： , ; :
const LONG_PAUSE_MS = 380; // 。！？ . ! ?

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const SHORT_PAUSE = /[，、；：,;:\u2014\u2013—…（）()“”"'‘’《》]/;
const LONG_PAUSE = /[。！？.!?\n]/;
/** Vowel groups; y is a vowel only when no vowel follows it ("my", not "you"). */
const LATIN_VOWELS = /[aeiou]+|y(?![aeiou])/g;
const LABIALS = /[bmpfvw]/;

/** Mandarin finals by rough frequency, folded onto the five shapes: a → aa, i → ih, u/ü → ou, e → ee, o → oh. */
const ZH_SHAPES: readonly Viseme[] = ['aa', 'aa', 'aa', 'ih', 'ih', 'ee', 'ee', 'ou', 'oh', 'ih'];

/** Guess whether text is mostly Chinese. */
export function detectLang(text: string): SpeechLang {
  let cjk = 0;
  let latin = 0;
  for (const ch of text) {
    if (CJK.test(ch)) cjk++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return cjk * 3 >= latin ? 'zh' : 'en';
}

/**
 * How long a synthesiser at normal rate takes to say `text`, in ms: the fallback when the browser
 * has no voice, and the first guess when it has one (the real end event then wins).
 */
export function estimateDurationMs(text: string, lang: SpeechLang = detectLang(text), rate = 1): number {
  if (!(rate > 0)) throw new RangeError(`estimateDurationMs: rate must be > 0, got ${rate}`);
  let ms = 0;
  for (const ch of text) {
    if (LONG_PAUSE.test(ch)) ms += LONG_PAUSE_MS;
    else if (SHORT_PAUSE.test(ch)) ms += SHORT_PAUSE_MS;
    else if (CJK.test(ch)) ms += ZH_MS_PER_CHAR;
    else if (/\s/.test(ch)) ms += lang === 'zh' ? 60 : EN_MS_PER_LETTER;
    else if (/[0-9]/.test(ch)) ms += lang === 'zh' ? ZH_MS_PER_CHAR : EN_MS_PER_LETTER * 3;
    else if (/[A-Za-z]/.test(ch)) ms += EN_MS_PER_LETTER;
    else ms += 40;
  }
  return Math.round(Math.max(ms, 300) / rate);
}

interface Unit {
  viseme: Viseme;
  /** Relative length, scaled to the duration afterwards. */
  len: number;
  weight: number;
}

function latinWordUnits(word: string, out: Unit[]): void {
  const w = word.toLowerCase();
  let last = 0;
  for (const m of w.matchAll(LATIN_VOWELS)) {
    const before = w.slice(last, m.index);
    if (LABIALS.test(before)) out.push({ viseme: 'closed', len: 0.35, weight: 0 });
    const v = m[0];
    // The group's first vowel decides the shape; a final silent e opens little.
    const c = v[0]!;
    const silent = v === 'e' && m.index + 1 === w.length && out.length > 0;
    const viseme: Viseme =
      v.startsWith('oo') || v.startsWith('ou') || c === 'u'
        ? 'ou'
        : c === 'a'
          ? 'aa'
          : c === 'e'
            ? 'ee'
            : c === 'o'
              ? 'oh'
              : 'ih';
    out.push({ viseme, len: silent ? 0.4 : 1, weight: silent ? 0.3 : 0.85 });
    last = m.index + v.length;
  }
  if (last === 0 && w.length > 0) out.push({ viseme: 'ih', len: 0.8, weight: 0.5 }); // "hmm", "12386"
  if (LABIALS.test(w.slice(last))) out.push({ viseme: 'closed', len: 0.3, weight: 0 });
}

/** Digits read aloud in Chinese (零一二三四五六七八九): their shapes, so 0.85% mouths like 零点八五. */
const ZH_DIGITS: readonly Viseme[] = ['ih', 'ih', 'ee', 'aa', 'ih', 'ou', 'ih', 'ih', 'aa', 'ih'];

/**
 * The viseme timeline for `text` spoken over `durationMs`. Keys are contiguous from 0 to
 * durationMs; rests are 'closed' keys. Throws a RangeError naming the bad argument.
 */
export function visemeTimeline(text: string, durationMs: number, lang: SpeechLang = detectLang(text)): VisemeTimeline {
  if (!Number.isFinite(durationMs) || durationMs < 0)
    throw new RangeError(`visemeTimeline: durationMs must be a finite number >= 0, got ${durationMs}`);
  const units: Unit[] = [];
  const word: string[] = [];
  const flushWord = () => {
    if (word.length === 0) return;
    latinWordUnits(word.join(''), units);
    word.length = 0;
  };
  for (const ch of text) {
    if (/[A-Za-z']/.test(ch)) {
      word.push(ch);
      continue;
    }
    flushWord();
    if (CJK.test(ch)) {
      const code = ch.codePointAt(0)!;
      // Every syllable opens; a light consonant onset is a short half-close between them.
      units.push({ viseme: 'closed', len: 0.18, weight: 0 });
      units.push({
        viseme: ZH_SHAPES[(Math.imul(code, 2654435761) >>> 0) % ZH_SHAPES.length]!,
        len: 0.82,
        weight: 0.9,
      });
    } else if (/[0-9]/.test(ch)) {
      const d = ch.charCodeAt(0) - 48;
      if (lang === 'zh') {
        units.push({ viseme: 'closed', len: 0.18, weight: 0 });
        units.push({ viseme: ZH_DIGITS[d]!, len: 0.82, weight: 0.85 });
      } else {
        units.push({ viseme: d === 0 ? 'ih' : d === 2 ? 'ou' : d === 4 ? 'oh' : 'ee', len: 1.5, weight: 0.8 });
      }
    } else if (LONG_PAUSE.test(ch)) units.push({ viseme: 'closed', len: LONG_PAUSE_MS / ZH_MS_PER_CHAR, weight: 0 });
    else if (SHORT_PAUSE.test(ch)) units.push({ viseme: 'closed', len: SHORT_PAUSE_MS / ZH_MS_PER_CHAR, weight: 0 });
    else if (/\s/.test(ch)) units.push({ viseme: 'closed', len: lang === 'zh' ? 0.25 : 0.3, weight: 0 });
  }
  flushWord();

  // Merge neighbouring rests, so a pause is one closed key.
  const merged: Unit[] = [];
  for (const u of units) {
    const prev = merged[merged.length - 1];
    if (prev && prev.viseme === 'closed' && u.viseme === 'closed') prev.len += u.len;
    else merged.push({ ...u });
  }
  if (merged.length === 0 || durationMs === 0)
    return { keys: [{ viseme: 'closed', start: 0, end: durationMs, weight: 0 }], durationMs };

  const total = merged.reduce((a, u) => a + u.len, 0);
  const keys: VisemeKey[] = [];
  let at = 0;
  for (let i = 0; i < merged.length; i++) {
    const u = merged[i]!;
    const end = i === merged.length - 1 ? durationMs : at + (u.len / total) * durationMs;
    keys.push({ viseme: u.viseme, start: at, end, weight: u.weight });
    at = end;
  }
  return { keys, durationMs };
}

/** Shortest ramp in and out of a shape, so the mouth does not snap between keys. */
const RAMP_MS = 70;

/**
 * Fill `out` (length MOUTH_SHAPES, order aa ih ou ee oh) with the mouth weights at `tMs`, and
 * return the overall openness 0..1. Outside [0, durationMs] the mouth is closed. Each key ramps
 * up and down over at most RAMP_MS (or a third of its length), so consecutive shapes blend.
 * Allocates nothing; binary search over the keys.
 */
export function sampleVisemes(timeline: VisemeTimeline, tMs: number, out: Float32Array): number {
  out.fill(0);
  const keys = timeline.keys;
  if (!(tMs >= 0) || tMs >= timeline.durationMs || keys.length === 0) return 0;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keys[mid]!.start <= tMs) lo = mid;
    else hi = mid - 1;
  }
  const k = keys[lo]!;
  if (k.viseme === 'closed' || k.weight <= 0) return 0;
  const len = k.end - k.start;
  const ramp = Math.min(RAMP_MS, len / 3);
  const into = tMs - k.start;
  const left = k.end - tMs;
  const env = ramp <= 0 ? 1 : Math.min(1, into / ramp, left / ramp);
  const w = Math.max(0, Math.min(1, k.weight * env));
  out[VISEME_INDEX[k.viseme]] = w;
  return w;
}
