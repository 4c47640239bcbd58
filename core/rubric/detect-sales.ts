/**
 * Detectors for how products are sold: missing_risk_disclosure,
 * past_performance_without_disclaimer, unsuitable_recommendation, inducement_urgency.
 */
import {
  anyHit,
  hitsOf,
  inClause,
  inSentence,
  isFramed,
  isNegated,
  isProhibited,
  liveHits,
  overlapsAny,
  passingGates,
  regexHits,
  type Analysis,
  type Candidate,
} from './analysis.js';
import { NUMPCT } from './detect-claims.js';

const CLAIM_TAGS = ['guarantee_of_principal', 'promise_of_returns'] as const;

/** Risk wording that really discloses: 风险 inside 零风险 or risk inside risk-free does not. */
function discloses(a: Analysis): boolean {
  for (const h of hitsOf(a, 'risk')) {
    if (isFramed(a, h.start, h.end)) continue;
    if (overlapsAny(a, h.start, h.end, CLAIM_TAGS)) continue;
    const around = a.text.slice(Math.max(0, h.start - 3), h.end);
    if (/(?:零|无|没有|没|毫无|低)风险$|no risk$/.test(around)) continue;
    return true;
  }
  // An on-screen risk banner given as context counts as disclosure.
  const ctx = a.context;
  if (ctx !== null && anyHit(ctx, 'risk') && /横幅|屏幕|字幕|底部|banner|on-screen|on screen|caption/.test(ctx.text))
    return true;
  return false;
}

export function detectMissingRiskDisclosure(a: Analysis): Candidate[] {
  const pitches: Candidate[] = [];
  for (const h of liveHits(a, 'pitch')) {
    if (isNegated(a, h.start, h.end) || isProhibited(a, h.start)) continue;
    if (h.rule === 'weak') {
      // 申购费率 / 认购期 are nouns in a lesson; 点击下方申购 is a call.
      if (
        /^(?:费|流程|规则|期|时间|份额|的概念|是什么|怎么|和赎回|与赎回|赎回|确认|金额|门槛|起点|限额)/.test(
          a.text.slice(h.end, h.end + 4),
        )
      )
        continue;
      if (inClause(a, 'pitchMarker', h.start) === undefined) continue;
    }
    pitches.push(h);
  }
  // 放心，这个理财产品…: reassurance about a product is a pitch even without a buy button.
  if (pitches.length === 0) {
    const reassure = liveHits(a, 'reassure').find((r) => inSentence(a, 'product', r.start) !== undefined);
    if (reassure !== undefined) pitches.push(reassure);
  }
  if (pitches.length === 0 || discloses(a)) return [];
  return pitches.map((p) => ({ start: p.start, end: p.end, rule: 'pitch-without-risk' }));
}

const PAST_TIME =
  '(?:去年|前年|今年以来|今年|上半年|下半年|上个?月|上周|本月|这个月|本周|这周|近[\\d一二两三四五六七八九十半]+个?(?:年|月|周|天|日)|过去[\\d一二两三四五六七八九十半]+个?(?:年|月|周)|成立以来|成立[\\d一二两三四五六七八九十]+个?(?:年|月)|这几年|这些年|前几年|历史上|近期|最近[\\d一二两三四五六七八九十半]*个?(?:年|月|周)?|昨天|上季度|一季度|\\d{4}年)';
const PAST_RES: readonly [RegExp, string][] = [
  [
    new RegExp(
      `${PAST_TIME}[^。！？!?；;]{0,12}?(?:收益率?|涨了|涨幅|赚了|回报|累计|翻了|年化|盈利|上涨|跑赢|收了|涨|赚)[^。！？!?；;]{0,8}?${NUMPCT}`,
      'g',
    ),
    'past-figure',
  ],
  [new RegExp(`(?:涨了|赚了|翻了|收益率达到了?|累计收益|取得了|收益高达|涨幅达|累计涨)${NUMPCT}`, 'g'), 'past-figure'],
  [/连续[\d一二两三四五六七八九十]+年(?:正收益|盈利|赚钱|跑赢|上涨|收益为正|获得正)/g, 'track-record'],
  [
    /(?:returned|made|gained|earned|rose|grew|delivered|posted|returns? of|was up|were up|is up|are up|up) (?:over |about |nearly |almost |more than )?\d+(?:\.\d+)?%/g,
    'past-figure',
  ],
  [/\d+ (?:straight |consecutive )?years? of (?:positive|double-digit) returns/g, 'track-record'],
];

const FIGURE = /[%倍成]|百分之/;
const PAST_GATES: readonly RegExp[] = [FIGURE, FIGURE, /连续/, /%/, /years? of/];

