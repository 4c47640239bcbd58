/**
 * The shared reading of one utterance that every detector works from: the normalised text, the
 * lexicon hits bucketed by tag, sentence and clause boundaries, and the spans that are quoted
 * inside a warning frame (skipped by every detector).
 */
import { normalise, type Normalised } from './normalise.js';
import { compileLexicon, type Hit, type Tag } from './matcher.js';
import { CUE_LEXICON } from './lexicon-cues.js';
import { TRIGGER_LEXICON } from './lexicon-triggers.js';
import { CONDUCT_LEXICON } from './lexicon-conduct.js';

// Built once for the process: scanning is linear in the text whatever the lexicon size.
const LEXICON = compileLexicon([...TRIGGER_LEXICON, ...CONDUCT_LEXICON, ...CUE_LEXICON]);

export interface Analysis {
  readonly norm: Normalised;
  readonly text: string;
  readonly hits: ReadonlyMap<Tag, readonly Hit[]>;
  /** Sentence index of each code unit (and one past the end); sentences end at 。！？!?；; and newlines. */
  readonly sentenceOf: readonly number[];
  /** Clause index of each code unit (and one past the end); clauses also end at commas and colons. */
  readonly clauseOf: readonly number[];
  readonly sentences: readonly (readonly [number, number])[];
  /** Ranges quoted or introduced inside a warning frame: not scored. */
  readonly framed: readonly (readonly [number, number])[];
  /** The viewer's turn (not scored; used for suitability, named securities, on-screen banners). */
  readonly context: Analysis | null;
}

// Boundary class per code unit: 1 ends a sentence (。！？!?；; newline …), 2 ends a clause only.
const BOUNDARY = new Uint8Array(0x10000);
for (const ch of '。！？!?；;\n…') BOUNDARY[ch.charCodeAt(0)] = 1;
for (const ch of '，,：:—') BOUNDARY[ch.charCodeAt(0)] = 2;

export function analyse(text: string, context?: string): Analysis {
  const norm = normalise(text);
  const t = norm.text;
  const hits = new Map<Tag, Hit[]>();
  for (const h of LEXICON.scan(t)) {
    const list = hits.get(h.tag);
    if (list === undefined) hits.set(h.tag, [h]);
    else list.push(h);
  }
  // Plain arrays, not Int32Array: small typed arrays cost an off-heap allocation each.
  const sentenceOf: number[] = [];
  const clauseOf: number[] = [];
  const sentences: [number, number][] = [];
  let s = 0;
  let c = 0;
  let sStart = 0;
  for (let i = 0; i < t.length; i++) {
    sentenceOf.push(s);
    clauseOf.push(c);
    const code = t.charCodeAt(i);
    let kind = BOUNDARY[code] as number;
    // An English full stop ends a sentence only before a space or the end ("3.5%" stays whole).
    if (code === 0x2e && (i + 1 >= t.length || t.charCodeAt(i + 1) === 0x20)) kind = 1;
    if (kind === 1) {
      sentences.push([sStart, i + 1]);
      sStart = i + 1;
      s++;
      c++;
    } else if (kind === 2) {
      c++;
    }
  }
  sentenceOf.push(s);
  clauseOf.push(c);
  if (sStart < t.length) sentences.push([sStart, t.length]);
  return {
    norm,
    text: t,
    hits,
    sentenceOf,
    clauseOf,
    sentences,
    framed: findFramed(t, hits, sentenceOf, sentences),
    context: context !== undefined && context.trim() !== '' ? analyse(context) : null,
  };
}

/** The closing mark for an opening quotation mark (char code), or 0. */
function closingQuote(code: number): number {
  switch (code) {
    case 0x201c: // “ ”
      return 0x201d;
    case 0x22: // " "
      return 0x22;
    case 0x300c: // 「 」
      return 0x300d;
    case 0x300e: // 『 』
      return 0x300f;
    case 0x2018: // ‘ ’
      return 0x2019;
    case 0x300a: // 《 》
      return 0x300b;
    default:
      return 0;
  }
}

const NO_HITS: readonly Hit[] = [];
const NO_RANGES: readonly (readonly [number, number])[] = [];

/**
 * Warning frames (骗子常说 / 如果有人跟你说 / …是骗局 / that's a scam). A quotation anywhere in an
 * utterance that has such a frame is skipped; an unquoted intro frame covers the rest of its
 * sentence up to a contrast (但/but: what follows is the speaker's own voice again); a trailing
 * frame covers its sentence up to the frame, and the previous sentence when the frame opens its
 * own sentence ("稳赚不赔？这就是骗局。").
 */
