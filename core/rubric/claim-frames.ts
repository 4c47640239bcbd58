/**
 * Claims about returns and capital made without a promise word (issue 13, "paraphrase" and
 * "rhetoric" classes; CATALOGUE decisions 8 and 9):
 *  - a yield stated as a plain fact about the future ("一年六个点是稳的", "pays 6% a year like
 *    clockwork", "十万进去一年就有六千");
 *  - a past run said to go on ("去年翻了一倍，今年还能再翻", "the kind of run that keeps going");
 *  - an index's record carried over to the product sold ("so this fund will do about the same");
 *  - a rise forecast on a date without a modal ("明天就翻红", "下周还有新高", "will pop next week");
 *  - the host asking a gain or loss question and answering it ("能涨吗？肯定能", "会亏吗？不会");
 *  - a bare yes to a viewer who asked for the promise or the guarantee.
 * Each is a structure (figure × period × assurance, past × continuation, question × answer),
 * not a phrase list. Pure; candidates in normalised offsets.
 */
import { hitsOf, inSentence, isFramed, type Analysis, type Candidate } from './analysis.js';

/** A yield: 6%, 六%, 百分之六, 年化7, 四点二 (after 年化), five%, 两倍, 3成. */
const NUM = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百半几]+(?:点[一二三四五六七八九])?)';
const EN_NUM = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)';
const YIELD = new RegExp(
  `(?:${NUM} ?(?:%|倍|成)|百分之${NUM}|${EN_NUM} ?(?:%|percent)|年化 ?${NUM}(?![\\d万千元块])|\\b\\d+(?:\\.\\d+)? (?:a|per) year)`,
  'g',
);
/** An amount of money said to come back ("就有六千块", "you'll have twenty"). */
const MONEY_BACK =
  /(?:就有|到手|拿到|变成|多出|打底|回本)[^，。,.]{0,6}?(?:\d+|[一二两三四五六七八九十百千万几]+)(?:块|元|万|千)|(?:you'll|you will|it'll|it will) (?:have|walk away with|be worth|get back|double)|(?:worth|walk away with) (?:\w+ ){0,2}(?:grand|thousand|k\b|\d+)/g;

const PERIOD =
  /一天|每天|天天|daily|a day|per day|一年|每年|年化|每个?月|每季度?|一个月|年年|月月|到期|到年底|年底|三年|两年|a year|per year|annual|every year|each year|a month|per month|monthly|yearly|quarter|by the time|next year|in (?:\w+ )?years?/;
const ASSURE =
  /是有的|有的|到哪都是|这个数|自动|躺|保底|起步|floor|locked in|looking at|delivers|that's what|稳的|是稳|稳定|稳稳|稳拿|跑不掉|肯定|一定|打底|雷打不动|实打实|就是这个数|都是这个数|年年都|每年都|基本上就是|基本上|没悬念|没什么悬念|问题不大|大概率|合理预期|是最少|最少的|少不了|差不了|差不多|不用怀疑|没落空|不用担心|拿得到|就等于|跟发工资|到点就|只会|就是|就有|左右吧|stable|steady|like clockwork|every (?:single )?year|for sure|guaranteed|\beasy\b|easily|a given|at least|lock (?:it )?in|lock in|you'll|you will|will (?:get|give|pay|do|be)|pays (?:you|out)|that's what it does|just does|never missed|no drama|regular|always|should give|expect/;
const PAST =
  /近 ?[\d一二两三四五六七八九十半]+个?(?:年|月|周)|排名|同类|去年|前年|过去|以来|历史|以往|前面|前几|上一期|上期|曾经|拿了[\d一二三四五六七八九十]+年|last (?:year|month|quarter)|has done|have done|averaged|returned|since|history|past|was up|so far/;
const CONTINUES =
  /长期拿着|就是这个收益|going forward|what you'll get|还能|还会|还得|继续|照这个|照样|也一样|一样|今年(?:肯定|也|没理由|还)|这期|这一期|只会比|原样|再来|没理由例外|不会差|差不了|keeps? going|keep going|will continue|same again|won't stop|next year too|this year too|again/;
const INDEX = /指数|沪深300|中证|纳指|纳斯达克|标普|s&p|nasdaq|index|benchmark|黄金|大盘/;
const CARRY =
  /所以|因此|就等于|等于|跟踪|一样|差不多|也能|同样|so (?:this|our|the)|therefore|tracker|track(?:s|ing)? it|about the same|the same|too\b/;
