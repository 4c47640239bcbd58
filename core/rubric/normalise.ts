/**
 * Normalisation of evasive spellings before matching.
 *
 * Streamers dodge keyword filters with full-width letters (ｖｘ), case (V信), pinyin (稳zhuan),
 * homophones (薇信), traditional characters (穩賺) and noise between characters (稳 * 赚). The
 * detectors only ever see the normalised text, so every normalised code unit remembers the
 * original UTF-16 range it came from: findings are reported as spans of the ORIGINAL text.
 */

export interface Normalised {
  /** The text the detectors match against. */
  readonly text: string;
  /** For each code unit of `text`, the original offset where it starts. */
  readonly starts: ArrayLike<number>;
  /** For each code unit of `text`, the original offset where it ends (exclusive). */
  readonly ends: ArrayLike<number>;
}

/** Maps a half-open range of the normalised text back to the original text. */
export function toOriginal(n: Normalised, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < n.starts.length ? (n.starts[start] ?? 0) : (n.ends[n.ends.length - 1] ?? 0);
    return { start: at, end: at };
  }
  return { start: n.starts[start] ?? 0, end: n.ends[end - 1] ?? 0 };
}

const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isAsciiAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

// Characters people sprinkle between Chinese characters to break keyword matching. Real
// punctuation (，。、！？：；) is kept: clause boundaries matter to negation and framing.
const NOISE_CHARS = " \t*·•・_-~|/\\^`'.丶﹒﹏♥❤☆★♡°◆◇○●※#@+=…";
const ZERO_WIDTH_CODES = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad];
// One byte per BMP code unit: the per-character pass is a table lookup, not a hash lookup.
const CLASS = new Uint8Array(0x10000);
const C_NOISE = 1;
const C_ZERO_WIDTH = 2;
for (const ch of NOISE_CHARS) CLASS[ch.charCodeAt(0)] = C_NOISE;
for (const c of ZERO_WIDTH_CODES) CLASS[c] = C_ZERO_WIDTH;

// Traditional forms of the characters the detectors care about: writing 穩賺 instead of 稳赚 is
// a common way around simplified-only filters.
const TRADITIONAL_PAIRS: Record<string, string> = Object.fromEntries(
  (
    '穩稳 賺赚 證证 險险 賠赔 虧亏 號号 碼码 帳账 賬账 戶户 開开 紅红 費费 贏赢 漲涨 買买 賣卖 錢钱 無无 風风 ' +
    '絕绝 對对 內内 導导 師师 薦荐 產产 額额 權权 資资 顧顾 問问 專专 業业 績绩 從从 獲获 過过 價价 騙骗 詐诈 ' +
    '槓杠 桿杆 兌兑 剛刚 劃划 線线 舉举 報报 謹谨 慎慎 擔担 頭头 進进 鐘钟 絡络 後后 機机 會会 單单 貸贷'
  )
    .split(' ')
    .map((pair) => [pair[0] as string, pair[1] as string]),
);

/**
 * Multi-character substitutions applied after the per-character pass. `han` means the source is
 * only replaced next to a Chinese character (so the English word "when" is not touched by a
 * pinyin rule) — pinyin and letter tricks are only ever used inside Chinese text.
 */
interface Substitution {
  readonly from: string;
  readonly to: string;
  readonly han: boolean;
}
const SUBSTITUTIONS: readonly Substitution[] = [
  // WeChat, spelled every way but the real one.
  ...['vx', 'wx', 'v信', 'v心', 'weixin', 'wei信', '微x', '薇信', '威信', '维信', '徽信', '薇心', '微芯', 'v❤'].map(
    (from) => ({
      from,
      to: '微信',
      han: from === 'vx' || from === 'wx' || from === 'weixin',
    }),
  ),
  { from: '加v', to: '加微信', han: false },
  { from: '加薇', to: '加微信', han: false },
  { from: '私v', to: '私信', han: false },
  { from: '扣一', to: '扣1', han: false },
  { from: '扣l', to: '扣1', han: false },
  // Pinyin for the money words.
  { from: 'wenzhuan', to: '稳赚', han: false },
  { from: 'wen zhuan', to: '稳赚', han: false },
  { from: 'feng', to: '风', han: true },
  { from: 'xian', to: '险', han: true },
  { from: 'jin', to: '金', han: true },
  { from: 'bao ben', to: '保本', han: false },
  { from: 'baoben', to: '保本', han: false },
  { from: 'zhuan', to: '赚', han: true },
  { from: 'wen', to: '稳', han: true },
  { from: 'bao', to: '保', han: true },
  { from: 'kui', to: '亏', han: true },
  { from: 'zhang', to: '涨', han: true },
  { from: 'gu', to: '股', han: true },
  { from: '稳zuan', to: '稳赚', han: false },
  // Percent written in words: 20个点 / 二十个百分点 / 百分之二十 all become 20% or 二十%.
  { from: '个百分点', to: '%', han: false },
  { from: '个点', to: '%', han: false },
  { from: '翻番', to: '翻倍', han: false },
  { from: ' percent', to: '%', han: false },
  { from: 'percent', to: '%', han: false },
];

