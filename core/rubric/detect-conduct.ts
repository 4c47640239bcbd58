/**
 * Detectors for conduct: specific_stock_tip, unlicensed_advice, privacy_overcollection,
 * disparaging_competitors, fraud_lure.
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
  regexHits,
  type Analysis,
  type Candidate,
} from './analysis.js';

// Six-digit A-share codes, also masked (600xxx): 60/68 Shanghai, 00/30 Shenzhen, 8x/43 Beijing.
const CODE = /(?<!\d)(?:60[0-5]|688|689|00[0-3]|30[01]|8[3-9]\d|43\d)[\dx]{3}(?![\dx])/g;
// Company-style names before a call: 某某科技, 某某股份.
const NAMED = /[\u4e00-\u9fff]{2,4}(?:股份|科技|银行|集团|控股|医药|电子|能源|汽车|药业|电气|新材|光电|智能)/g;
// Upper-case tickers in the ORIGINAL text (normalisation lower-cases them).
const TICKER = /(?:^|[^A-Za-z$])\$?([A-Z]{2,5})(?![A-Za-z])/g;
const NOT_TICKERS = new Set([
  'ETF',
  'APP',
  'VR',
  'AI',
  'CEO',
  'IPO',
  'USD',
  'CNY',
  'RMB',
  'DM',
  'OK',
  'ID',
  'PIN',
  'NAV',
  'YTD',
  'FAQ',
  'USA',
  'US',
  'UK',
  'EU',
  'CSRC',
  'SEC',
  'FINRA',
  'PDF',
  'QR',
  'OTP',
  'SSN',
  'VIP',
  'LOL',
  'OMG',
  'ASAP',
  'FOMO',
  'CPI',
  'GDP',
  'PE',
  'PB',
  'ROE',
  'KYC',
  'AML',
  'TV',
  'PM',
  'AM',
  'GMT',
  'UTC',
  'WTF',
  'CFA',
  'CPA',
  'FYI',
  'DIY',
  'IRA',
  'ESG',
  'LED',
]);
// A target or stop price with a figure is a call on a security even when the name is unknown.
const PRICE_CALL =
  /目标价[\d.]+|目标(?:看到?|位)[\d.]+|止损(?:位|价)?(?:设在|放在)?[\d.]+(?:块|元)?|price target (?:of )?\$?\d+|target (?:price )?(?:of )?\$\d+/g;
const TARGET =
  /(?:目标|看到|看|冲到|涨到)[\d.]+(?:块|元)|止损(?:位|价)?(?:设在)?[\d.]+|target (?:of )?\$?\d+|to \$\d+/g;

function hasTicker(original: string): boolean {
  TICKER.lastIndex = 0;
  for (let m = TICKER.exec(original); m !== null; m = TICKER.exec(original)) {
    const sym = m[1] as string;
    if (!NOT_TICKERS.has(sym) && !/^[RC][1-5]$/.test(sym)) return true;
  }
  return false;
}

function namesSecurity(a: Analysis, original: string): boolean {
  return (
    liveHits(a, 'security').length > 0 ||
    regexHits(a, CODE, 'code').some((c) => !isFramed(a, c.start, c.end)) ||
    regexHits(a, NAMED, 'name').length > 0 ||
    hasTicker(original)
  );
}

/** Said in the speaker's own voice, not negated and not a prohibition (不要…). */
function tipOk(a: Analysis, c: Candidate): boolean {
  return !isFramed(a, c.start, c.end) && !isNegated(a, c.start, c.end) && !isProhibited(a, c.start);
}

export function detectStockTip(a: Analysis, original: string, context: string | undefined): Candidate[] {
  if (anyHit(a, 'refuse')) return [];
  const out: Candidate[] = liveHits(a, 'specific_stock_tip').filter((c) => tipOk(a, c));
  if (/目标|止损|target/.test(a.text))
    for (const c of regexHits(a, PRICE_CALL, 'target-price')) if (tipOk(a, c)) out.push(c);
  // Naming a security is only checked once there is a call to act on one.
  const calls = liveHits(a, 'direction').filter((c) => tipOk(a, c));
  const targets = /看|到|target|\$/.test(a.text) ? regexHits(a, TARGET, 'target').filter((c) => tipOk(a, c)) : [];
  if (calls.length + targets.length === 0) return out;
  const named =
    namesSecurity(a, original) || (a.context !== null && context !== undefined && namesSecurity(a.context, context));
  if (!named) return out;
  for (const d of calls) out.push({ start: d.start, end: d.end, rule: 'buy-sell-call' });
  for (const d of targets) out.push({ start: d.start, end: d.end, rule: 'target-price' });
  return out;
}

export function detectUnlicensedAdvice(a: Analysis): Candidate[] {
  return liveHits(a, 'unlicensed_advice').filter(
    (h) => !isNegated(a, h.start, h.end) && !isProhibited(a, h.start) && inClause(a, 'official', h.start) === undefined,
  );
}

export function detectPrivacy(a: Analysis): Candidate[] {
  const out: Candidate[] = [];
  for (const s of liveHits(a, 'sensitive')) {
    if (inSentence(a, 'collect', s.start) === undefined) continue;
    const secret = hitsOf(a, 'secret').some((x) => x.start < s.end && s.start < x.end);
    if (!secret && inSentence(a, 'venue', s.start) === undefined) continue;
    // "任何人问你要验证码都不要给": a prohibition anywhere in the sentence makes it a warning.
    const si = a.sentenceOf[s.start];
    const prohibited = hitsOf(a, 'prohibit').some(
      (p) => a.sentenceOf[p.start] === si && !/^别忘/.test(a.text.slice(p.start, p.start + 2)),
    );
    if (prohibited || isNegated(a, s.start, s.end)) continue;
    // An official form with a stated purpose may ask for a phone number, nothing more.
    if (!secret && inSentence(a, 'official', s.start) !== undefined) continue;
    out.push({ start: s.start, end: s.end, rule: secret ? 'asks-for-secret' : 'personal-data-in-public' });
  }
  return out;
}

export function detectDisparaging(a: Analysis): Candidate[] {
  const out: Candidate[] = liveHits(a, 'disparaging_competitors').filter(
    (h) => inSentence(a, 'fakeEntity', h.start) === undefined,
  );
  for (const c of liveHits(a, 'competitor')) {
    if (inSentence(a, 'fakeEntity', c.start) !== undefined) continue;
    const smear = hitsOf(a, 'smear').find(
      (s) => a.sentenceOf[s.start] === a.sentenceOf[c.start] && !isNegated(a, s.start, s.end),
    );
    if (smear === undefined) continue;
    out.push({ start: Math.min(c.start, smear.start), end: Math.max(c.end, smear.end), rule: 'runs-down-competitor' });
  }
  return out;
}

export function detectFraudLure(a: Analysis): Candidate[] {
  return liveHits(a, 'fraud_lure').filter((h) => {
    if (isNegated(a, h.start, h.end) || isProhibited(a, h.start)) return false;
    // An anti-fraud talk names the scripts next to a warning (警惕, 举报, 12386, scam).
    const warn = hitsOf(a, 'warn').find(
      (w) => a.sentenceOf[w.start] === a.sentenceOf[h.start] && (w.end <= h.start || w.start >= h.end),
    );
    return warn === undefined;
  });
}