function findFramed(
  t: string,
  hits: ReadonlyMap<Tag, readonly Hit[]>,
  sentenceOf: readonly number[],
  sentences: readonly (readonly [number, number])[],
): readonly (readonly [number, number])[] {
  const intro = hits.get('frameIntro') ?? NO_HITS;
  const trail = hits.get('frameTrail') ?? NO_HITS;
  const warn = hits.get('warn') ?? NO_HITS;
  // Most utterances have no frame at all: share one empty list instead of making one.
  if (intro.length + trail.length + warn.length === 0) return NO_RANGES;
  const out: [number, number][] = [];
  for (let i = 0; i < t.length; i++) {
    const close = closingQuote(t.charCodeAt(i));
    if (close === 0) continue;
    let j = i + 1;
    while (j < t.length && t.charCodeAt(j) !== close) j++;
    if (j >= t.length) break;
    out.push([i, j + 1]);
    i = j;
  }
  const contrasts = hits.get('contrast') ?? NO_HITS;
  for (const h of intro) {
    const sentence = sentences[sentenceOf[h.start] as number];
    if (sentence === undefined) continue;
    let end = sentence[1];
    for (const c of contrasts) if (c.start >= h.end && c.start < end) end = c.start;
    out.push([h.start, end]);
  }
  for (const h of trail) {
    const si = sentenceOf[h.start] as number;
    const sentence = sentences[si];
    if (sentence === undefined) continue;
    out.push([sentence[0], h.end]);
    const lead = t.slice(sentence[0], h.start).trim();
    if (lead.length <= 4 && si > 0) {
      const prev = sentences[si - 1];
      if (prev !== undefined) out.push([prev[0], prev[1]]);
    }
  }
  return out;
}

export function hitsOf(a: Analysis, tag: Tag): readonly Hit[] {
  return a.hits.get(tag) ?? [];
}

export function isFramed(a: Analysis, start: number, end: number): boolean {
  for (const [s, e] of a.framed) if (start >= s && end <= e) return true;
  return false;
}

export function sameSentence(a: Analysis, x: number, y: number): boolean {
  return a.sentenceOf[Math.min(x, a.text.length)] === a.sentenceOf[Math.min(y, a.text.length)];
}

export function sameClause(a: Analysis, x: number, y: number): boolean {
  return a.clauseOf[Math.min(x, a.text.length)] === a.clauseOf[Math.min(y, a.text.length)];
}

/** Any hit of `tag` inside the sentence holding `pos`. */
export function inSentence(a: Analysis, tag: Tag, pos: number): Hit | undefined {
  const si = a.sentenceOf[Math.min(pos, a.text.length)];
  for (const h of hitsOf(a, tag)) if (a.sentenceOf[h.start] === si) return h;
  return undefined;
}

/** Any hit of `tag` inside the clause holding `pos`. */
export function inClause(a: Analysis, tag: Tag, pos: number): Hit | undefined {
  const ci = a.clauseOf[Math.min(pos, a.text.length)];
  for (const h of hitsOf(a, tag)) if (a.clauseOf[h.start] === ci) return h;
  return undefined;
}

/** Hits of `tag` not inside a framed quotation. */
export function liveHits(a: Analysis, tag: Tag): readonly Hit[] {
  const all = hitsOf(a, tag);
  return a.framed.length === 0 || all.length === 0 ? all : all.filter((h) => !isFramed(a, h.start, h.end));
}

const CLAUSE_BREAK = /[，,；;。.!！?？:：\n]/;

/**
 * Whether a claim at [start, end) is negated: a windowed negator before it in the same clause
 * (不能保证…, no one can…), a negator touching it (不保本, not risk-free), or a negation after it
 * (保本是不可能的, …is a myth).
 */
export function isNegated(a: Analysis, start: number, end: number): boolean {
  const t = a.text;
  for (const n of hitsOf(a, 'neg')) {
    if (n.end > start || start - n.end > 10) continue;
    // A negator also covers the items of a list joined by 、 (不会拉群荐股、承诺收益).
    if (sameClause(a, n.start, start) || !CLAUSE_BREAK.test(t.slice(n.end, start))) return true;
  }
  for (const n of hitsOf(a, 'neg1')) {
    if (n.end > start) continue;
    const gap = t.slice(n.end, start);
    if (gap.length <= 1 || /^(是|说|能|算|一定|会|存在|承诺|保证|a|an|be|is|are|really|) ?$/.test(gap.trim())) {
      if (sameClause(a, n.start, start)) return true;
    }
  }
  for (const n of hitsOf(a, 'negpost')) {
    if (n.start < end || n.start - end > 8) continue;
    if (sameClause(a, end, n.start)) return true;
  }
  return false;
}

export function anyHit(a: Analysis, tag: Tag): boolean {
  return (a.hits.get(tag)?.length ?? 0) > 0;
}

/** A detector's raw result, in normalised offsets; check.ts maps it to the original text. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly rule: string;
}

/**
 * Which pre-test gates pass on the normalised text. Several expressions share a gate (a figure:
 * %, 倍, 成): each distinct gate runs once, not once per expression.
 */
export function passingGates(a: Analysis, gates: readonly RegExp[]): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < gates.length; i++) {
    const gate = gates[i] as RegExp;
    let j = 0;
    while (j < i && gates[j] !== gate) j++;
    out.push(j < i ? (out[j] as boolean) : gate.test(a.text));
  }
  return out;
}

/** Every match of a global regular expression over the normalised text. */
export function regexHits(a: Analysis, re: RegExp, rule: string): Candidate[] {
  const out: Candidate[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(a.text); m !== null; m = re.exec(a.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, rule });
  }
  return out;
}

/** A prohibition (不要/切勿/don't) before `pos` in the same clause. */
export function isProhibited(a: Analysis, pos: number): boolean {
  for (const p of hitsOf(a, 'prohibit')) if (p.end <= pos && sameClause(a, p.start, pos)) return true;
  return false;
}

/** Hits that overlap any hit of the given tags (used to drop 风险 inside 零风险, for example). */
export function overlapsAny(a: Analysis, start: number, end: number, tags: readonly Tag[]): boolean {
  for (const tag of tags) for (const h of hitsOf(a, tag)) if (h.start < end && start < h.end) return true;
  return false;
}