// Width, case and traditional → simplified folded into one table lookup per code unit.
const FOLD = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) FOLD[c] = c;
for (let c = 0xff01; c <= 0xff5e; c++) FOLD[c] = c - 0xfee0;
FOLD[0x3000] = 0x20;
// Tone-marked pinyin vowels (bǎo本, 零fēng险) are the plain letters, so the pinyin rules below apply.
for (const [from, to] of [
  ['āáǎà', 'a'],
  ['ēéěè', 'e'],
  ['īíǐì', 'i'],
  ['ōóǒò', 'o'],
  ['ūúǔù', 'u'],
  ['ǖǘǚǜü', 'v'],
] as const)
  for (const ch of from) FOLD[ch.charCodeAt(0)] = to.charCodeAt(0);
// Circled and parenthesised digits (R④, ⑤倍) are the digits: one code unit each, offsets unchanged.
for (let d = 1; d <= 9; d++) {
  FOLD[0x245f + d] = 0x30 + d; // ① … ⑨
  FOLD[0x2473 + d] = 0x30 + d; // ⑴ … ⑼
  FOLD[0x2775 + d] = 0x30 + d; // ❶ … ❾
  FOLD[0x2789 + d] = 0x30 + d; // ➊ … ➒
}
for (let c = 0x41; c <= 0x5a; c++) FOLD[c] = c + 0x20;
for (let c = 0xff21; c <= 0xff3a; c++) FOLD[c] = c - 0xfee0 + 0x20;
for (const [t, sim] of Object.entries(TRADITIONAL_PAIRS)) FOLD[t.charCodeAt(0)] = sim.charCodeAt(0);

const SUB_BY_FIRST = new Map<number, Substitution[]>();
for (const s of [...SUBSTITUTIONS].sort((a, b) => b.from.length - a.from.length)) {
  const k = s.from.charCodeAt(0);
  const list = SUB_BY_FIRST.get(k) ?? [];
  list.push(s);
  SUB_BY_FIRST.set(k, list);
}
const SUB_FIRST = new Uint8Array(0x10000);
for (const k of SUB_BY_FIRST.keys()) SUB_FIRST[k] = 1;

/** Emoji (as surrogate pairs) that stand for a contact app; each name is two code units. */
const EMOJI_NAMES = new Map<number, string>([
  [(0xd83d << 16) | 0xdc27, 'qq'], // 🐧
  [(0xd83d << 16) | 0xdcac, '微信'], // 💬
  [(0xd83d << 16) | 0xdcde, '电话'], // 📞
  [(0xd83d << 16) | 0xdcf1, '手机'], // 📱
  [(0xd83d << 16) | 0xdee9, '飞机'], // 🛩
  [(0xd83d << 16) | 0xdcb0, '钱'], // 💰 (本💰 = 本钱, 存💰 = 存钱): one unit for two
]);
FOLD[0x2708] = '飞'.charCodeAt(0); // ✈ (telegram, 飞机)

const DIGIT_OR_CN_NUM = new Set('0123456789一二两三四五六七八九十百千万半几'.split('').map((c) => c.charCodeAt(0)));

// Scratch for the folded code units of pass 1, grown on demand and reused: the text is built from
// it by one String.fromCharCode, so no typed array is allocated per utterance (a typed array
// over 64 bytes gets an off-heap backing store, which costs more than the whole pass). An input
// longer than SCRATCH_MAX gets a buffer of its own, so one huge line does not pin memory.
const SCRATCH_MAX = 1 << 16;
let scratch = new Uint16Array(256);

