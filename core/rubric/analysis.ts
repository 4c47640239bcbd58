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
  /** Sentence index of each code unit; sentences end at 。！？!?；; and newlines. */
  readonly sentenceOf: Int32Array;
  /** Clause index of each code unit; clauses also end at commas and colons. */
  readonly clauseOf: Int32Array;
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
  const sentenceOf = new Int32Array(t.length + 1);
  const clauseOf = new Int32Array(t.length + 1);
  const sentences: [number, number][] = [];
  let s = 0;
  let c = 0;
  let sStart = 0;
  for (let i = 0; i < t.length; i++) {
    sentenceOf[i] = s;
    clauseOf[i] = c;
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
  sentenceOf[t.length] = s;
  clauseOf[t.length] = c;
  if (sStart < t.length) sentences.push([sStart, t.length]);
  const partial = { norm, text: t, hits, sentenceOf, clauseOf, sentences };
  return {
    ...partial,
    framed: findFramed(partial),
    context: context !== undefined && context.trim() !== '' ? analyse(context) : null,
  };
}

type Partial = Pick<Analysis, 'text' | 'hits' | 'sentenceOf' | 'sentences'>;

const QUOTES: Record<string, string> = { '“': '”', '"': '"', '「': '」', '『': '』', '‘': '’', '《': '》' };

/**
 * Warning frames (骗子常说 / 如果有人跟你说 / …是骗局 / that's a scam). A quotation anywhere in an
 * utterance that has such a frame is skipped; an unquoted intro frame covers the rest of its
 * sentence up to a contrast (但/but: what follows is the speaker's own voice again); a trailing
 * frame covers its sentence up to the frame, and the previous sentence when the frame opens its
 * own sentence ("稳赚不赔？这就是骗局。").
 */
function findFramed(a: Partial): [number, number][] {
  const out: [number, number][] = [];
  const intro = a.hits.get('frameIntro') ?? [];
  const trail = a.hits.get('frameTrail') ?? [];
  const warn = a.hits.get('warn') ?? [];
  const t = a.text;
  if (intro.length + trail.length + warn.length > 0) {
    for (let i = 0; i < t.length; i++) {
      const close = QUOTES[t[i] as string];
      if (close === undefined) continue;
      const j = t.indexOf(close, i + 1);
      if (j < 0) break;
      out.push([i, j + 1]);
      i = j;
    }
  }
  const contrasts = a.hits.get('contrast') ?? [];
  for (const h of intro) {
    const sentence = a.sentences[a.sentenceOf[h.start] as number];
    if (sentence === undefined) continue;
    let end = sentence[1];
    for (const c of contrasts) if (c.start >= h.end && c.start < end) end = c.start;
    out.push([h.start, end]);
  }
  for (const h of trail) {
    const si = a.sentenceOf[h.start] as number;
    const sentence = a.sentences[si];
    if (sentence === undefined) continue;
    out.push([sentence[0], h.end]);
    const lead = t.slice(sentence[0], h.start).trim();
    if (lead.length <= 4 && si > 0) {
      const prev = a.sentences[si - 1];
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