const PRODUCT_REF = /这只|这个|我们|本基金|这款|this (?:fund|one|tracker|etf|product|note)|our |you|大家|你/;
const SOFTEN =
  /比较基准|基准|benchmark|可能|或许|也许|不一定|未必|不保证|不代表|不承诺|假设|假如|比如|举例|例如|如果|might|may |could|not guaranteed|no guarantee|hypothetical|for example|say you|if you|不能保证|波动|风险|亏损|lose|risk/;

const HEDGE =
  /(?:不能|不敢|没人敢|没有人敢|谁也不敢|没人能|谁都不能|不好)(?:说|保证|承诺|打包票|讲)|不承诺|不保证|(?:nobody|no one) can (?:promise|guarantee)|(?:can't|cannot|won't) (?:promise|guarantee)|no guarantees?/;
const CONTRAST_G = /但(?:是)?|不过|可是|\bbut\b|然而/g;
const NOT_YIELD =
  /费|佣金|税|贷款|利率|通胀|占比|仓位|比例|权重|回撤|跌|亏|fee|cost|charge|expense|tax|inflation|weight|share of|drawdown|fell|lost|down/;
const RISE =
  /一波|突破|往上走|一字板|上涨空间|还有一段|主升|看到收益|见到收益|吃到|doubles|翻红|翻倍|翻番|翻一番|新高|大涨|涨停|起飞|暴涨|主升浪|吃肉|回本|就翻|pop|moon|skyrocket|double|go up|rocket|explode|rip\b/;
const WHEN =
  /[一两三半\d]+个?(?:年|月|周|天)(?:之内|以内|内|后)|within (?:a|an|\w+) (?:year|month|week)s?|in a (?:year|month|week)|明后|周[一二三四五]|复牌|一出来|后面|接下来|上市|明天|后天|下周|下个?月|年底|月底|年内|下半年|明年|马上|很快|上市就|开盘|节后|tomorrow|next (?:week|month|year)|by (?:friday|monday|the end)|soon|this week/;

const GAIN_Q =
  /(?:能|会|还能|还会)(?:涨|赚|回本|翻|赢)[^，。,.?？]{0,6}?(?:吗|不|么)?[?？]|will it (?:go up|rise|gain|recover)[^?]*\?/g;
const LOSS_Q =
  /(?:会|能|有)(?:亏|跌|赔|少|没|损失|风险|出问题)[^，。,.?？]{0,6}?(?:吗|不|么)?[?？]|(?:can|will) (?:it|i|you) (?:lose|drop|go down|fall)[^?]*\?/g;
const YES_A =
  /^[，,\s]*(?:说实话[，,]?)?(?:肯定|当然|必须|能|会|绝对|一定|of course|yes|absolutely|definitely|sure|for sure)/;
const NO_A =
  /^[，,\s]*(?:说实话[，,]?)?(?:嗯)?(?:没(?:啥|什么|有)?风险|没有的事|none|not at all|不会|不能|跌不了|亏不了|赔不了|很难|难|不可能|放心|no\b|never|not a chance|nope|it won't|it can't)/;

