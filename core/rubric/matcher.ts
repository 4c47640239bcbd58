/**
 * One Aho–Corasick automaton over every lexicon entry (category triggers and the cue words the
 * detectors reason with), built once at module load: a scan is linear in the utterance whatever
 * the size of the lexicon.
 */
// The package's double-array variant: same matches in the same order as the default trie of
// Maps, about twice as fast per character (measured on the rubric lexicon, 1,750 keywords).
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import type { Category } from './categories.js';

/** Words that are not violations by themselves but steer the detectors. */
export const CUES = [
  'neg', // negator before a claim, within a short window: 不能保证, 没有人能, no one can
  'neg1', // negator that must touch the claim: 不保本, 非保本, not risk-free
  'negpost', // negation after a claim: 保本是不可能的, …is a myth
  'frameIntro', // a warning frame that introduces a quotation: 骗子常说, if someone tells you
  'frameTrail', // a warning frame after the quotation: 这是骗局, that's a scam
  'warn', // warning vocabulary: 警惕, 举报, 12386, beware
  'contrast', // 但, 不过, but — a hedge followed by the claim still counts
  'softClaim', // what follows a hedge: 基本没问题, 都是赚的
  'risk', // risk disclosure wording
  'disclaimer', // past performance is no guide to the future
  'pitch', // call to buy / product pitch
  'pitchMarker', // makes 申购/购买 a call rather than a noun: 点击, 下方, 就能
  'product', // 基金, 理财, fund
  'reassure', // 放心, 闭眼
  'lowProfile', // a viewer who cannot bear risk: 退休, C1, 不能亏
  'highRisk', // R4/R5, 杠杆, 期权, 雪球, 两融
  'decline', // 不匹配, 不建议, not suitable
  'security', // a named security: 这只股, 该股, ticker
  'direction', // 买入, 卖出, 目标价, 止损
  'refuse', // 不荐股, can't give stock calls
  'tie', // opening an account or buying: what a gift must be tied to
  'gift', // 送, 红包, cash bonus
  'competitor', // 别家券商, other brokers
  'smear', // 垃圾, 割韭菜, crooks
  'fakeEntity', // 非法, 假冒, fake — warnings about illegal entities are fine
  'sensitive', // 手机号, 密码, password
  'secret', // 密码, 验证码 — never to be collected by anyone
  'collect', // 发, 打出, post, send
  'venue', // 公屏, 评论区, in the chat
  'prohibit', // 不要, 切勿, don't
  'hypo', // 假设, for example — hypothetical arithmetic
  'shortPeriod', // 近两个月, this month
  'annualise', // 年化, annualised
  'indexSubject', // 沪深300, 指数, the index — teaching facts
  'official', // 官方, in-app — official channels
] as const;
export type Cue = (typeof CUES)[number];
export type Tag = Category | Cue;

export interface LexEntry {
  readonly pattern: string;
  readonly tag: Tag;
  /** Rule id reported in a finding (for cues: a short label, for debugging). */
  readonly rule: string;
}

export interface Hit {
  readonly tag: Tag;
  readonly rule: string;
  /** Offsets in the normalised text. */
  readonly start: number;
  readonly end: number;
}

const isAsciiWord = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x27 || c === 0x24;

/** "guys' app" and "broker's": an apostrophe that ends a word is not part of it. */
function possessive(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 0x27) return false;
  const next = at + 1 < text.length ? text.charCodeAt(at + 1) : -1;
  if (next === 0x73) {
    const after = at + 2 < text.length ? text.charCodeAt(at + 2) : -1;
    return after < 0 || !isAsciiWord(after);
  }
  return next < 0 || !isAsciiWord(next);
}

export interface CompiledLexicon {
  readonly scan: (text: string) => Hit[];
}

/**
 * Compiles entries into one automaton. A pattern that starts or ends with an ASCII letter only
 * matches at an English word boundary ("risk" is not found in "brisk"); a trailing `*` in the
 * pattern lifts the right boundary so "guarantee*" also finds "guaranteed".
 */
export function compileLexicon(entries: readonly LexEntry[]): CompiledLexicon {
  const byKeyword = new Map<string, { tag: Tag; rule: string; left: boolean; right: boolean }[]>();
  for (const e of entries) {
    const prefix = e.pattern.endsWith('*');
    const kw = prefix ? e.pattern.slice(0, -1) : e.pattern;
    const first = kw.charCodeAt(0);
    const last = kw.charCodeAt(kw.length - 1);
    const list = byKeyword.get(kw) ?? [];
    list.push({ tag: e.tag, rule: e.rule, left: isAsciiWord(first), right: !prefix && isAsciiWord(last) });
    // A hyphen continues an English word on the right: "no risk" is not found in "no risk-free".
    byKeyword.set(kw, list);
  }
  const ac = new AhoCorasick([...byKeyword.keys()]);
  return {
    scan(text: string): Hit[] {
      const out: Hit[] = [];
      for (const m of ac.matchInText(text)) {
        const metas = byKeyword.get(m.keyword);
        if (metas === undefined) continue;
        const before = m.begin > 0 ? text.charCodeAt(m.begin - 1) : -1;
        const after = m.end < text.length ? text.charCodeAt(m.end) : -1;
        for (const meta of metas) {
          if (meta.left && before >= 0 && isAsciiWord(before)) continue;
          if (meta.right && after >= 0 && (isAsciiWord(after) || after === 0x2d) && !possessive(text, m.end)) continue;
          out.push({ tag: meta.tag, rule: meta.rule, start: m.begin, end: m.end });
        }
      }
      return out;
    },
  };
}

/**
 * Shorthand for lexicon files: many patterns sharing one tag and rule, written as one
 * `|`-separated list (line breaks and indentation around entries are ignored) so that word lists
 * stay dense and readable instead of one word per line.
 */
export function words(tag: Tag, rule: string, list: string): LexEntry[] {
  return list
    .split('|')
    .map((p) => p.replace(/^\s+|\s+$/g, ''))
    .filter((p) => p.length > 0)
    .map((pattern) => ({ pattern, tag, rule }));
}
