/**
 * Credit for correcting (docs/RUBRICS.md CR1–CR2, programme 4.5.2: a host who misspoke must say
 * so). A host line in a correction frame (更正一下 / 刚才…的说法是错误的 / I misspoke / correction:)
 * that quotes the retracted claim is not a new finding: the quoted words are the claim being taken
 * back. The earlier finding it quotes shows "更正于 mm:ss", and the rubric decides what it earns back.
 * Pure, like the detectors.
 */
import type { Category } from './categories.js';

/** The frames that announce a retraction of something said earlier. */
const FRAME =
  /更正一下|更正[：:，,]|我来更正|我更正|纠正一下|我纠正|刚才.{0,30}?(?:说法|表述|说的|讲的|提到的|那句话?).{0,12}?(?:是错误的|是错的|错了|不对|有误|不准确|不正确|不严谨)|我说错了|口误|\bI misspoke\b|\bcorrection:|\blet me correct\b|\bI was wrong to say\b|\bI should not have said\b/i;

export function isCorrectionFrame(text: string): boolean {
  return FRAME.test(text);
}

const QUOTES: Readonly<Record<string, string>> = { '“': '”', '"': '"', "'": "'", '‘': '’', '「': '」', '『': '』' };

/** The inner ranges of the quotations in a line (UTF-16 offsets, end exclusive). */
export function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    const close = QUOTES[text[i]!];
    if (close === undefined) continue;
    const j = text.indexOf(close, i + 1);
    if (j < 0) break;
    if (j > i + 1) out.push([i + 1, j]);
    i = j;
  }
  return out;
}

/**
 * In a correction frame, findings inside a quotation are the retracted claim repeated, not a new
 * one (CR1). Returns `findings` itself when nothing is dropped.
 */
export function dropRetracted<F extends { start: number; end: number }>(text: string, findings: F[]): F[] {
  if (findings.length === 0 || !isCorrectionFrame(text)) return findings;
  const quoted = quotedRanges(text);
  if (quoted.length === 0) return findings;
  const kept = findings.filter((f) => !quoted.some(([s, e]) => f.start >= s - 1 && f.end <= e + 1));
  return kept.length === findings.length ? findings : kept;
}

export interface CorrectableUtterance {
  seq: number;
  t: number;
  text: string;
  findings: readonly { category: Category; start: number; end: number }[];
}

export interface Correction {
  seq: number;
  t: number;
}

const squash = (s: string) => s.replace(/[\s，,。.！!？?、：:；;'"“”‘’「」『』]/g, '').toLowerCase();

/** How far back a correction that quotes nothing reaches: the host's last line with a finding. */
const UNQUOTED_REACH_MS = 180_000;

/**
 * Which earlier findings each correction line retracts: `seq of the corrected utterance →
 * category → the correction`. A correction that quotes a claim retracts the findings whose words
 * it quotes; one that quotes nothing ("刚才的说法是错误的") retracts the host's last line with a
 * finding, within three minutes. Only the first correction of a finding counts.
 */
export function findCorrections(utterances: readonly CorrectableUtterance[]): Map<number, Map<Category, Correction>> {
  const out = new Map<number, Map<Category, Correction>>();
  for (let i = 0; i < utterances.length; i++) {
    const c = utterances[i]!;
    if (!isCorrectionFrame(c.text)) continue;
    const quoted = quotedRanges(c.text)
      .map(([s, e]) => squash(c.text.slice(s, e)))
      .filter((q) => q.length >= 2);
    const mark = (u: CorrectableUtterance, category: Category) => {
      let m = out.get(u.seq);
      if (!m) out.set(u.seq, (m = new Map()));
      if (!m.has(category)) m.set(category, { seq: c.seq, t: c.t });
    };
    if (quoted.length > 0) {
      for (let j = 0; j < i; j++) {
        const u = utterances[j]!;
        for (const f of u.findings) {
          const words = squash(u.text.slice(f.start, f.end));
          if (words.length > 0 && quoted.some((q) => q.includes(words) || words.includes(q))) mark(u, f.category);
        }
      }
      continue;
    }
    for (let j = i - 1; j >= 0; j--) {
      const u = utterances[j]!;
      if (c.t - u.t > UNQUOTED_REACH_MS) break;
      if (u.findings.length === 0) continue;
      for (const f of u.findings) mark(u, f.category);
      break;
    }
  }
  return out;
}
