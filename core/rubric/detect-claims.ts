/**
 * Detectors for what is claimed about returns, capital and standing: promise_of_returns,
 * guarantee_of_principal, absolute_terms.
 */
import {
  hitsOf,
  inSentence,
  isFramed,
  isNegated,
  liveHits,
  passingGates,
  regexHits,
  type Analysis,
  type Candidate,
} from './analysis.js';

/** A number with its unit: 20%, 二十%, 两倍, 3成, 百分之二十. */
export const NUMPCT =
  '(?:(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百半几]+)(?:%|倍|成)|百分之[\\d一二两三四五六七八九十百.]+)';
const NOT_END = '[^，。！？,!?；;]';

const PROMISE_RES: readonly [RegExp, string][] = [
  // 能拿到8%, 轻松赚30%, 至少涨一倍
  [
    new RegExp(
      `(?:能|可以|会|将|保证|至少|起码|最少|少说|轻松|稳稳|稳|绝对|肯定|一定|随便|妥妥)地?(?:赚|挣|拿到|拿|达到|获得|实现|涨|翻|收获|做到|有)${NOT_END}{0,8}?${NUMPCT}`,
      'g',
    ),
    'forecast-figure',
  ],
  // 每个月稳稳10%, 一年至少两倍: a strong modal needs no verb before the figure.
  [
    new RegExp(`(?:稳稳|稳定|轻松|至少|起码|保底|保证|妥妥|稳拿)地?能?(?:赚|拿|有|收|获得|拿到)?${NUMPCT}`, 'g'),
    'forecast-figure',
  ],
  // 20%没问题, 翻倍不是梦
  [
    new RegExp(
      `${NUMPCT}${NOT_END}{0,4}?(?:没问题|不是问题|不成问题|妥妥|稳稳|跑不了|不在话下|板上钉钉|很轻松|轻轻松松|是保底|起步|打底|稳了|不是梦|是常态|很正常|没跑)`,
      'g',
    ),
    'figure-assured',
  ],
  // 明年能涨到5000点, 下个月一定翻倍
  [
    new RegExp(
      `(?:明年|今年|下个月|下月|年底|年内|月底|接下来|后市|下半年|明天|下周|马上|很快|以后|将来)${NOT_END}{0,8}?(?:能|会|将|要|肯定|一定|必然|必定)(?:涨到|涨|翻倍|翻|达到|冲到|突破|上涨|赚)`,
      'g',
    ),
    'forecast',
  ],
  // 年化收益能到8%, 收益至少6%
  [
    new RegExp(
      `(?:收益|回报|收益率|年化)${NOT_END}{0,6}?(?:有保障|稳定在|能到|能达到|可以达到|至少|不低于|保持在|稳稳)${NOT_END}{0,4}?${NUMPCT}`,
      'g',
    ),
    'forecast-figure',
  ],
  // 每天稳定收益, 给你稳定的收益
  [
    /(?:每天|每月|每周|天天|月月|年年|保证|承诺|给你|带你|让你|享受|拿到)[^，。！？,!?]{0,3}?稳定的?(?:收益|回报|盈利|赚钱)/g,
    'steady-income',
  ],
  // you will earn 8%, it'll return 12% a year
  [
    /(?:you|we|it|this fund|this product|the fund)(?:'ll| will| are going to| is going to)(?: easily| definitely| surely| certainly)? (?:earn|make|return|get|gain|yield|grow|see)[^.,!?;]{0,14}?\d+(?:\.\d+)?%/g,
    'forecast-figure',
  ],
  [
    /\d+(?:\.\d+)?% (?:returns? |gains? |profits? |a year |a month |per year |per month |annually )?(?:guaranteed|for sure|easily|no problem|is a given|minimum|at least|every (?:year|month))/g,
    'figure-assured',
  ],
  [/(?:at least|minimum of|no less than) \d+(?:\.\d+)?% (?:a|per|every) (?:year|month|week)/g, 'figure-assured'],
];

// Cheap pre-tests, one per expression above (same order): most utterances skip most expressions.
const FIGURE = /[%倍成]|百分之/;
const PROMISE_GATES: readonly RegExp[] = [FIGURE, FIGURE, FIGURE, /[涨翻赚破达冲]/, FIGURE, /稳定/, /%/, /%/, /%/];

const PRINCIPAL_RES: readonly [RegExp, string][] = [
  [
    /本金[^，。！？,!?；;]{0,4}?(?:没问题|没事|安全|无忧|不会亏|不会少|亏不了|有保障|放心|保住|保得住|不会有损失|不受损失|稳)/g,
    'principal-safe',
  ],
  [
    /(?:亏了|亏损|损失|赔了)[^。！？!?；;]{0,5}?(?:我|我们|公司|平台)[^，。！？,!?；;]{0,8}?(?:补|赔|承担|负责|兜底|来扛|包)/g,
    'loss-covered',
  ],
  [
    /(?:you|your money|your principal|your capital|it)(?: basically| really| simply| just)? (?:can't|cannot|won't|will not|will never) (?:lose|go down|drop)/g,
    'principal-safe-en',
  ],
];
const PRINCIPAL_GATES: readonly RegExp[] = [/本金/, /亏|损失|赔/, /lose|go down|drop/];
// 亏是不可能的 is a claim built out of a negation, so post-negation does not apply to it.
const LOSS_IMPOSSIBLE = /(?:亏|赔|亏钱|赔钱|亏本)(?:是)?(?:不可能|不了)/g;

const HEDGE_BEFORE =
  /不保本|非保本|不是保本|合同上|监管要求|合规要求|on paper|not principal.protected|(?:不能|不敢|无法|没法|不可以|不好|不便|按规定不能|不让)(?:说|保证|承诺|打包票|讲)|不保证|不承诺|(?:can't|cannot|can not|won't|not allowed to|not supposed to) (?:promise|guarantee|say)|no guarantees?/;
const PRINCIPAL_WORDS = /保本|本金|亏|赔|安全|风险|principal|capital|lose|loss|safe|risk/;

function claimFilter(a: Analysis, c: Candidate): boolean {
  return !isFramed(a, c.start, c.end) && !isNegated(a, c.start, c.end);
}

function hypothetical(a: Analysis, pos: number): boolean {
  return inSentence(a, 'hypo', pos) !== undefined;
}

/**
 * "按规定不能说保本，但本金基本没问题": a negated commitment followed by a contrast and a claim.
 * The hedge is compliant; what comes after the contrast is the violation.
 */
const HEDGE_CACHE = new WeakMap<Analysis, { principal: Candidate[]; returns: Candidate[] }>();

const NOT_HEDGED: { principal: Candidate[]; returns: Candidate[] } = { principal: [], returns: [] };

function hedged(a: Analysis): { principal: Candidate[]; returns: Candidate[] } {
  // Without a contrast (但/but) there is no hedge: skip the cache (most utterances).
  if (hitsOf(a, 'contrast').length === 0) return NOT_HEDGED;
  const cached = HEDGE_CACHE.get(a);
  if (cached !== undefined) return cached;
  const result = findHedged(a);
  HEDGE_CACHE.set(a, result);
  return result;
}

function findHedged(a: Analysis): { principal: Candidate[]; returns: Candidate[] } {
  const principal: Candidate[] = [];
  const returns: Candidate[] = [];
  if (hitsOf(a, 'contrast').length === 0) return { principal, returns };
  for (const c of hitsOf(a, 'contrast')) {
    const si = a.sentenceOf[c.start] as number;
    const sentence = a.sentences[si];
    if (sentence === undefined) continue;
    const prev = si > 0 ? a.sentences[si - 1] : undefined;
    const before = a.text.slice(prev !== undefined && c.start - sentence[0] < 3 ? prev[0] : sentence[0], c.start);
    const m = HEDGE_BEFORE.exec(before);
    if (m === null || isFramed(a, c.start, c.end)) continue;
    const claim = hitsOf(a, 'softClaim').find(
      (h) =>
        h.start >= c.end &&
        a.sentenceOf[h.start] === si &&
        !isNegated(a, h.start, h.end) &&
        !/可能/.test(a.text.slice(Math.max(c.end, h.start - 3), h.start)),
    );
    if (claim === undefined) continue;
    let end = sentence[1];
    while (end > c.start && /[。！？!?；;.\s]/.test(a.text[end - 1] as string)) end--;
    const after = a.text.slice(c.end, end);
    const cand = { start: c.start, end, rule: 'hedged-claim' };
    if (PRINCIPAL_WORDS.test(after) || PRINCIPAL_WORDS.test(m[0] + before.slice(m.index, m.index + 8)))
      principal.push(cand);
    else returns.push(cand);
  }
  return { principal, returns };
}

export function detectPromiseOfReturns(a: Analysis): Candidate[] {
  const out: Candidate[] = liveHits(a, 'promise_of_returns').filter((h) => !isNegated(a, h.start, h.end));
  const gates = passingGates(a, PROMISE_GATES);
  for (let i = 0; i < PROMISE_RES.length; i++) {
    const [re, rule] = PROMISE_RES[i] as [RegExp, string];
    if (gates[i] !== true) continue;
    for (const c of regexHits(a, re, rule)) {
      if (!claimFilter(a, c) || hypothetical(a, c.start)) continue;
      // "未来可能会涨也可能会跌" is not a forecast.
      const clause = a.text.slice(Math.max(0, c.start - 4), c.end);
      if (/可能|或许|也许|不一定|未必|might|may |could/.test(clause)) continue;
      out.push(c);
    }
  }
  out.push(...hedged(a).returns);
  return out;
}

export function detectGuaranteeOfPrincipal(a: Analysis): Candidate[] {
  const out: Candidate[] = liveHits(a, 'guarantee_of_principal').filter((h) => {
    if (isNegated(a, h.start, h.end)) return false;
    // 会不会亏 / 能不能保本 ask (A-not-A), 本金保障型 names a product type, 不会亏很多 limits a loss.
    const t = a.text;
    if (t.startsWith('不', h.start) && /[会能是]$/.test(t.slice(Math.max(0, h.start - 1), h.start))) return false;
    if (/^(?:型|类)/.test(t.slice(h.end, h.end + 1))) return false;
    if (/^(?:很多|太多|太狠|多少|太惨|那么多|much)/.test(t.slice(h.end, h.end + 4))) return false;
    // 无风险利率 / risk-free rate are textbook terms, not claims.
    const next = a.text.slice(h.end, h.end + 5);
    return !/^(?:利率|收益率|资产| rate| asset)/.test(next);
  });
  for (let i = 0; i < PRINCIPAL_RES.length; i++) {
    const [re, rule] = PRINCIPAL_RES[i] as [RegExp, string];
    if (!(PRINCIPAL_GATES[i] as RegExp).test(a.text)) continue;
    for (const c of regexHits(a, re, rule)) if (claimFilter(a, c)) out.push(c);
  }
  for (const c of /[亏赔]/.test(a.text) ? regexHits(a, LOSS_IMPOSSIBLE, 'principal-safe') : []) {
    if (isFramed(a, c.start, c.end)) continue;
    if (hitsOf(a, 'neg').some((n) => n.end <= c.start && c.start - n.end <= 6)) continue;
    out.push(c);
  }
  out.push(...hedged(a).principal);
  return out;
}

const ADVERBIAL_BEST =
  /^(?:不|别|先|还是|是|能|要|在|把|去|做|看|等|提前|了解|咨询|控制|分散|根据|留意|注意|关注|谨慎|用|选择|设|保持|认真|仔细|多|少|找|问|跟|和|与|对|一|每|避免|远离|量力|理性|长期)/;

export function detectAbsoluteTerms(a: Analysis): Candidate[] {
  const t = a.text;
  return liveHits(a, 'absolute_terms').filter((h) => {
    const next = t.slice(h.end, h.end + 6);
    const prev = t.slice(Math.max(0, h.start - 8), h.start);
    const word = t.slice(h.start, h.end);
    if (isNegated(a, h.start, h.end)) return false;
    switch (word) {
      case '最好':
        // 最好的券商 is a claim; 最好先做风险测评 is advice.
        return !ADVERBIAL_BEST.test(next);
      case '唯一':
        return !/^(?:要|需要|能做的|的办法|的建议|不变|确定|的方法|可以确定|能确定|能控制)/.test(next);
      case '绝对':
        return !/^(?:不|别|没|要|禁止|值|收益|额|数|是违规|违规|是骗|是红线)/.test(next);
      case '独家':
        return !/^(?:解读|观点)/.test(next);
      case 'the best':
      case 'greatest':
      case 'strongest':
      case 'safest':
        return (
          !/^ (?:way|time|thing|practice|approach|advice|defen[cs]e|protection|you can|of luck|we can|to|thing|risk|danger|mistake)\b/.test(
            next + t.slice(h.end + 6, h.end + 12),
          ) && !/(?:do your|try your|at)\s*$/.test(prev)
        );
      case 'number one':
      case '#1':
      case 'no.1':
      case 'no. 1':
        return (
          !/^ (?:rule|thing|priority|question|mistake|risk|reason|lesson)/.test(
            next + t.slice(h.end + 6, h.end + 10),
          ) && !/rule\s*$/.test(prev)
        );
      default:
        return true;
    }
  });
}