export function normalise(input: string): Normalised {
  // Pass 1: per code unit — width, case, traditional forms, zero-width and noise removal.
  const len = input.length;
  if (scratch.length < len && len <= SCRATCH_MAX)
    scratch = new Uint16Array(Math.min(SCRATCH_MAX, Math.max(len, scratch.length * 2)));
  const codes = len <= scratch.length ? scratch : new Uint16Array(len);
  // Plain arrays of small integers live on the JS heap: cheaper to make than typed arrays here.
  const st: number[] = [];
  const en: number[] = [];
  let n = 0;
  let needsSubs = false;
  // Whether the text differs from the input: an unchanged text is the input string itself.
  let changed = false;
  for (let i = 0; i < len; i++) {
    const raw = input.charCodeAt(i);
    if (CLASS[raw] === C_ZERO_WIDTH) {
      changed = true;
      continue;
    }
    // An emoji standing for a contact app or money (🐧 QQ, 💬 WeChat, 💰 钱) becomes its name;
    // each unit of the name maps back to the emoji's two code units.
    if (raw >= 0xd800 && raw <= 0xdbff && i + 1 < len) {
      const name = EMOJI_NAMES.get((raw << 16) | input.charCodeAt(i + 1));
      if (name !== undefined) {
        for (let k = 0; k < name.length; k++) {
          codes[n++] = name.charCodeAt(k);
          st.push(i);
          en.push(i + 2);
        }
        i++;
        changed = true;
        continue;
      }
    }
    let c = FOLD[raw] as number;
    // A curly apostrophe inside an English word (can’t) is the ASCII one; elsewhere it is a quote.
    if (c === 0x2019 && i > 0 && isAsciiAlnum(input.charCodeAt(i - 1)) && isAsciiAlnum(input.charCodeAt(i + 1)))
      c = 0x27;
    if (CLASS[c] === C_NOISE) {
      const prev = n > 0 ? (codes[n - 1] as number) : -1;
      // Look ahead past further noise for the next real character.
      let next = -1;
      for (let j = i + 1; j < len; j++) {
        const d = FOLD[input.charCodeAt(j)] as number;
        if (CLASS[d] === 0) {
          next = d;
          break;
        }
      }
      const prevHan = prev >= 0 && isHan(prev);
      const nextHan = next >= 0 && isHan(next);
      const isSpace = c === 0x20 || c === 0x09;
      // Noise between two Chinese characters goes; so does a space between Chinese and a letter
      // or digit ("赚 20%", "加 v"). Spaces between English words collapse to one.
      if (
        (prevHan && nextHan) ||
        (isSpace && ((prevHan && next >= 0) || (nextHan && prev >= 0))) ||
        (isSpace && (prev === 0x20 || prev < 0)) ||
        (c === 0x2e && prevHan && next >= 0 && isAsciiAlnum(next) && !(next >= 0x30 && next <= 0x39))
      ) {
        changed = true;
        continue;
      }
      if (isSpace) c = 0x20;
    }
    if (SUB_FIRST[c] === 1) needsSubs = true;
    if (c !== raw) changed = true;
    codes[n] = c;
    st.push(i);
    en.push(i + 1);
    n++;
  }
  // Surrogate pairs pass through as two units with their own offsets; that already maps back.
  if (!needsSubs) return { text: changed ? fromCodes(codes, n) : input, starts: st, ends: en };

  // Pass 2: multi-character substitutions, longest first at each position.
  const out: number[] = [];
  const st2: number[] = [];
  const en2: number[] = [];
  let i = 0;
  while (i < n) {
    const c = codes[i] as number;
    const candidates = SUB_FIRST[c] === 1 ? SUB_BY_FIRST.get(c) : undefined;
    let applied = false;
    if (candidates !== undefined) {
      for (const sub of candidates) {
        const m = sub.from.length;
        if (i + m > n) continue;
        let ok = true;
        for (let k = 1; k < m; k++) {
          if (codes[i + k] !== sub.from.charCodeAt(k)) {
            ok = false;
            break;
          }
        }
        if (!ok || !boundaryOk(sub, codes, n, i, m)) continue;
        const s0 = st[i] as number;
        const e0 = en[i + m - 1] as number;
        for (let k = 0; k < sub.to.length; k++) {
          out.push(sub.to.charCodeAt(k));
          st2.push(s0);
          en2.push(e0);
        }
        i += m;
        applied = true;
        break;
      }
    }
    if (applied) continue;
    // A space left between pinyin and digits is now next to a Chinese character ("稳赚 20%").
    if (c === 0x20 && out.length > 0) {
      const prev = out[out.length - 1] as number;
      const next = i + 1 < n ? (codes[i + 1] as number) : -1;
      if (isHan(prev) || (next >= 0 && isHan(next))) {
        i++;
        continue;
      }
    }
    out.push(c);
    st2.push(st[i] as number);
    en2.push(en[i] as number);
    i++;
  }
  return { text: fromCodes(out, out.length), starts: st2, ends: en2 };
}

function fromCodes(codes: Uint16Array | number[], n: number): string {
  // Chunked so a long utterance never hits the argument-count limit.
  if (n <= 4096)
    return String.fromCharCode.apply(
      null,
      Array.isArray(codes) ? codes : (codes.subarray(0, n) as unknown as number[]),
    );
  let s = '';
  for (let i = 0; i < n; i += 4096)
    s += String.fromCharCode.apply(null, codes.slice(i, Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}

function boundaryOk(sub: Substitution, codes: ArrayLike<number>, n: number, i: number, m: number): boolean {
  const b = i > 0 ? (codes[i - 1] as number) : -1;
  const a = i + m < n ? (codes[i + m] as number) : -1;
  if (sub.to === '%') return b >= 0 && DIGIT_OR_CN_NUM.has(b);
  // Letter substitutions must not eat into a longer English word ("vxyz", "wenzhou").
  const first = sub.from.charCodeAt(0);
  const last = sub.from.charCodeAt(sub.from.length - 1);
  if (isAsciiAlnum(first) && b >= 0 && isAsciiAlnum(b)) return false;
  if (isAsciiAlnum(last) && a >= 0 && isAsciiAlnum(a)) return false;
  if (sub.han) return (b >= 0 && isHan(b)) || (a >= 0 && isHan(a));
  return true;
}