const AFFIRM =
  /^(?:嗯)?(?:安全|保的|没错|一样|差不多|是的?|对|嗯?对的?|能|可以|会|稳|肯定|当然|有的|没问题|放心|必须|yes|yeah|yep|yup|sure|pretty much|of course|absolutely|definitely|correct|that's right|right)/;
const DENY = /不|没|别|难说|说不好|no\b|not|can't|cannot|won't|never|nobody|depends/;
const ASKS_GAIN =
  /稳赚|翻|涨|赚|double|gain|能赚|赚多少|收益|能有多少|能拿到|能涨|还能涨|回本|稳吗|保收益|guarantee|for sure|make|earn|return|yield|go up|\d+ ?%|个点/;
const ASKS_SAFE = /亏|跌|赔|套|保本|本金|安全|风险|存款|lose|losing|safe|principal|protected|deposit|crash|risk/;
/** The viewer asks whether it is safe (a yes is the guarantee), not whether it can lose (a yes is honest). */
const ASKS_SAFETY =
  /保本|本金安全|安全吗|是不是安全|跟存款|和存款|存款一样|(?<!会)不会亏|亏不了|safe|protected|risk.free|deposit|no chance/;
const ASKS_LOSS =
  /会亏|会不会亏|亏吗|可能亏|会跌|跌吗|会不会跌|有风险|风险大|会少|本金没|被套|lose|losing|crash|go down/;
const ASKS_HOW_MUCH = /多少|几个点|多久|how much|what (?:return|yield)|how long/;

/** Capital said to be untouchable, in any words: subject × fate. */
const CAPITAL_SAFE =
  /(?:本金|本钱|大家的钱|你的钱|您的钱|钱)[^，。,.!?！？]{0,8}?(?:不会少|一分(?:都|也)?不会(?:少|动)|不会动|是不动的|不动|没不了|一分(?:钱)?不少|原样(?:拿回|还)|(?:肯定|都能|全部)?(?:拿|要)回来|肯定回来|绝不会出问题|不会出问题|不会有事|铁板钉钉|板上钉钉|有人兜着|兜着|放宽心)|(?:capital|principal|money)(?: \w+){0,2} (?:stays intact|is intact|can never be touched|is never at risk|never at risk|is untouchable|is always safe)/g;
/** Likened to a deposit (跟存款差不多, a deposit with a better rate): the listed forms are in the lexicon. */
const DEPOSIT_LIKE =
  /(?:跟|和|像|就是|相当于|等于|变相的?|当成|当作|比)[^，。,.!?！？]{0,6}?(?:定期存款|存款|定存|存单|余额宝|银行|存钱)[^，。,.!?！？]{0,4}?(?:一样|差不多|没区别|似的|还安全|还稳|安全)|变相的?定存|(?:跟|像)?放(?:在)?保险(?:柜|箱)(?:里)?一样|(?:like|as safe as|basically|think of it as|same as|just as safe as)(?: \w+){0,3} (?:deposit|savings account|mattress|cash in the bank)/g;
/** "没啥风险", "一点风险都没有", "never loses": no risk in everyday words. */
const NO_RISK_PLAIN =
  /(?:就算|即使|哪怕|万一)[^。！？!?]{0,12}?也(?:能|会)?(?:回本|拿回|涨回来)|风险(?:几乎|基本)?(?:为零|是零)|(?:一点|一丁点|任何|啥|什么)风险(?:都|也)?(?:没有|没)|没(?:什么|啥)风险|风险(?:为零|是零)|(?:肯定|一定|早晚|迟早)(?:能|会)?涨回来|不会真亏|never loses|never lost money|no chance of losing/g;

const YIELD_GATE = /[%倍成]|百分之|年化|percent| (?:a|per) year/;
const MONEY_GATE = /就有|到手|拿到|变成|多出|打底|回本|you'll|you will|it'll|it will|worth|walk away/;
const CONTRAST_GATE = /但|不过|可是|然而|but/;
const QUESTION_GATE = /[?？]/;

export interface ClaimFrames {
  readonly returns: Candidate[];
  readonly principal: Candidate[];
  /** Stable ids of the frames seen, as features for the learned layer. */
  readonly flags: number[];
}

function sentenceText(a: Analysis, pos: number): { s: number; e: number; text: string } {
  const sent = a.sentences[a.sentenceOf[Math.min(pos, a.text.length)] as number];
  if (sent === undefined) return { s: 0, e: a.text.length, text: a.text };
  return { s: sent[0], e: sent[1], text: a.text.slice(sent[0], sent[1]) };
}

/** Negated or refused right before (不会有6%, 没人能拿到): not a claim. */
function negatedBefore(t: string, at: number): boolean {
  const before = t.slice(Math.max(0, at - 6), at).replace(/差不多|不少|不止|不低于|不错/g, '');
  return /(?:不|没|无|别|难|not|no|never|can't|won't)[^，。,.]{0,4}$/.test(before);
}

export function findClaimFrames(a: Analysis): ClaimFrames {
  const t = a.text;
  const returns: Candidate[] = [];
  const principal: Candidate[] = [];
  const flags: number[] = [];
  const framed = (s: number, e: number): boolean => isFramed(a, s, e);
  const hypo = (pos: number): boolean => inSentence(a, 'hypo', pos) !== undefined;

  // 1. A yield as a fact about the future; 2. a past run that goes on; 3. an index carried over.
  YIELD.lastIndex = 0;
  MONEY_BACK.lastIndex = 0;
  const figures: { start: number; end: number }[] = [];
  // Cheap necessary conditions first: this runs on every scored utterance.
  if (YIELD_GATE.test(t))
    for (let m = YIELD.exec(t); m !== null; m = YIELD.exec(t))
      figures.push({ start: m.index, end: m.index + m[0].length });
  if (MONEY_GATE.test(t))
    for (let m = MONEY_BACK.exec(t); m !== null; m = MONEY_BACK.exec(t))
      figures.push({ start: m.index, end: m.index + m[0].length });
  for (const f of figures) {
    if (framed(f.start, f.end) || hypo(f.start) || negatedBefore(t, f.start)) continue;
    const { text: sent } = sentenceText(a, f.start);
    const near = t.slice(Math.max(0, f.start - 14), Math.min(t.length, f.end + 16));
    const past = PAST.test(near);
    // Fees, taxes, weights and shares are figures too, not yields.
    if (SOFTEN.test(near) || NOT_YIELD.test(near)) continue;
    // Assured by its wording anywhere in the sentence, or by a call to buy in the same line.
    const assured = ASSURE.test(sent) || hitsOf(a, 'pitch').length > 0;
    if (!past && PERIOD.test(sent) && assured && !SOFTEN.test(sent)) {
      returns.push({ start: f.start, end: f.end, rule: 'yield-as-fact' });
      flags.push(0);
    } else if (past && CONTINUES.test(t.slice(f.end)) && !SOFTEN.test(t.slice(f.end))) {
      returns.push({ start: f.start, end: f.end, rule: 'past-run-continues' });
      flags.push(1);
    } else if (
      past &&
      INDEX.test(t.slice(0, f.end)) &&
      CARRY.test(t.slice(f.end)) &&
      PRODUCT_REF.test(t.slice(f.end))
    ) {
      returns.push({ start: f.start, end: f.end, rule: 'index-carried-to-product' });
      flags.push(2);
    } else if (!past && PERIOD.test(sent)) flags.push(3);
  }
  // A past run said to continue without a figure ("这几年一直在涨，照这个趋势…还会再涨").
  if (returns.length === 0 && PAST.test(t) && /涨|赚|收益|翻|gain|run|up\b/.test(t)) {
    const c = /(?:还会|还能|继续|照这个|没理由例外|原样再来|keeps? going|will continue)/.exec(t);
    if (c !== null && !framed(c.index, c.index + c[0].length) && !SOFTEN.test(t.slice(c.index)) && !hypo(c.index)) {
      returns.push({ start: c.index, end: c.index + c[0].length, rule: 'past-run-continues' });
      flags.push(1);
    }
  }

  // "没人敢保证，但…" / "nobody can promise, but trust me…" followed by a figure, a rise or an assurance.
  const hedge = CONTRAST_GATE.test(t) ? HEDGE.exec(t) : null;
  if (hedge !== null && returns.length === 0) {
    CONTRAST_G.lastIndex = hedge.index + hedge[0].length;
    const c = CONTRAST_G.exec(t);
    if (c !== null) {
      const after = t.slice(c.index + c[0].length);
      YIELD.lastIndex = 0;
      if ((YIELD.test(after) || RISE.test(after) || /赚|profit|gain|earn/.test(after)) && !SOFTEN.test(after)) {
        returns.push({ start: c.index, end: t.length, rule: 'hedge-then-promise' });
        flags.push(10);
      }
    }
  }

  // 4. A rise forecast on a date, no modal needed.
  const rise = RISE.exec(t);
  if (rise !== null && WHEN.test(t) && !framed(rise.index, rise.index + rise[0].length) && !hypo(rise.index)) {
    const around = t.slice(Math.max(0, rise.index - 12), rise.index + rise[0].length + 6);
    const past = PAST.test(around) || /\d{4}年|年底都|曾经|历史上/.test(around);
    if (!past && !SOFTEN.test(around) && !negatedBefore(t, rise.index) && !/[?？吗]|下跌|回调|回撤/.test(around)) {
      returns.push({ start: rise.index, end: rise.index + rise[0].length, rule: 'dated-rise' });
      flags.push(4);
    }
  }

  // 5. Asking the question and answering it (decision 8).
  for (const [re, yes, list, rule, flag] of [
    [GAIN_Q, YES_A, returns, 'rhetorical-gain', 5],
    [LOSS_Q, NO_A, principal, 'rhetorical-loss', 6],
  ] as const) {
    if (!QUESTION_GATE.test(t)) break;
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const end = m.index + m[0].length;
      if (framed(m.index, end)) continue;
      const after = t.slice(end, end + 12);
      if (yes.test(after) && !/可能|也许|不一定|说不好|谁也|maybe|might|depends/.test(after)) {
        list.push({ start: m.index, end: Math.min(t.length, end + 6), rule });
        flags.push(flag);
      }
    }
  }

  // 5b. Capital said to be safe in everyday words, or likened to a deposit.
  for (const [re, rule, gate] of [
    [CAPITAL_SAFE, 'capital-untouchable', /钱|本|capital|principal|money/],
    [DEPOSIT_LIKE, 'deposit-like', /存|余额宝|银行|保险|deposit|savings|mattress|cash/],
    [NO_RISK_PLAIN, 'no-risk-plain', /风险|回本|拿回|涨回|亏|never los|no chance/],
  ] as const) {
    if (!gate.test(t)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const end = m.index + m[0].length;
      if (framed(m.index, end) || hypo(m.index)) continue;
      const before6 = t.slice(Math.max(0, m.index - 6), m.index);
      // 不敢说一点风险都没有 / 不能说本金不会少: a negator or hedge just before denies the claim.
      if (hitsOf(a, 'neg').some((n) => n.end <= m.index && m.index - n.end <= 8)) continue;
      const clause =
        t
          .slice(0, m.index)
          .split(/[，。,.;；!?！？]/)
          .pop() ?? '';
      if (/不是|不像|不等于|并非|not |isn't|aren't|unlike/.test(clause)) continue;
      // 不是存款 / 不像存款 / 并非跟存款一样 / 不会让你本金… : the comparison or claim is denied.
      if (/(?:不|没|非|别|not|isn't|no)[^，。,.]{0,3}$/.test(before6) && rule !== 'no-risk-plain') continue;
      if (/(?:没有|不是|并非|不存在)$/.test(before6)) continue;
      const sent = sentenceText(a, m.index).text;
      if (
        /可能|不保本|不保证|并非|不等于|不是存款|isn't a deposit|not a deposit|is not|might|may |could/.test(sent) &&
        !/但|but|实际上|actually/.test(sent)
      )
        continue;
      principal.push({ start: m.index, end, rule });
      flags.push(11);
    }
  }

  // 6. A reply to the viewer: a bare yes carries what was asked; a figure answers "how much".
  const v = a.context?.text;
  if (v !== undefined) {
    const short = t.length <= 32;
    if (short && AFFIRM.test(t) && !DENY.test(t.slice(0, 6))) {
      const asksGain = ASKS_GAIN.test(v) || hitsOf(a.context as Analysis, 'promise_of_returns').length > 0;
      if (asksGain && !ASKS_SAFE.test(v) && !PAST.test(v))
        returns.push({ start: 0, end: t.length, rule: 'yes-to-promise' });
      if (ASKS_SAFETY.test(v) && !/账户/.test(v) && !/会亏|会跌|可能|波动|亏损|can lose|could lose|not safe/.test(t))
        principal.push({ start: 0, end: t.length, rule: 'yes-to-guarantee' });
      flags.push(7);
    }
    if (
      short &&
      ASKS_LOSS.test(v) &&
      !ASKS_SAFETY.test(v) &&
      NO_A.test(t) &&
      !/可能|不保证|不一定|有风险|都有风险/.test(t)
    ) {
      principal.push({ start: 0, end: t.length, rule: 'no-loss-answer' });
      flags.push(8);
    }
    if (
      ASKS_HOW_MUCH.test(v) &&
      ASKS_GAIN.test(v) &&
      !PAST.test(v) &&
      !/成立/.test(v) &&
      figures.length > 0 &&
      returns.length === 0
    ) {
      const f = figures[0] as { start: number; end: number };
      const near = t.slice(Math.max(0, f.start - 14), f.end + 16);
      if (!SOFTEN.test(near) && !PAST.test(near) && !hypo(f.start) && hitsOf(a, 'disclaimer').length === 0) {
        returns.push({ start: f.start, end: f.end, rule: 'figure-answers-how-much' });
        flags.push(9);
      }
    }
  }
  return { returns, principal, flags };
}