export function detectPastPerformance(a: Analysis): Candidate[] {
  const found: Candidate[] = [...liveHits(a, 'past_performance_without_disclaimer')];
  const gates = passingGates(a, PAST_GATES);
  for (let i = 0; i < PAST_RES.length; i++) {
    const [re, rule] = PAST_RES[i] as [RegExp, string];
    if (gates[i] !== true) continue;
    for (const c of regexHits(a, re, rule)) {
      if (isFramed(a, c.start, c.end) || inSentence(a, 'hypo', c.start) !== undefined) continue;
      // English "up 20%" needs a past marker; the verbs above already are one.
      // "equities make up 60% of assets" is a share, not a return.
      if (
        /(?:make|makes|made|making|add|adds|sum|sums|end|ends|take|takes) $/.test(
          a.text.slice(Math.max(0, c.start - 8), c.start),
        )
      )
        continue;
      if (rule === 'past-figure' && /^(?:up|is up|are up) /.test(a.text.slice(c.start, c.end))) {
        if (!/last|this|since|past|ytd|year-to-date|in 20\d\d|so far/.test(a.text)) continue;
      }
      // Index facts in a lesson are not a product's record.
      const idx = inSentence(a, 'indexSubject', c.start);
      if (
        idx !== undefined &&
        inSentence(a, 'product', c.start) === undefined &&
        !/我们|学员|粉丝|会员|跟着|our|members|clients/.test(a.text)
      )
        continue;
      found.push(c);
    }
  }
  if (found.length === 0) return [];
  const short = liveHits(a, 'shortPeriod').length > 0;
  const annualisedShort = short && anyHit(a, 'annualise');
  const cured = liveHits(a, 'disclaimer').length > 0 && !short && !annualisedShort;
  return cured ? [] : found.map((c) => ({ ...c, rule: short ? `${c.rule}-short-period` : c.rule }));
}

const BYPASS =
  /先买后测|先买再测|先交易后测|先买后评|测评随便(?:选|填|做)|随便(?:选|填|勾)一下|往激进(?:了|的|点)?选|往高(?:了|的|点)?选|选(?:最)?激进|选最高|(?:我|帮你)(?:帮你)?(?:填|做)(?:测评|问卷)|跳过(?:风险)?测评|不用(?:做)?测评|测评走(?:个)?形式|改(?:一下)?测评|重新测(?:一下|一次)?就能买|answer (?:more )?aggressive(?:ly)?|pick the (?:highest|most aggressive)|skip the (?:risk )?questionnaire|fill (?:it|the questionnaire) in for you|just tick/g;
const BYPASS_GATE = /测|选|填|问卷|aggressive|highest|questionnaire|tick/;
/**
 * Coaching the questionnaire in so many words. The reasoned verdict (profile against product
 * level, waivers, pushes) is suitability.ts, joined to this in rules.ts.
 */
export function detectUnsuitable(a: Analysis): Candidate[] {
  if (!BYPASS_GATE.test(a.text)) return [];
  return regexHits(a, BYPASS, 'questionnaire-bypass').filter(
    (c) =>
      !isFramed(a, c.start, c.end) &&
      !isProhibited(a, c.start) &&
      !/(?:不能|不会|不要|别|不可以|禁止|切勿|不得|can't|won't|don't|never|not) ?(?:帮你|帮您|给你|给您)?$/.test(
        a.text.slice(Math.max(0, c.start - 6), c.start),
      ),
  );
}

const URGENCY_RES: readonly [RegExp, string][] = [
  [/(?:仅剩|只剩|还剩)[\d一二两三四五六七八九十几]+(?:个|位|名|份|席)/g, 'urgency'],
  [/最后[\d一二两三四五六七八九十几]+(?:个|位)?名额/g, 'urgency'],
  [/前[\d一二两三四五六七八九十百]+(?:位|名|个)[^。！？!?]{0,12}?(?:送|赠|领|奖励|红包)/g, 'gift'],
  [/only \d+ (?:spots?|places?|seats?|slots?|units?|left)/g, 'urgency'],
  [/(?:first|next) \d+ (?:people|customers|viewers|clients)[^.!?]{0,30}?(?:get|receive|win)/g, 'gift'],
];

const URGENCY_GATES: readonly RegExp[] = [/剩/, /最后/, /前/, /only/, /first|next/];

/** Said in the speaker's own voice, not negated and not a prohibition (不要…). */
function inducementOk(a: Analysis, start: number, end: number): boolean {
  return !isFramed(a, start, end) && !isNegated(a, start, end) && !isProhibited(a, start);
}

export function detectInducement(a: Analysis): Candidate[] {
  const out: Candidate[] = liveHits(a, 'inducement_urgency').filter((h) => inducementOk(a, h.start, h.end));
  for (let i = 0; i < URGENCY_RES.length; i++) {
    const [re, rule] = URGENCY_RES[i] as [RegExp, string];
    if (!(URGENCY_GATES[i] as RegExp).test(a.text)) continue;
    for (const c of regexHits(a, re, rule)) if (inducementOk(a, c.start, c.end)) out.push(c);
  }
  // A gift only counts when it is tied to opening an account or buying (a quiz prize is fine).
  for (const g of liveHits(a, 'gift')) {
    if (!inducementOk(a, g.start, g.end)) continue;
    const tie = hitsOf(a, 'tie').find(
      (t) => a.sentenceOf[t.start] === a.sentenceOf[g.start] && (t.end <= g.start || t.start >= g.end),
    );
    if (tie !== undefined) out.push({ start: g.start, end: g.end, rule: 'gift-for-account' });
  }
  return out;
}
